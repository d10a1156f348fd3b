"""The report page guides the reporter (headless Chromium): sending an unfinished report lands on
the first entry to fix, with each entry's problem on the entry and a summary with links at the top;
the filters swap the list (htmx) and "Neste ufullstendige" jumps to the next unfinished entry."""
from __future__ import annotations

import os

import pytest

from styring.reporting.models import ReportStatus
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_entry
from tests.reporting.test_cycle_in_browser import open_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FOCUSED = "id => document.activeElement !== null && document.activeElement.id === id"
SHOTS = os.environ.get("STYRING_SCREENSHOTS")  # a folder: save screenshots there (never in the repo)


def test_failed_send_lands_on_the_first_entry_to_fix(page, login, assert_accessible, people, periods, orgs, hn_doc):
    report = ensure_report(orgs["UNN"], periods.t1)
    entries = {e.item_id: e for e in report.entries.select_related("item")}
    pakke, forsk, ventetid = (entries[hn_doc.items[k].pk] for k in ("pakke", "forsk", "ventetid"))
    fill_entry(forsk, people.reporter, "achieved")  # complete
    fill_entry(ventetid, people.reporter, "partly")  # yellow without explanation or measure
    login(people.reporter)
    page.goto(f"/rapportering/{report.pk}/")
    assert "Fremdrift: 1 av 3 utfylt" in page.locator("#fremdrift").inner_text()
    bar = page.get_by_role("region", name="Handlinger for rapporten")
    assert "1 av 3 utfylt" in bar.inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/report-1280.png", full_page=True)

    # send from the sticky bar: refused, the page lands on the first entry to fix
    bar.get_by_role("button", name="Send rapporten (administrativt)").click()
    page.wait_for_url(f"**/rapportering/{report.pk}/?mangler=1#punkt-{pakke.pk}")
    page.wait_for_function(FOCUSED, arg=f"punkt-{pakke.pk}")
    summary = page.locator("#mangler")
    assert "2 punkter mangler svar" in summary.inner_text()
    assert summary.get_by_role("link").count() == 2
    first = page.locator(f"#punkt-{pakke.pk}")
    assert first.get_attribute("aria-describedby") == f"punkt-{pakke.pk}-mangler"
    assert "Velg måloppnåelse." in page.locator(f"#punkt-{pakke.pk}-mangler").inner_text()
    problems = page.locator(f"#punkt-{ventetid.pk}-mangler").inner_text()
    assert "Forklar avviket." in problems and "Legg inn minst ett tiltak" in problems
    assert page.locator(f"#punkt-{forsk.pk}-mangler").count() == 0
    assert first.evaluate("e => e.getBoundingClientRect().top") < page.viewport_size["height"] / 2
    assert ReportStatus(report.__class__.objects.get(pk=report.pk).status) == ReportStatus.DRAFT
    assert_accessible(page, "report page after a failed send")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/report-failed-send-1280.png")

    # "Neste ufullstendige" jumps from the focused entry to the next unfinished one
    bar.get_by_role("link", name="Neste ufullstendige").click()
    page.wait_for_function(FOCUSED, arg=f"punkt-{ventetid.pk}")
    # the editor, opened from an entry that lacks something, marks its fields
    open_editor(page, ventetid)
    assert page.locator(f"#avvik-{ventetid.pk}").get_attribute("aria-invalid") == "true"
    # the progress follows the autosave (green needs nothing more)
    page.check(f"#status-{ventetid.pk}-achieved")
    page.locator("#fremdrift").get_by_text("Fremdrift: 2 av 3 utfylt").wait_for()
    assert "2 av 3 utfylt" in bar.inner_text()
    fill_entry(ventetid, people.reporter, "partly")  # back as it was
    assert_accessible(page, "editor with its problems")

    # ending a measure asks first, on a page of its own; "Nei" leaves it open
    from styring.reporting.entries import add_measure
    from styring.reporting.models import Measure

    add_measure(ventetid, people.reporter, description="Innleie", owner="Klinikksjef", due_date="2024-09-30")
    page.goto(f"/rapportering/{report.pk}/?rediger={ventetid.pk}#punkt-{ventetid.pk}")
    page.get_by_role("link", name="Avslutt tiltaket «Innleie» …").click()
    page.get_by_role("heading", name="Avslutte tiltaket?").wait_for()
    assert_accessible(page, "confirm ending a measure")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/measure-close-1280.png")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    page.locator(f"#tekst-{ventetid.pk}").wait_for()
    assert Measure.objects.get(description="Innleie").closed_at is None

    # the filters swap the list in place (htmx) and are addresses of their own
    page.goto(f"/rapportering/{report.pk}/")
    page.get_by_role("link", name="Gul eller rød (1)").click()
    page.wait_for_url("**?vis=gul-rod")
    page.locator("#filterstatus").get_by_text("Viser 1 av 3 punkter").wait_for()
    assert page.locator("article.st-entry").count() == 1 and page.locator(f"#punkt-{ventetid.pk}").count() == 1
    page.get_by_role("link", name="Ufullstendige (2)").click()
    page.locator("#filterstatus").get_by_text("Viser 2 av 3 punkter").wait_for()
    assert page.locator(".st-entry-problems").count() == 2  # the filter of the unfinished says what lacks
    assert_accessible(page, "report page filtered")
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"/rapportering/{report.pk}/?mangler=1#punkt-{pakke.pk}")
        page.screenshot(path=f"{SHOTS}/report-failed-send-390.png")
        page.goto(f"/rapportering/{report.pk}/?mangler=1")
        page.screenshot(path=f"{SHOTS}/report-top-390.png", full_page=True)
