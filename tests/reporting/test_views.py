"""The report pages: what each role sees and may do; a trust never sees another trust's drafts."""
from __future__ import annotations

import pytest

from styring.reporting import workflow
from styring.reporting.models import Report, ReportStatus
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_report


@pytest.fixture
def unn_draft(orgs, periods):
    return ensure_report(orgs["UNN"], periods.t1)


# who → may open UNN's draft / UNN's sent report
DRAFT_VISIBILITY = [
    ("reporter", 200, 200), ("approver", 200, 200), ("reader", 200, 200),
    ("owner", 404, 200), ("hod", 404, 200), ("other_owner", 404, 404),
    ("fin_reporter", 404, 404), ("fin_approver", 404, 404),
]


@pytest.mark.parametrize("who,draft_status,sent_status", DRAFT_VISIBILITY)
def test_report_visibility(client, people, unn_draft, who, draft_status, sent_status):
    client.force_login(getattr(people, who))
    assert client.get(f"/rapportering/{unn_draft.pk}/").status_code == draft_status
    assert client.get(f"/rapportering/{unn_draft.pk}/historikk/").status_code == draft_status
    fill_report(unn_draft, people.reporter)
    workflow.submit(unn_draft, people.reporter)
    assert client.get(f"/rapportering/{unn_draft.pk}/").status_code == sent_status


def test_list_shows_own_reports_and_start_button(client, people, periods, orgs):
    ensure_report(orgs["FIN"], periods.t1)  # FIN's draft: never on UNN's list
    client.force_login(people.reporter)
    page = client.get("/rapportering/").content.decode()
    assert "Start rapport for 1. tertial 2024" in page and "FIN" not in page
    response = client.post(f"/rapportering/perioder/{periods.t1.pk}/start/")
    report = Report.objects.get(organisation=orgs["UNN"], period=periods.t1)
    assert response.status_code == 302 and response["Location"] == f"/rapportering/{report.pk}/"
    client.force_login(people.reader)
    assert client.post(f"/rapportering/perioder/{periods.t2.pk}/start/").status_code == 403


def test_detail_groups_by_main_goal_and_shows_indicator_value(client, people, unn_draft, hn_doc, orgs):
    from styring.indicators.models import IndicatorValue

    series = hn_doc.items["pakke"].indicators.get()  # "… skal være minst 70 %": read from the text
    IndicatorValue.objects.create(indicator=series, organisation=orgs["UNN"], period="2024-03", year=2024,
                                  value=64.5, source="Helsedirektoratet")
    IndicatorValue.objects.create(indicator=series, organisation=orgs["UNN"], period="2024-04", year=2024,
                                  value=67.25)
    client.force_login(people.reporter)
    page = client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    h1 = page.index("Hovedmål 1: Styrke psykisk helsevern")
    h2 = page.index("Hovedmål 2: Styrke forskning")
    h3 = page.index("Hovedmål 3: Rask tilgang")
    assert h1 < page.index("Andel pakkeforløp") < h2 < page.index("sykefravær") < h3 < page.index("ventetid skal")
    assert "Siste verdi: <strong>67.25</strong>" in page or "Siste verdi: <strong>67,25</strong>" in page
    assert "Rød</span> 67,25 % mot mål ≥ 70 %" in page  # the target evaluates itself: missed is red
    assert "Send rapporten (administrativt)" in page
    # each entry's editor (with autosave) is loaded on demand, in place of its compact view
    entry = unn_draft.entries.get(item=hn_doc.items["pakke"])
    editor_url = f"/rapportering/{unn_draft.pk}/punkt/{entry.pk}/rediger/"
    assert f'hx-get="{editor_url}" hx-target="#punkt-{entry.pk}" hx-swap="outerHTML"' in page
    editor = client.get(editor_url, HTTP_HX_REQUEST="true").content.decode()
    assert editor.startswith(f'<article class="st-entry st-stack" id="punkt-{entry.pk}"')
    assert 'hx-trigger="submit, change, keyup changed delay:2s"' in editor
    assert f'name="expected_version" id="versjon-{entry.pk}" value="{entry.version}"' in editor
    assert "Siste verdi: <strong>67.25</strong>" in editor or "Siste verdi: <strong>67,25</strong>" in editor


