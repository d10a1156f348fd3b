"""The review screen's htmx interactions in headless Chromium (stand-in extractor, so it is quick)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = (
    "#assignment 101 1 UNN,NLSH frist=2024-09-15\nFørste setning om rutiner. Andre setning om opplæring.",
    "#indicator - 3 FIN,UNN\nVentetiden skal være under 50 dager.",
    "#goal - 2 HSYK\nEt mål for kvalitet.",
)


def test_split_merge_and_confirm_on_the_review_screen(
    page, login, make_user, fake_extractor, write_doc, assert_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(make_user("HN", "owner_staff"))
    page.goto("/dokumenter/last-opp/")
    page.set_input_files("#id_file", str(write_doc("hn.txt", *ITEMS)))
    page.fill("#id_year", "2024")
    page.get_by_role("button", name="Last opp og les inn").click()
    page.wait_for_url(re.compile(r"/gjennomgang/$"))
    assert_accessible(page, "review screen")
    cards = page.locator("#review-items article.st-item")
    assert cards.count() == 3

    first = cards.nth(0)
    first.get_by_role("link", name="Rediger").click()
    area = page.locator("textarea[name$='-text']")
    area.wait_for()
    assert_accessible(page, "edit form open")
    position = area.input_value().index("Andre")
    area.evaluate(f"(el) => {{ el.focus(); el.setSelectionRange({position}, {position}); el.click(); }}")
    area.press("ArrowRight")
    area.press("ArrowLeft")
    page.get_by_role("button", name="Del ved markøren").click()
    expect(cards).to_have_count(4)  # (a string predicate would need eval, which the page's CSP forbids)
    assert cards.nth(0).locator(".st-item__text").inner_text() == "Første setning om rutiner."

    cards.nth(1).get_by_role("button", name="Slå sammen med neste").click()
    page.locator("#review-items article.st-item", has_text="Ventetiden skal være under 50 dager.").first.wait_for()
    expect(cards).to_have_count(3)
    assert "Andre setning om opplæring.\nVentetiden" in cards.nth(1).locator(".st-item__text").inner_text()

    cards.nth(2).get_by_role("button", name="Bekreft").click()
    cards.nth(2).locator(".ds-tag", has_text="Bekreftet").wait_for()
    assert_accessible(page, "review screen after changes")
    page.goto(page.url.replace("gjennomgang/", ""))
    assert "1 bekreftet" in page.locator("main").inner_text()
    assert_accessible(page, "document detail in review")
