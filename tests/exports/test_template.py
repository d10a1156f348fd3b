"""The rapporteringsmal as XLSX/DOCX, read back, and an XLSX filled in and uploaded into a report."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from openpyxl import Workbook, load_workbook

from styring.exports.template import (
    import_xlsx,
    report_template_xlsx,
    template_docx,
    template_items,
    template_xlsx,
)
from styring.reporting.models import ReportStatus

pytestmark = pytest.mark.django_db

HEADER = ["Krav-ID", "Nr.", "Hovedmål", "Type", "Krav", "Gjelder foretak", "Rapporteringsfrekvens", "Frist",
          "Status", "Rapport", "Forklaring av avvik", "Forventet tid til full måloppnåelse",
          "Tiltak (registrert)", "Nytt tiltak", "Ansvarlig for nytt tiltak", "Frist for nytt tiltak (dato)"]


def sheet_rows(data: bytes):
    ws = load_workbook(io.BytesIO(data))["Rapporteringsmal"]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_xlsx_template_for_unn_lists_every_item_with_empty_reporting_columns(cycle, orgs):
    items = template_items(orgs["UNN"], year=2024)
    assert len(items) == 9
    rows = sheet_rows(template_xlsx(orgs["UNN"], items, title_year=2024))
    assert rows[0][0] == "Rapporteringsmal 2024 – Universitetssykehuset Nord-Norge HF"
    assert "Oppnådd, Delvis oppnådd, Ikke oppnådd" in rows[1][0]
    assert rows[3] == HEADER
    body = rows[4:]
    assert [r[1] for r in body] == ["1", "4", "7", "2", "5", "8", "3", "6", "9"]  # grouped by hovedmål
    first = body[0]
    assert first[0] == cycle.items[0].pk
    assert first[2:8] == ["1", "Mål", cycle.items[0].text, "FIN, UNN", "Årlig melding, Tertialvis", None]
    assert body[-1][3:6] == ["Oppdrag", cycle.items[8].text, "UNN"]  # the last item applies only to UNN
    assert body[-1][7] == "2024-12-31"
    assert all(r[8:] == [None] * 8 for r in body)  # a year's template: nothing saved to carry


def test_xlsx_template_in_nynorsk(cycle, orgs):
    rows = sheet_rows(template_xlsx(orgs["FIN"], template_items(orgs["FIN"], year=2024), language="nn"))
    assert rows[3][5] == "Gjeld føretak"
    assert "Ikkje oppnådd" in rows[1][0]
    assert rows[4][6] == "Årleg melding, Tertialvis"
    assert len(rows) == 4 + 8


def test_docx_template_has_a_table_per_main_goal(cycle, orgs):
    doc = Document(io.BytesIO(template_docx(orgs["UNN"], template_items(orgs["UNN"], year=2024), title_year=2024)))
    assert doc.paragraphs[0].text == "Rapporteringsmal 2024 – Universitetssykehuset Nord-Norge HF"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4 landscape
    assert len(doc.tables) == 3
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["Nr.", "Type", "Krav", "Gjelder foretak", "Rapporteringsfrekvens", "Frist", "Status", "Rapport"]
    first = [c.text for c in doc.tables[0].rows[1].cells]
    assert first[:4] == ["1", "Mål", cycle.items[0].text, "FIN, UNN"]
    assert first[6:] == ["", ""]
    assert [r.cells[0].text for r in doc.tables[2].rows[1:]] == ["3", "6", "9"]


def filled(report, rows: list[dict], *, template_bytes: bytes | None = None) -> io.BytesIO:
    """The report's template with ``rows`` (by Nr.) filled in."""
    from styring.exports.template import template_items as items_of

    data = template_bytes or template_xlsx(report.organisation, items_of(report.organisation, report=report))
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Rapporteringsmal"]
    by_ref = {str(ws.cell(r, 2).value): r for r in range(5, ws.max_row + 1)}
    for values in rows:
        r = by_ref.get(values.pop("ref")) or ws.max_row + 1
        for col, key in ((1, "id"), (2, "nr"), (9, "status"), (10, "text"), (11, "deviation"), (12, "expected"),
                         (14, "measure"), (15, "owner"), (16, "due")):
            if key in values:
                ws.cell(r, col, values[key])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_upload_fills_the_report(cycle, make_user):
    report = cycle.report("UNN", "tertial")
    report.entries.update(status="", text="", deviation="", expected_completion="")
    reporter = make_user("UNN", "reporter")
    upload = filled(report, [
        {"ref": "1", "status": "Oppnådd", "text": "Målet er nådd."},
        {"ref": "2", "status": "delvis oppnådd", "text": "Delvis.", "deviation": "Mangler data.", "expected": "2025"},
        {"ref": "3", "status": "Ikkje oppnådd", "text": "Ikke i gang."},
    ])
    result = import_xlsx(report, upload, reporter)
    assert result.ok, [str(e) for e in result.errors]
    assert result.saved == 3
    entries = {e.item.ref: e for e in report.entries.select_related("item")}
    assert (entries["1"].status, entries["1"].text) == ("achieved", "Målet er nådd.")
    assert (entries["2"].status, entries["2"].deviation, entries["2"].expected_completion) == ("partly", "Mangler data.", "2025")
    assert entries["3"].status == "not_achieved"
    assert entries["1"].version == 2 and entries["1"].updated_by == reporter
    assert entries["4"].text == "" and entries["4"].version == 1  # untouched rows stay as they were