def test_autosave_and_conflict_over_http(client, people, unn_draft, make_user):
    entry = unn_draft.entries.first()
    url = f"/rapportering/{unn_draft.pk}/punkt/{entry.pk}/"
    client.force_login(people.reporter)
    response = client.post(url, {"text": "Første utkast", "expected_version": entry.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Lagret kl." in response.content.decode()
    assert f'value="{entry.version + 1}" hx-swap-oob="true"' in response.content.decode()
    # a colleague with the old version open
    colleague = make_user("UNN", "reporter")
    client.force_login(colleague)
    response = client.post(url, {"text": "Kollegaens tekst", "expected_version": entry.version}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 409 and "Lagringskonflikt" in body
    assert "Kollegaens tekst" in body and "Første utkast" in body
    # without htmx: a page of its own with both versions
    response = client.post(url, {"text": "Kollegaens tekst", "expected_version": entry.version})
    assert response.status_code == 409 and "Din versjon" in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Første utkast"


def test_workflow_buttons_over_http(client, people, unn_draft):
    client.force_login(people.reporter)
    response = client.post(f"/rapportering/{unn_draft.pk}/send/")
    assert response.status_code == 302 and "?mangler=1#punkt-" in response["Location"]
    response = client.get(response["Location"])
    assert "Velg måloppnåelse." in response.content.decode()
    fill_report(unn_draft, people.reporter)
    client.post(f"/rapportering/{unn_draft.pk}/send/")
    client.force_login(people.approver)
    assert "Registrer styrevedtak" in client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    client.post(f"/rapportering/{unn_draft.pk}/styrevedtak/", {
        "case_number": "12/24", "meeting_date": "2024-05-30", "decision_text": "Godkjent.", "minutes_reference": "P1"})
    client.force_login(people.owner)
    page = client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    assert "Godkjenn rapporten" in page and "Returner rapporten" in page
    client.post(f"/rapportering/{unn_draft.pk}/godkjenn/")
    unn_draft.refresh_from_db()
    assert unn_draft.status == ReportStatus.APPROVED
    assert client.post(f"/rapportering/{unn_draft.pk}/send/").status_code == 403  # the owner may not submit
    client.force_login(people.reporter)
    response = client.post(f"/rapportering/{unn_draft.pk}/send/", follow=True)
    assert "har status «Godkjent» og kan ikke sendes" in response.content.decode()
    unn_draft.refresh_from_db()
    assert unn_draft.status == ReportStatus.APPROVED


def test_history_csv(client, people, unn_draft):
    fill_report(unn_draft, people.reporter)
    workflow.submit(unn_draft, people.reporter)
    client.force_login(people.owner)
    response = client.get(f"/rapportering/{unn_draft.pk}/historikk/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "tidspunkt;bruker;organisasjon;gjelder;endring"
    assert any("status: Ikke vurdert → Oppnådd" in line or "status: – → Oppnådd" in line for line in lines)
    assert any(line.endswith("Sendt (administrativt)") and "unn-rapportor" in line for line in lines)


def test_periods_page_for_owner_only(client, people, periods):
    client.force_login(people.reporter)
    assert client.get("/rapportering/perioder/").status_code == 403
    client.force_login(people.owner)
    page = client.get("/rapportering/perioder/").content.decode()
    assert "1. tertial 2024" in page
    client.post(f"/rapportering/perioder/{periods.t1.pk}/", {"admin_deadline": "2024-05-20", "board_deadline": "2024-06-05"})
    periods.t1.refresh_from_db()
    assert str(periods.t1.admin_deadline) == "2024-05-20"
    client.post("/rapportering/perioder/", {"year": "2025"})
    from styring.reporting.models import ReportingPeriod

    assert ReportingPeriod.objects.filter(year=2025, issuer__code="HN").count() == 4
    client.force_login(people.other_owner)  # Helse Sør-Øst neither sees nor edits Helse Nord's periods
    assert client.post(f"/rapportering/perioder/{periods.t1.pk}/", {"admin_deadline": "2024-05-21"}).status_code == 404
    periods.t1.refresh_from_db()
    assert str(periods.t1.admin_deadline) == "2024-05-20"


def test_risk_page(client, people, periods, hn_doc, orgs):
    client.force_login(people.reporter)
    url = f"/rapportering/risiko/UNN/?periode={periods.t1.pk}"
    client.post(url, {"action": "ny", "title": "Mangel på spesialsykepleiere", "owner": "HR-direktør", "top5": "on",
                      "item": hn_doc.items["ventetid"].pk})
    from styring.reporting.models import Risk

    risk = Risk.objects.get(organisation=orgs["UNN"])
    client.post(url, {"risk": risk.pk, "probability": "4", "consequence": "4", "measures": "Rekruttering"})
    page = client.get(url).content.decode()
    assert "4 × 4 = 16 (svært høy)" in page and "st-level-red" in page
    client.force_login(people.fin_reporter)
    assert client.get(url).status_code == 404


def test_entry_editor_on_demand(client, people, unn_draft):
    entry = unn_draft.entries.first()
    editor_url = f"/rapportering/{unn_draft.pk}/punkt/{entry.pk}/rediger/"
    show_url = f"/rapportering/{unn_draft.pk}/punkt/{entry.pk}/vis/"
    client.force_login(people.reporter)
    # without JavaScript the editor is a page of its own, headings in order
    page = client.get(editor_url).content.decode()
    assert "<h1" in page and f'<h2 class="ds-heading" data-size="xs" id="punkt-{entry.pk}-tittel">' in page
    assert f'id="tekst-{entry.pk}"' in page and "Lagre punktet" in page and "Legg til tiltaket" in page
    # ?rediger= opens one entry's editor on the report page (where adding a measure returns to)
    page = client.get(f"/rapportering/{unn_draft.pk}/?rediger={entry.pk}").content.decode()
    assert page.count('name="expected_version"') == 1 and f'id="tekst-{entry.pk}"' in page
    # closing the editor gives the compact view back
    compact = client.get(show_url, HTTP_HX_REQUEST="true").content.decode()
    assert compact.startswith(f'<article class="st-entry st-stack" id="punkt-{entry.pk}"')
    assert "Rediger punktet" in compact and "<form" not in compact
    assert client.get(show_url)["Location"].endswith(f"#punkt-{entry.pk}")
    # who may not edit gets the compact view (or the report page), never a form
    client.force_login(people.reader)
    compact = client.get(editor_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<form" not in compact and "Rediger punktet" not in compact
    assert client.get(editor_url).status_code == 302
    assert "Rediger punktet" not in client.get(f"/rapportering/{unn_draft.pk}/?rediger={entry.pk}").content.decode()
    client.force_login(people.fin_reporter)
    assert client.get(editor_url, HTTP_HX_REQUEST="true").status_code == 404
    assert client.get(show_url, HTTP_HX_REQUEST="true").status_code == 404


def test_compact_view_escapes_what_users_write(client, people, unn_draft, orgs):
    from styring.reporting.models import Measure, Risk

    entry = unn_draft.entries.select_related("item").first()
    risk = Risk.objects.create(organisation=orgs["UNN"], title="<b>Risiko</b> & fare")
    unn_draft.entries.filter(pk=entry.pk).update(
        text='<script>alert("x")</script>\nlinje 2', deviation="a < b", expected_completion='"snart"', risk=risk,
        status="partly")
    Measure.objects.create(organisation=orgs["UNN"], item=entry.item, created_in=entry, description="<i>tiltak</i>",
                           owner="Sjef & co", due_date="2024-09-30")
    client.force_login(people.reporter)
    page = client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>linje 2" in page
    assert "a &lt; b" in page and "&quot;snart&quot;" in page and "&lt;b&gt;Risiko&lt;/b&gt; &amp; fare" in page
    assert "&lt;i&gt;tiltak&lt;/i&gt; – ansvarlig Sjef &amp; co, frist 30.9.2024" in page
    assert '<span aria-hidden="true">◐</span> Delvis oppnådd' in page
