"""The trace of a Helse Nord 100-series item (HOD's assignment 104) down to the trusts'
requirement 1 and their reports, in the browser and over the API; the roll-up and the
confirmation of a suggestion."""
from __future__ import annotations

import pytest

from styring.requirements.models import ItemLink

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cycle(seed_001, hn_owner, orgs):
    """Seed 001 confirmed, the 1 → 104 link confirmed, UNN's annual report sent (partly
    achieved on requirement 1) and FIN's still a draft."""
    from styring.documents.services import confirm_document
    from styring.reporting.models import PeriodKind, Report, ReportEntry, ReportStatus
    from styring.reporting.periods import create_periods

    confirm_document(seed_001, hn_owner)
    link = ItemLink.objects.get(child__document=seed_001, child__ref="1", parent__ref="104")
    link.decide(hn_owner, confirm=True)
    annual = next(p for p in create_periods(orgs["HN"], 2024, seed_001) if p.kind == PeriodKind.ANNUAL)
    unn = Report.objects.create(organisation=orgs["UNN"], period=annual, status=ReportStatus.SUBMITTED)
    ReportEntry.objects.create(report=unn, item=link.child, status="partly",
                               text="UNN har etablert ambulante team for to av tre institusjoner.")
    fin = Report.objects.create(organisation=orgs["FIN"], period=annual, status=ReportStatus.DRAFT)
    ReportEntry.objects.create(report=fin, item=link.child, status="achieved", text="FIN sitt utkast, ikke sendt.")
    return link


@pytest.mark.browser
def test_the_trace_of_104_shows_requirement_1_and_the_trusts_reports(cycle, page, login, hn_owner, assert_accessible):
    login(hn_owner)
    page.goto(f"/kaskade/krav/{cycle.parent.pk}/")
    thread = page.locator("#videreført")
    assert "Helseforetakene skal sikre at alle barnevernsinstitusjoner" in thread.inner_text()
    text = page.inner_text("main")
    assert "UNN har etablert ambulante team" in text and "Delvis oppnådd" in text
    assert "FIN sitt utkast" not in text  # a trust's draft is its own
    assert "Ikke rapportert" in text
    assert_accessible(page, "sporing")
    page.screenshot(path="/tmp/wt13-trace-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/wt13-trace-390.png", full_page=True)
    # and up again from the requirement
    page.click("#videreført a >> nth=0")
    assert "Bygger på" in page.inner_text("main")
    assert "Helse Nord RHF skal planlegge for at alle barnevernsinstitusjoner" in page.inner_text("main")


def test_the_trace_api_gives_the_chain_with_each_trusts_latest_status(cycle, client, hn_owner, make_user):
    client.force_login(hn_owner)
    data = client.get(f"/api/items/{cycle.parent.pk}/trace/").json()
    assert data["item"]["ref"] == "104" and data["up"] == []
    child = next(c for c in data["item"]["children"] if c["id"] == cycle.child_id)
    reports = {r["organisation"]: r["status"] for r in child["reports"]}
    assert reports["UNN"] == "partly" and reports["FIN"] == "" and set(reports) == {"FIN", "UNN", "NLSH", "HSYK"}
    up = client.get(f"/api/items/{cycle.child_id}/trace/").json()["up"]
    assert [[i["ref"] for i in chain] for chain in up] == [["104"]]
    # UNN sees its own draft-free chain: its requirement, not Helse Nord's 100-series item
    client.force_login(make_user("FIN", "reporter"))
    assert client.get(f"/api/items/{cycle.parent.pk}/trace/").status_code == 404
    fin_view = client.get(f"/api/items/{cycle.child_id}/trace/").json()
    assert {r["organisation"]: r["status"] for r in fin_view["item"]["reports"]} == {"FIN": "achieved"}


def test_the_rollup_lists_104_with_its_missing_answers_and_a_draft(cycle, client, hn_owner):
    client.force_login(hn_owner)
    page = client.get("/kaskade/").content.decode()
    assert "UNN har etablert ambulante team" in page and "Utkast til svar i årlig melding" in page
    missing = client.get("/kaskade/?mangler=on").content.decode()
    assert "Mangler svar fra:" in missing and "Finnmarkssykehuset" in missing
    assert client.get("/kaskade/?ar=abc").status_code == 400


@pytest.mark.browser
def test_owner_staff_confirm_a_suggestion(seed_001, page, login, hn_owner, assert_accessible):
    login(hn_owner)
    page.goto(f"/kaskade/forslag/?dokument={seed_001.pk}")
    card = page.locator("article", has_text="nr. 26 → nr. 125")
    assert card.count() == 1
    page.screenshot(path="/tmp/wt13-suggestions-1280.png", full_page=False)
    assert_accessible(page, "forslag")
    card.get_by_role("button", name="Bekreft").click()
    page.wait_for_selector("text=Koblingen er bekreftet.")
    assert ItemLink.objects.get(child__document=seed_001, child__ref="26").status == ItemLink.Status.CONFIRMED
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/wt13-suggestions-390.png", full_page=False)


def test_the_rhf_puts_the_rollup_draft_into_its_own_annual_report(cycle, client, hn_owner, make_user, orgs):
    """Helse Nord's owner staff compile the region's answer to HOD: the draft made from the trusts'
    reports goes into Helse Nord's own entry on 104, after the text already there, recorded in the
    entry's history."""
    from styring.reporting.models import PeriodKind, Report, ReportEntry, ReportingPeriod, ReportStatus

    period = ReportingPeriod.objects.create(issuer=orgs["HOD"], year=2024, kind=PeriodKind.ANNUAL)
    report = Report.objects.create(organisation=orgs["HN"], period=period, status=ReportStatus.DRAFT)
    entry = ReportEntry.objects.create(report=report, item=cycle.parent, text="Helse Nord har fulgt opp.")
    reporter = hn_owner
    client.force_login(reporter)
    page = client.get("/kaskade/").content.decode()
    assert "Legg utkastet inn i årlig melding 2024" in page
    url = f"/kaskade/krav/{cycle.parent.pk}/bruk-utkast/"
    assert client.post(url, {"versjon": "x"}).status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Helse Nord har fulgt opp."  # a stale or broken form writes nothing
    response = client.post(url, {"versjon": entry.version})
    assert response.status_code == 302 and response["Location"].endswith(f"#punkt-{entry.pk}")
    entry.refresh_from_db()
    assert entry.text.startswith("Helse Nord har fulgt opp.\n\n")
    assert "UNN har etablert ambulante team" in entry.text and "FIN sitt utkast" not in entry.text
    assert entry.updated_by == reporter and entry.history.count() >= 2
    # once sent, the answer is closed: no button, and a post changes nothing
    report.status = ReportStatus.SUBMITTED
    report.save()
    assert "Legg utkastet inn" not in client.get("/kaskade/").content.decode()
    before = entry.text
    client.post(url, {"versjon": entry.version})
    entry.refresh_from_db()
    assert entry.text == before
