"""``make demo`` on a fresh clone without ``../shared``: the demo stands alone on the sample documents
written for the project (``documents/sample``), and every role's start page and the main pages show
real content, in headless Chromium. The demo is loaded once for the module's one test."""
from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# what each demo user must find to do on the start page ({year}: the year the demo runs in)
TASKS = {
    "unn-rapportor": r"Rapporter å fylle ut\s+1\. tertial {year}",
    "unn-godkjenner": r"Registrer styrevedtak",
    "fin-rapportor": r"Start rapport for",
    "hn-eier": r"Åpne og godkjenn",
    "hod": r"Til godkjenning\s+Helse Nord RHF: Årlig melding {year}",
    "sb-rapportor": r"Start rapport for 1\. tertial {year}",
    "unn-leser": r"Åpne tiltak etter frist\s+1 av \d+ åpne tiltak har passert fristen\.\s+Rekruttering",
    "admin": r"Oppdragsdokument 2026 – Helse Nord RHF",
}


def test_the_demo_without_shared_shows_every_role_a_task_and_every_page_content(
        browser, live_server, monkeypatch, tmp_path, settings):
    from styring.accounts.demo import DEMO_PASSWORD
    from styring.documents.demo_data import demo_year
    from styring.documents.models import SteeringDocument
    from styring.reporting.models import Report, ReportStatus
    from styring.requirements.models import ItemLink

    monkeypatch.setenv("STYRING_SHARED", str(tmp_path / "ingen-shared"))  # a fresh clone: no ../shared beside it
    monkeypatch.delenv("STYRING_REQUIRE_SHARED", raising=False)  # nothing here reads ../shared
    out = io.StringIO()
    call_command("load_demo", demo_in_production=True, stdout=out)
    assert "styringskrav_2026_helse_nord.txt" in out.getvalue() and "001_" not in out.getvalue()
    hn = SteeringDocument.objects.get(issuers__code="HN")
    hod = SteeringDocument.objects.get(issuers__code="HOD")
    draft = Report.objects.get(organisation__code="UNN", status=ReportStatus.DRAFT)
    # a ministry item passed on to the trusts (a confirmed link down to Helse Nord's document)
    ministry_item = ItemLink.objects.confirmed().filter(parent__document=hod).order_by("pk").first().parent
    year = demo_year()  # the documents' text is 2026's (money, calendar); the cycle is this year's

    def login(user):
        context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto("/logg-inn/")
        page.fill("#id_username", user)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/logg-inn/" not in url)
        return context, page

    def main(page, url) -> str:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        return page.inner_text("main").replace("\xa0", " ")

    for user, task in TASKS.items():
        context, page = login(user)
        assert re.search(task.replace("{year}", str(year)), main(page, "/")), f"no task on {user}'s start page"
        if user == "unn-rapportor":
            report = main(page, f"/rapportering/{draft.pk}/")
            entries = draft.entries.count()
            assert f"1. tertial {year}" in report and entries >= 10 and page.locator("article").count() >= entries
        if user == "hn-eier":
            money = main(page, "/penger/?year=2026")
            assert "8 942 700 000" in money and "Universitetssykehuset Nord-Norge HF" in money
            cascade = main(page, "/kaskade/")
            # the ministry's items, each with what the trusts' items that carry it out have reported
            assert ministry_item.text[:40] in cascade and cascade.count("Ikke rapportert") >= 10
            wheel = main(page, "/arshjul/?year=2026")
            assert all(label in wheel for label in ("risikovurdering", "1. tertial", "2. tertial", "Frist i krav"))
            items = main(page, f"/dokumenter/{hn.pk}/")
            assert str(hn.items.count()) in items
        if user in ("unn-leser", "hod"):  # the Norwegian 404 page, also with DEBUG on as in make demo
            settings.DEBUG = True
            response = page.goto("/finnes-ikke/")
            assert response is not None and response.status == 404 and "Fant ikke siden" in page.inner_text("main")
            settings.DEBUG = False
        if user == "hod":
            regions = main(page, f"/kaskade/krav/{ministry_item.pk}/regioner/")
            assert "Helse Nord RHF" in regions
            money = main(page, "/penger/?year=2026")
            assert "20 500 000 000" in money
        context.close()