def test_upload_with_errors_lists_every_row_and_saves_nothing(cycle, make_user, orgs):
    report = cycle.report("FIN", "tertial")
    before = {e.pk: (e.status, e.text, e.version) for e in report.entries.all()}
    upload = filled(report, [
        {"ref": "1", "status": "Oppnådd", "text": "Dette er riktig, men lagres ikke."},
        {"ref": "2", "status": "Grønn", "text": "Feil status."},
        {"ref": "77", "nr": "77", "status": "Oppnådd", "text": "Ukjent."},
        {"ref": "9b", "nr": "9", "status": "Oppnådd", "text": "Krav 9 gjelder bare UNN."},
        {"ref": "x", "id": 999999, "text": "Ukjent ID."},
    ])
    result = import_xlsx(report, upload, make_user("FIN", "reporter"))
    messages = [str(e) for e in result.errors]
    assert result.saved == 0
    # rows 5–12 are FIN's eight items (ref 2 is on row 8); the extra rows start at 13
    assert messages == [
        "Rad 8: ugyldig status «Grønn» (bruk Oppnådd, Delvis oppnådd, Ikke oppnådd).",
        "Rad 13: ukjent nummer «77».",
        "Rad 14: ukjent nummer «9».",  # item 9 applies only to UNN: not in FIN's register
        "Rad 15: ukjent krav-ID «999999».",
    ]
    assert {e.pk: (e.status, e.text, e.version) for e in report.entries.all()} == before


def test_upload_item_of_the_register_that_is_not_in_this_report(cycle, make_user):
    report = cycle.report("UNN", "tertial")
    missing = cycle.items[4]
    report.entries.filter(item=missing).delete()
    upload = filled(report, [{"ref": "new", "id": missing.pk, "nr": "5", "status": "Oppnådd"},
                             {"ref": "new2", "nr": "5", "text": "Uten ID."}])
    result = import_xlsx(report, upload, make_user("UNN", "reporter"))
    # eight items left on rows 5–12; the two extra rows are 13 and 14
    assert [str(e) for e in result.errors] == [
        "Rad 13: krav 5 er ikke med i denne rapporten.",
        "Rad 14: krav 5 er ikke med i denne rapporten.",
    ]


def test_upload_into_a_locked_report_is_refused(cycle, make_user):
    report = cycle.report("UNN", "annual")
    assert report.status == ReportStatus.APPROVED
    result = import_xlsx(report, filled(report, [{"ref": "1", "text": "Ny tekst."}]), make_user("UNN", "reporter"))
    assert [str(e) for e in result.errors] == ["Rapporten har status «Godkjent» og er låst; den kan ikke endres."]
    assert report.entries.get(item__ref="1").text == "UNN rapporterer på krav 1 (annual)."


def test_upload_duplicate_rows_and_missing_ids_and_non_excel(cycle, make_user):
    report = cycle.report("UNN", "tertial")
    reporter = make_user("UNN", "reporter")
    upload = filled(report, [{"ref": "dup", "nr": "1", "text": "To ganger."}, {"ref": "1", "text": "Én gang."},
                             {"ref": "blank", "nr": None, "text": "Ingen nøkkel."}])
    # the template's own row 5 carries id+nr 1 (nine items: rows 5–13); the extra row 14 has only nr 1
    messages = [str(e) for e in import_xlsx(report, upload, reporter).errors]
    assert messages == ["Rad 14: krav 1 står også på rad 5.", "Rad 15: mangler krav-ID og nummer."]
    bad = import_xlsx(report, io.BytesIO(b"not a spreadsheet"), reporter)
    assert [str(e) for e in bad.errors] == ["Filen kan ikke leses som et Excel-ark (.xlsx). Bruk malen fra Styring."]
    wb = Workbook()
    wb.active.append(["noe", "annet"])
    other = io.BytesIO()
    wb.save(other)
    other.seek(0)
    assert "Fant ikke overskriftsraden" in str(import_xlsx(report, other, reporter).errors[0])


