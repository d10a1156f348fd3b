"""A status that contradicts its own indicator (headless Chromium): while writing, the measured
colour, value and target stand beside the status, and "Oppnådd" against a red indicator is warned
about; the report is still sent, but only with a reason, which the owner sees in the matrix and the
history keeps."""
from __future__ import annotations

import os

import pytest

from styring.indicators.models import IndicatorValue
from styring.reporting.models import Report, ReportStatus
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_entry
from tests.reporting.test_cycle_in_browser import open_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("STYRING_SCREENSHOTS")
REASON = "Tallet for april er foreløpig; vår egen registrering for perioden viser 71 %."


def _shots(page, name: str) -> None:
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 720})


def test_oppnadd_against_a_red_indicator_needs_a_reason(page, login, assert_accessible, people, periods, orgs,
                                                         hn_doc):
    report = ensure_report(orgs["UNN"], periods.t1)
    pakke = report.entries.get(item=hn_doc.items["pakke"])  # "… skal være minst 70 %"
    IndicatorValue.objects.create(indicator=hn_doc.items["pakke"].indicators.get(), organisation=orgs["UNN"],
                                  period="2024-04", year=2024, value=64.5, source="Helsedirektoratet")
    for entry in report.entries.exclude(pk=pakke.pk):
        fill_entry(entry, people.reporter, "achieved")
    login(people.reporter)
    page.goto(f"/rapportering/{report.pk}/")
    open_editor(page, pakke)
    editor = page.locator(f"#punkt-{pakke.pk}")
    measured = editor.locator(".st-measured").inner_text()
    assert "Rød" in measured and "64,5 % mot mål ≥ 70 %" in measured  # beside the status, while writing
    warning = page.locator(f"#motsigelse-{pakke.pk}")
    assert warning.inner_text() == ""
    page.check(f"#status-{pakke.pk}-achieved")  # the autosave answers with the warning
    warning.get_by_text("«Oppnådd» motsier indikatoren, som er rød.").wait_for()
    assert_accessible(page, "editor warning of a contradiction")
    _shots(page, "contradiction-editor")

    # sending is refused until the contradiction has a reason, shown on the entry
    bar = page.get_by_role("region", name="Handlinger for rapporten")
    bar.get_by_role("button", name="Send rapporten (administrativt)").click()
    page.wait_for_url(f"**/rapportering/{report.pk}/?mangler=1#punkt-{pakke.pk}")
    assert "Begrunn hvorfor statusen avviker fra indikatoren." in page.locator(f"#punkt-{pakke.pk}-mangler").inner_text()
    assert "motsier indikatoren" in page.locator(f"#punkt-{pakke.pk}").inner_text()
    open_editor(page, pakke)
    assert page.locator(f"#begrunnelse-{pakke.pk}").get_attribute("aria-invalid") == "true"
    page.fill(f"#begrunnelse-{pakke.pk}", REASON)
    page.get_by_role("button", name="Lagre punktet").click()
    page.locator(f"#lagret-{pakke.pk}").get_by_text("Lagret kl.").wait_for()
    bar.get_by_role("button", name="Send rapporten (administrativt)").click()
    page.get_by_text("Rapporten er sendt", exact=False).first.wait_for()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert pakke.__class__.objects.get(pk=pakke.pk).contradiction_reason == REASON

    # the history keeps the reason
    page.goto(f"/rapportering/{report.pk}/historikk/")
    assert "begrunnelse for status mot indikatoren" in page.content()

    # the owner sees the contradiction in the matrix, and the reason in the cell
    page.context.clear_cookies()
    login(people.owner)
    page.goto(f"/oppfolging/?periode={periods.t1.pk}")
    row = page.get_by_role("row").filter(has_text="Andel pakkeforløp")
    assert "Status motsier indikatoren" in row.inner_text() and "(uten begrunnelse)" not in row.inner_text()
    assert_accessible(page, "matrix with a contradiction")
    _shots(page, "contradiction-matrix")
    row.get_by_role("link", name="Grønn: UNN", exact=False).click()
    dialog = page.locator("#celletekst")
    dialog.get_by_text(REASON, exact=False).wait_for()
    assert "«Oppnådd» motsier indikatoren, som er rød." in dialog.inner_text()
