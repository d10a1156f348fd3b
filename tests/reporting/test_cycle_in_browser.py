"""A whole cycle in headless Chromium: UNN's reporter fills in and submits the 1. tertial report,
UNN's approver records the board decision, Helse Nord's owner returns it once with a comment,
the reporter resubmits, the approver records again, the owner approves; the owner's matrix shows
the colours. Every page visited passes axe-core."""
from __future__ import annotations

import time

import pytest
from django.db import OperationalError
from docx import Document

from styring.reporting.models import Measure, Report, ReportEntry, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for(condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OperationalError:  # SQLite's shared in-memory test database, busy with the server thread
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def open_editor(page, entry):
    """Open the entry's editor (loaded on demand in place of its compact view), unless it is open."""
    pk = entry.pk
    if page.locator(f"#tekst-{pk}").count() == 0:
        page.locator(f"#punkt-{pk}").get_by_role("link", name="Rediger punktet").click()
    page.locator(f"#tekst-{pk}").wait_for()


def fill_in_entry(page, entry, status, text, deviation="", measure=None):
    pk = entry.pk
    open_editor(page, entry)
    page.check(f"#status-{pk}-{status}")
    page.fill(f"#tekst-{pk}", text)
    if deviation:
        page.fill(f"#avvik-{pk}", deviation)
    page.locator(f"#punkt-{pk}").get_by_role("button", name="Lagre punktet").click()
    wait_for(lambda: ReportEntry.objects.filter(pk=pk, status=status, text=text, deviation=deviation).exists())
    page.locator(f"#lagret-{pk}").get_by_text("Lagret kl.").wait_for()
    page.wait_for_load_state("networkidle")
    if measure:
        page.locator(f"#punkt-{pk} summary").click()
        page.fill(f"#tiltak-{pk}", measure[0])
        page.fill(f"#ansvarlig-{pk}", measure[1])
        page.fill(f"#frist-{pk}", measure[2])
        page.locator(f"#punkt-{pk}").get_by_role("button", name="Legg til tiltaket").click()
        page.get_by_text("Tiltaket er lagt til.").wait_for()


def record_board(page, report, case_number):
    page.goto(f"/rapportering/{report.pk}/")
    page.fill("#styresak", case_number)
    page.fill("#motedato", "2024-05-29")
    page.fill("#vedtak", "Styret godkjenner tertialrapporten.")
    page.fill("#protokoll", "Protokoll fra styremøte 29.05.2024")
    page.get_by_role("button", name="Registrer styrevedtak").click()
    page.get_by_text("Styrevedtaket er registrert.").wait_for()


def run_cycle(page, login_fixture, assert_accessible, reporter, approver, owner, period, colours):
    """``colours``: {item pk: status} for the entries that are not green."""

    def login(user):  # a fresh session for each person (the login form of the shared fixture)
        page.context.clear_cookies()
        login_fixture(user)

    # 1. the reporter starts, fills in and submits the report
    login(reporter)
    page.goto("/rapportering/")
    assert_accessible(page, "report list (reporter)")
    page.get_by_role("button", name=f"Start rapport for {period}").click()
    page.wait_for_url("**/rapportering/*/")
    report = Report.objects.get(organisation__code="UNN", period=period)
    assert_accessible(page, "report page (draft)")
    entries = list(report.entries.select_related("item"))
    # autosave: typing in a text field saves the draft after a pause, without any button
    first = entries[0]
    open_editor(page, first)
    assert_accessible(page, "report page (draft, an entry's editor open)")
    page.locator(f"#tekst-{first.pk}").press_sequentially("Autolagret utkast")
    wait_for(lambda: ReportEntry.objects.get(pk=first.pk).text == "Autolagret utkast")
    page.wait_for_load_state("networkidle")
    for entry in entries:
        status = colours.get(entry.item_id, "achieved")
        if status == "achieved":
            fill_in_entry(page, entry, status, f"God fremdrift på {entry.item.ref or entry.item.kind}.")
        else:
            fill_in_entry(page, entry, status, "Forsinket.", deviation="Mangel på spesialsykepleiere.",
                          measure=("Innleie og rekruttering", "Klinikksjef", "2024-09-30"))
    page.get_by_role("button", name="Send rapporten (administrativt)").click()
    page.get_by_text("Rapporten er sendt (administrativt).").wait_for()
    assert page.locator("#rapportstatus").inner_text() == "Sendt (administrativt)"
    assert_accessible(page, "report page (sent, reporter)")

    # 2. the approver records the board's decision
    login(approver)
    page.goto(f"/rapportering/{report.pk}/")
    assert_accessible(page, "report page (approver)")
    record_board(page, report, "23/2024")

    # 3. the owner returns it once with a comment
    login(owner)
    page.goto(f"/rapportering/{report.pk}/")
    assert_accessible(page, "report page (owner)")
    page.fill("#returkommentar-felt", "Utdyp tiltakene for ventetid.")
    commented = entries[-1]  # and a comment on one entry, written beside the entry itself
    assert page.locator(f"#punkt-{commented.pk} #punkt-kommentar-{commented.pk}").is_visible()
    page.fill(f"#punkt-kommentar-{commented.pk}", "Tallet for ventetid mangler.")
    page.get_by_role("button", name="Returner rapporten").click()
    page.get_by_text("Rapporten er returnert til helseforetaket.").wait_for()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RETURNED
    # the owner still sees it, as returned, with the comment on the entry
    assert page.locator("#rapportstatus").inner_text() == "Returnert"
    assert "Tallet for ventetid mangler." in page.locator(f"#punkt-{commented.pk}-eierkommentar").inner_text()
    page.goto("/rapportering/")
    assert page.get_by_role("link", name="UNN").count() >= 1 and page.get_by_text("Returnert").count() >= 1

    # 4. the reporter sees the comments (on the report and the entry), edits and resubmits
    login(reporter)
    page.goto(f"/rapportering/{report.pk}/")
    assert page.locator("#rapportstatus").inner_text() == "Returnert"
    assert "Utdyp tiltakene for ventetid." in page.locator("#returkommentar").inner_text()
    assert "Tallet for ventetid mangler." in page.locator(f"#punkt-{commented.pk}-eierkommentar").inner_text()
    assert_accessible(page, "report page (returned, reporter)")
    fill_in_entry(page, commented, colours.get(commented.item_id, "achieved"), "Ventetid 58 dager.",
                  deviation="Mangel på spesialsykepleiere." if commented.item_id in colours else "")
    page.get_by_role("button", name="Send rapporten (administrativt)").click()
    page.get_by_text("Rapporten er sendt (administrativt).").wait_for()

    # 5. the approver records the board decision again
    login(approver)
    record_board(page, report, "31/2024")

    # 6. the owner approves: the report is locked
    login(owner)
    page.goto(f"/rapportering/{report.pk}/")
    page.get_by_role("button", name="Godkjenn rapporten").click()
    page.get_by_text("Rapporten er godkjent og låst.").wait_for()
    assert page.locator("#rapportstatus").inner_text() == "Godkjent"
    assert page.get_by_role("button", name="Lagre punktet").count() == 0
    assert_accessible(page, "report page (approved)")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.board_decisions.count() == 2
    assert Measure.objects.filter(organisation__code="UNN").count() == len(colours)

    # 7. the owner's matrix shows the colours; a cell opens its text
    page.goto(f"/oppfolging/?periode={period.pk}&hf=UNN")
    assert_accessible(page, "follow-up matrix")
    table = page.locator("table.st-matrix")
    n_red = sum(1 for s in colours.values() if s == "not_achieved")
    n_yellow = sum(1 for s in colours.values() if s == "partly")
    assert table.locator("td.st-status-red").count() == n_red
    assert table.locator("td.st-status-yellow").count() == n_yellow
    assert table.locator("td.st-status-green").count() == len(entries) - n_red - n_yellow
    table.locator("td.st-status-red a.st-cell").first.click()
    page.locator("#celledialog #celletekst").get_by_text("Mangel på spesialsykepleiere.").wait_for()
    page.wait_for_function("() => document.getElementById('celledialog').getAnimations().length === 0")  # faded in
    assert_accessible(page, "follow-up matrix with a cell opened")
    for url in ("/oppfolging/kompletthet/", "/oppfolging/forfalt/", f"/rapportering/{report.pk}/historikk/",
                f"/oppfolging/krav/{entries[0].item_id}/", "/rapportering/perioder/", "/rapportering/risiko/UNN/"):
        assert page.goto(url).status == 200, url
        assert_accessible(page, url)
    return report


def test_whole_cycle_on_fixture_items(page, login, assert_accessible, people, periods, hn_doc):
    colours = {hn_doc.items["ventetid"].pk: "not_achieved", hn_doc.items["pakke"].pk: "partly"}
    report = run_cycle(page, login, assert_accessible, people.reporter, people.approver, people.owner, periods.t1, colours)
    reasons = [h.history_change_reason for h in report.history.order_by("history_date", "history_id")]
    assert reasons[-1] == "Godkjent av eier" and "Returnert av eier: Utdyp tiltakene for ventetid." in reasons


def test_risk_page_in_browser(page, login, assert_accessible, people, periods):
    login(people.reporter)
    page.goto(f"/rapportering/risiko/UNN/?periode={periods.t1.pk}")
    page.fill("#ny-tittel", "Mangel på anestesisykepleiere")
    page.check("#ny-topp5")
    page.get_by_role("button", name="Registrer risikoen").click()
    page.get_by_text("Risikoen er registrert.").wait_for()
    page.select_option("select[name=probability]", "4")
    page.select_option("select[name=consequence]", "5")
    page.get_by_role("button", name="Lagre vurderingen av Mangel på anestesisykepleiere").click()
    page.get_by_text("Vurderingen av «Mangel på anestesisykepleiere» er lagret.").wait_for()
    assert "sannsynlighet 4 × konsekvens 5 = 20 (svært høy)" in page.locator("#topp5 + ol").inner_text()
    assert page.locator("table.st-riskmatrix td.st-level-red").filter(has_text="anestesisykepleiere").count() == 1
    assert_accessible(page, "risk page")


@pytest.mark.shared
def test_whole_cycle_on_seed_001(page, login, assert_accessible, people, shared_dir, orgs):
    """The same cycle on the register imported from seed 001 (Helse Nord 2024)."""
    from styring.documents.services import confirm_document, import_document
    from styring.reporting.models import PeriodKind
    from styring.reporting.periods import create_periods
    from styring.reporting.scope import items_in_scope

    document = import_document(shared_dir / "seeds" / "001_f916831d49873a13.txt", issuer_codes=["HN"], year=2024,
                               user=people.owner)
    confirm_document(document, people.owner)
    t1 = next(p for p in create_periods(orgs["HN"], 2024, document) if p.kind == PeriodKind.TERTIAL_1)
    assert (str(t1.admin_deadline), str(t1.board_deadline)) == ("2024-05-15", "2024-06-01")
    items = items_in_scope(orgs["UNN"], t1)
    assert len(items) >= 5 and all("tertial" in i.reporting for i in items)
    colours = {items[0].pk: "not_achieved", items[1].pk: "partly"}
    run_cycle(page, login, assert_accessible, people.reporter, people.approver, people.owner, t1, colours)

    # The årlig melding: UNN's reporter starts it, reports on two items, and downloads the DOCX
    # from the report page; read back, it has UNN's items under their hovedmål with the texts.
    annual = next(p for p in t1.issuer.reporting_periods.filter(year=2024) if p.kind == PeriodKind.ANNUAL)
    page.context.clear_cookies()
    login(people.reporter)
    page.goto("/rapportering/")
    page.get_by_role("button", name=f"Start rapport for {annual}").click()
    page.wait_for_url("**/rapportering/*/")
    report = Report.objects.get(organisation__code="UNN", period=annual)
    entries = list(report.entries.select_related("item").order_by("item__main_goal", "item__order"))
    expected_items = {i.pk for i in items_in_scope(orgs["UNN"], annual)}
    assert {e.item_id for e in entries} == expected_items and len(entries) > len(items)
    fill_in_entry(page, entries[0], "achieved", "Årlig melding: målet er nådd i 2024.")
    fill_in_entry(page, entries[-1], "not_achieved", "Årlig melding: ikke nådd.", deviation="Forsinket anskaffelse.",
                  measure=("Ny anskaffelse", "Fagdirektør", "2025-03-31"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned som Word").click()
    docx = Document(download.value.path())
    text = "\n".join(p.text for p in docx.paragraphs) + "\n" + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    )
    assert "Universitetssykehuset Nord-Norge HF" in text and "Årlig melding" in text
    assert "Årlig melding: målet er nådd i 2024." in text and "Forsinket anskaffelse." in text
    assert "Ny anskaffelse" in text
    for entry in entries:
        assert entry.item.text[:60] in text, entry.item.ref