@pytest.mark.parametrize("code,role", [("UNN", "approver"), ("UNN", "reader"), ("HN", "owner_staff"), ("FIN", "reporter")])
def test_only_the_trusts_reporter_may_upload(cycle, make_user, code, role):
    report = cycle.report("UNN", "tertial")
    with pytest.raises(PermissionDenied):
        import_xlsx(report, filled(report, [{"ref": "1", "text": "x"}]), make_user(code, role))


def _report_template(report) -> bytes:
    return report_template_xlsx(report)


def test_report_template_carries_the_saved_answers_and_measures(cycle):
    report = cycle.report("UNN", "tertial")
    rows = sheet_rows(_report_template(report))
    assert rows[3] == [*HEADER, "Versjon (ikke endre)"]
    by_ref = {r[1]: r for r in rows[4:]}
    entry = report.entries.select_related("item").get(item__ref="2")
    assert by_ref["2"][8:12] == ["Delvis oppnådd", entry.text, entry.deviation, entry.expected_completion]
    # its own measure and the annual report's, still open, carried forward: one line each
    assert by_ref["2"][12].split("\n") == ["Tiltak for UNN krav 2 – ansvarlig: Klinikksjef, frist 30.06.2025"] * 2
    assert by_ref["2"][13:16] == [None, None, None] and by_ref["2"][16] == entry.version
    assert by_ref["1"][8] == "Oppnådd" and by_ref["1"][12] is None  # green: no measure
    nn = sheet_rows(report_template_xlsx(report, "nn"))
    assert {r[1]: r for r in nn[4:]}["3"][8] == "Ikkje oppnådd"


def test_prefilled_template_round_trip_saves_only_changes_and_adds_a_measure(cycle, make_user):
    from styring.reporting.models import Measure

    report = cycle.report("UNN", "tertial")
    reporter = make_user("UNN", "reporter")
    versions = dict(report.entries.values_list("item__ref", "version"))
    sheet = _report_template(report)
    # unchanged, the prefilled sheet saves nothing
    unchanged = import_xlsx(report, filled(report, [], template_bytes=sheet), reporter)
    assert unchanged.ok and unchanged.saved == 0
    upload = filled(report, [{"ref": "1", "text": "Ny tekst fra arket."},
                             {"ref": "2", "measure": "Ny rutine for oppfølging", "owner": "Fagsjef",
                              "due": dt.datetime(2025, 3, 31)}], template_bytes=sheet)
    result = import_xlsx(report, upload, reporter)
    assert result.ok, [str(e) for e in result.errors]
    assert result.saved == 2
    entries = {e.item.ref: e for e in report.entries.select_related("item")}
    assert entries["1"].text == "Ny tekst fra arket." and entries["1"].version == versions["1"] + 1
    assert all(entries[ref].version == versions[ref] for ref in versions if ref != "1")
    measure = Measure.objects.get(description="Ny rutine for oppfølging")
    assert (measure.owner, measure.due_date, measure.created_in_id) == ("Fagsjef", dt.date(2025, 3, 31), entries["2"].pk)
    # the same sheet again: the text is saved and the measure is there; nothing new
    again = import_xlsx(report, filled(report, [{"ref": "2", "measure": "Ny rutine for oppfølging", "owner": "Fagsjef",
                                                 "due": "31.03.2025"}], template_bytes=_report_template(report)), reporter)
    assert again.ok and again.saved == 0
    assert Measure.objects.filter(description="Ny rutine for oppfølging").count() == 1


def test_an_untouched_row_of_an_older_sheet_is_not_a_conflict(cycle, make_user):
    """A prefilled sheet holds every saved answer: a row the user left as it was is not a change,
    even if the entry was saved on the web since; a row the user changed is refused."""
    from styring.reporting.entries import save_entry

    report = cycle.report("UNN", "tertial")
    reporter = make_user("UNN", "reporter")
    newer = save_entry(report.entries.get(item__ref="4"), reporter, {"text": "Først lagret."}, 1)
    sheet = _report_template(report)
    save_entry(newer, reporter, {"text": "Lagret på nettsiden."}, newer.version)
    result = import_xlsx(report, filled(report, [{"ref": "1", "text": "Fra arket."}], template_bytes=sheet), reporter)
    assert result.ok and result.saved == 1
    assert report.entries.get(item__ref="4").text == "Lagret på nettsiden."


