"""The pages of the exports and the API docs in Chromium: they work and axe-core finds no violation."""
from __future__ import annotations

import pytest

from tests.exports.factories import build_cycle
from tests.exports.test_template import filled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_index_and_api_docs_are_accessible(page, orgs, make_user, login, assert_accessible):
    cycle = build_cycle()
    login(make_user("HN", "owner_staff"))
    page.goto("/eksport/")
    assert page.locator("h1").inner_text() == "Dokumenter ut"
    assert_accessible(page, "/eksport/")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Word – Universitetssykehuset Nord-Norge HF, {cycle.annual}").click()
    assert download.value.suggested_filename == "aarlig-melding-2024-UNN.docx"
    with page.expect_download() as download:
        page.get_by_role("link", name=f"PDF – Universitetssykehuset Nord-Norge HF, {cycle.annual}").click()
    assert download.value.suggested_filename == "aarlig-melding-2024-UNN.pdf"
    # the consolidated report is built in the background: the button leads to the job's progress
    page.get_by_role("button", name=f"Lag PDF – {cycle.annual}, Helse Nord RHF").click()
    page.wait_for_url("**/jobber/*/")
    assert page.locator("progress").count() == 1 and "PDF" in page.inner_text("main")
    page.goto("/api/docs/")
    assert "Styrings-API" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="POST /api/reports/{id}/submit/").count() == 1
    assert_accessible(page, "/api/docs/")


def test_reporter_uploads_template_with_errors_then_fixed(page, orgs, make_user, login, assert_accessible, tmp_path):
    cycle = build_cycle()
    report = cycle.report("UNN", "tertial")
    login(make_user("UNN", "reporter"))
    page.goto(f"/eksport/rapport/{report.pk}/last-opp/")
    assert_accessible(page, "upload form")
    bad = tmp_path / "feil.xlsx"
    bad.write_bytes(filled(report, [{"ref": "2", "status": "Gul"}, {"ref": "x", "nr": "99", "text": "?"}]).getvalue())
    page.set_input_files("#id_fil", str(bad))
    page.get_by_role("button", name="Last opp").click()
    errors = page.locator("#opplastingsfeil li").all_inner_texts()
    assert errors == ["Rad 8: ugyldig status «Gul» (bruk Oppnådd, Delvis oppnådd, Ikke oppnådd).",
                      "Rad 14: ukjent nummer «99»."]
    assert_accessible(page, "upload with errors")
    good = tmp_path / "riktig.xlsx"
    good.write_bytes(filled(report, [{"ref": "2", "status": "Delvis oppnådd", "text": "Fra Excel."}]).getvalue())
    page.set_input_files("#id_fil", str(good))
    page.get_by_role("button", name="Last opp").click()
    assert "1 punkter oppdatert" in page.locator("[role=status]").first.inner_text()
    assert report.entries.get(item__ref="2").text == "Fra Excel."
