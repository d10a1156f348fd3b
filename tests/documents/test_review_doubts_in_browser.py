"""A document with an unmarked list and a wrongly guessed addressee, through the real extractor in
headless Chromium: the uncertain items come first with their reasons, and one bulk action corrects
every item's recipients."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent / "data"


def test_uncertain_items_first_and_one_correction_for_all(page, login, make_user, assert_accessible, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(make_user("HN", "owner_staff"))
    page.goto("/dokumenter/last-opp/")
    page.set_input_files("#id_file", str(DATA / "feil_mottaker.txt"))
    page.fill("#id_year", "2024")
    page.get_by_role("button", name="Last opp og les inn").click()
    page.wait_for_url(re.compile(r"/gjennomgang/$"))

    alert = page.locator("#bor-kontrolleres")
    expect(alert).to_contain_text("3 krav bør kontrolleres")
    expect(alert).to_contain_text("Mottakere er usikker: mottakere: helseforetakene som HV eier")
    cards = page.locator("#review-items article.st-item")
    expect(cards).to_have_count(3)
    first = cards.nth(0)
    expect(first.locator(".ds-tag", has_text="Bør kontrolleres")).to_be_visible()
    expect(first.locator(".st-item__doubts")).to_contain_text("liste uten punkttegn, gjenkjent fra innrykk")
    expect(first).to_contain_text("HBE")  # the wrong guess: Helse Vest's trusts
    assert_accessible(page, "review screen with doubts")

    bulk = page.locator("#bulk-edit")
    expect(bulk).to_be_visible()  # the form stands open when the addressees are uncertain
    page.get_by_label("Alle krav i dokumentet").check()
    bulk.locator("select[name=field]").select_option("main_goal")
    expect(bulk.locator("[data-bulk-for=recipients]")).to_be_hidden()  # only the chosen field's value shows
    bulk.locator("select[name=field]").select_option("recipients")
    expect(bulk.locator("[data-bulk-for=main_goal]")).to_be_hidden()
    recipients = bulk.locator("fieldset", has=page.locator("legend", has_text="Mottakere"))
    for code in ("FIN", "UNN", "NLSH", "HSYK"):
        recipients.get_by_label(re.compile(rf"\({code}\)$")).check()
    bulk.get_by_role("button", name="Endre kravene").click()
    page.wait_for_url(re.compile(r"/gjennomgang/$"))
    expect(page.locator("#review-items")).to_contain_text("Mottakere er endret for 3 krav.")
    for n in range(3):
        expect(cards.nth(n).locator("dd").nth(1)).to_have_text("FIN, HSYK, NLSH, UNN")
    assert_accessible(page, "review screen after the bulk edit")