def test_new_measure_needs_owner_and_a_date(cycle, make_user):
    report = cycle.report("UNN", "tertial")
    upload = filled(report, [{"ref": "2", "measure": "Tiltak uten eier", "due": "snart"},
                             {"ref": "3", "owner": "Fagsjef", "due": "2025-06-30"}])
    result = import_xlsx(report, upload, make_user("UNN", "reporter"))
    assert [str(e) for e in result.errors] == [
        "Rad 8: nytt tiltak mangler ansvarlig; fristen «snart» for nytt tiltak er ikke en dato (skriv f.eks. 30.06.2025).",
        "Rad 11: nytt tiltak mangler beskrivelse.",
    ]


def test_a_stale_sheet_does_not_overwrite_a_newer_save(cycle, make_user):
    """The sheet carries the versions it was made from: a row saved in Styring since is refused."""
    from styring.reporting.entries import save_entry

    report = cycle.report("UNN", "tertial")
    reporter = make_user("UNN", "reporter")
    sheet = _report_template(report)
    assert sheet_rows(sheet)[3][-1] == "Versjon (ikke endre)"
    newer = report.entries.get(item__ref="2")
    save_entry(newer, reporter, {"text": "Lagret på nettsiden etter nedlastingen."}, newer.version)
    upload = filled(report, [{"ref": "1", "text": "Fra arket."}, {"ref": "2", "text": "Gammelt fra arket."}],
                    template_bytes=sheet)
    result = import_xlsx(report, upload, reporter)
    assert result.saved == 0
    assert [str(e) for e in result.errors] == [
        "Rad 8: krav 2 er endret i Styring etter at arket ble lastet ned (versjon 1 i arket, 2 nå). "
        "Last ned malen på nytt og fyll inn igjen; teksten fra arket og den lagrede står under."]
    # the refused row's text is kept in sight beside the saved one
    assert result.errors[0].texts == [("Rapport", "Gammelt fra arket.", "Lagret på nettsiden etter nedlastingen.")]
    assert report.entries.get(item__ref="2").text == "Lagret på nettsiden etter nedlastingen."
    assert report.entries.get(item__ref="1").text != "Fra arket."
    fresh = filled(report, [{"ref": "2", "text": "Nytt fra arket."}], template_bytes=_report_template(report))
    assert import_xlsx(report, fresh, reporter).saved == 1
    assert report.entries.get(item__ref="2").text == "Nytt fra arket."


def test_the_upload_page_shows_a_refused_rows_text(client, cycle, make_user):
    from styring.reporting.entries import save_entry

    report = cycle.report("UNN", "tertial")
    reporter = make_user("UNN", "reporter")
    sheet = _report_template(report)
    newer = report.entries.get(item__ref="2")
    save_entry(newer, reporter, {"text": "Lagret på nettsiden."}, newer.version)
    upload = filled(report, [{"ref": "2", "text": "Skrevet i arket\nover to linjer."}], template_bytes=sheet)
    upload.name = "mal.xlsx"
    client.force_login(reporter)
    response = client.post(f"/eksport/rapport/{report.pk}/last-opp/", {"fil": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "Rad 8: krav 2 er endret i Styring" in page
    assert '<dd class="st-sheet-text">Skrevet i arket<br>over to linjer.</dd>' in page
    assert '<dd class="st-saved-text">Lagret på nettsiden.</dd>' in page


def test_text_that_looks_like_a_formula_stays_text(cycle, orgs):
    item = cycle.items[0]
    item.text, item.ref = '=HYPERLINK("http://example.org","klikk")', "+1"
    item.save()
    data = template_xlsx(orgs["UNN"], template_items(orgs["UNN"], year=2024), title_year=2024)
    ws = load_workbook(io.BytesIO(data))["Rapporteringsmal"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value in (item.text, item.ref)}
    assert set(cells) == {item.text, item.ref}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())


def _workbook_with(xml_head: bytes) -> io.BytesIO:
    """A real template whose worksheet XML starts with ``xml_head`` (a DOCTYPE, an entity bomb)."""
    import zipfile

    wb = Workbook()
    wb.active.append(["Krav-ID", "Status", "Rapport"])
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", xml_head + b"<worksheet", 1)
            dst.writestr(info, data)
    out.seek(0)
    return out


BOMB = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


@pytest.mark.parametrize("head", [BOMB, b'<!DOCTYPE x SYSTEM "file:///etc/passwd">'])
def test_an_upload_with_a_doctype_or_entities_is_refused_in_norwegian(cycle, make_user, head):
    report = cycle.report("UNN", "tertial")
    result = import_xlsx(report, _workbook_with(head), make_user("UNN", "reporter"))
    assert [str(e) for e in result.errors] == [
        "Filen inneholder XML som ikke er tillatt (DOCTYPE/ENTITY). Bruk malen fra Styring."]


def test_openpyxl_itself_parses_with_defusedxml():
    from openpyxl import DEFUSEDXML

    assert DEFUSEDXML is True
