"""The årlig melding and tertial reports as DOCX, read back with python-docx."""
from __future__ import annotations

import io

import pytest
from docx import Document

from styring.exports.annual_report import (
    annual_report_docx,
    consolidated_docx,
    docx_filename,
    report_docx,
)
from styring.reporting.models import BoardDecision, Measure

pytestmark = pytest.mark.django_db


def read(data: bytes):
    return Document(io.BytesIO(data))


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_annual_report_for_unn_has_front_page_summary_and_every_item_in_bokmal(cycle):
    doc = read(annual_report_docx(cycle.report("UNN").organisation, cycle.annual))
    body = texts(doc)
    assert body[0] == "Årlig melding 2024"
    assert "Universitetssykehuset Nord-Norge HF" in body[1]
    assert "Foretak: Universitetssykehuset Nord-Norge HF (UNN)" in body
    assert "År: 2024" in body
    assert "Periode: Årlig melding 2024" in body
    assert "Rapportens status: Godkjent" in body
    assert any(t.startswith("Styrebehandling: Styresak 12/2025, møte 20.02.2025") for t in body)
    assert "Vedtak: Styret i Universitetssykehuset Nord-Norge HF godkjenner årlig melding for 2024." in body
    assert doc.core_properties.language == "nb-NO"
    # hovedmål in order, then the items: all nine apply to UNN
    goals = [h for h in headings(doc, 1) if h.startswith("Hovedmål")]
    assert goals == [
        "Hovedmål 1: Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling",
        "Hovedmål 2: Styrke forskning, innovasjon og kompetanse og forbedre kvalitet og pasientsikkerhet",
        "Hovedmål 3: Rask tilgang til helsetjenester og sammenhengende pasientforløp",
    ]
    assert headings(doc, 2) == ["1 Mål", "4 Mål", "7 Mål", "2 Indikator", "5 Indikator", "8 Indikator",
                                "3 Oppdrag", "6 Oppdrag", "9 Oppdrag"]
    for item in cycle.items:
        assert item.text in body
        assert f"Rapport: UNN rapporterer på krav {item.ref} (annual)." in body
    assert body.count("Status: ● Oppnådd") == 3
    assert body.count("Status: ◐ Delvis oppnådd") == 3
    assert body.count("Status: ○ Ikke oppnådd") == 3
    assert "Forklaring av avvik: Avvik i UNN på krav 2." in body
    assert "Forventet tid til full måloppnåelse: Innen utgangen av 2025" in body
    assert "Tiltak for UNN krav 2 – ansvarlig: Klinikksjef, frist 30.06.2025" in body
    assert "Tiltak for UNN krav 1 – ansvarlig: Klinikksjef, frist 30.06.2025" not in body  # green: no measure
    summary = table_rows(doc.tables[0])
    assert summary[0] == ["Hovedmål", "● Oppnådd", "◐ Delvis oppnådd", "○ Ikke oppnådd", "Ikke rapportert", "Sum"]
    assert summary[-1] == ["Sum", "3", "3", "3", "0", "9"]
    assert summary[1][1:] == ["3", "0", "0", "0", "3"]  # hovedmål 1 holds items 1, 4, 7: all green


def test_fin_report_leaves_out_the_item_that_applies_only_to_unn(cycle):
    doc = read(report_docx(cycle.report("FIN")))
    body = texts(doc)
    assert cycle.items[-1].text not in body
    assert cycle.items[0].text in body
    assert "Rapport: FIN rapporterer på krav 1 (annual)." in body
    assert not any("UNN" in t for t in body)
    assert table_rows(doc.tables[0])[-1][-1] == "8"


def test_nynorsk_labels_from_the_trusts_choice(cycle):
    unn = cycle.report("UNN").organisation
    unn.preferred_language = "nn"
    unn.save()
    doc = read(annual_report_docx(unn, cycle.annual))
    body = texts(doc)
    assert body[0] == "Årleg melding 2024"
    assert "Føretak: Universitetssykehuset Nord-Norge HF (UNN)" in body
    assert "Status for rapporten: Godkjend" in body
    assert body.count("Status: ○ Ikkje oppnådd") == 3
    assert body.count("Status: ◐ Delvis oppnådd") == 3
    assert "Forventa tid til full måloppnåing: Innen utgangen av 2025" in body
    assert "Hovudmål 1: Styrkje psykisk helsevern og tverrfagleg spesialisert rusbehandling" in headings(doc, 1)
    assert "Samandrag av måloppnåing" in headings(doc, 1)
    assert table_rows(doc.tables[0])[0][3] == "○ Ikkje oppnådd"
    assert doc.core_properties.language == "nn-NO"
    # and the override wins over the trust's choice
    assert texts(read(annual_report_docx(unn, cycle.annual, language="nb")))[0] == "Årlig melding 2024"


def test_tertial_report_has_its_own_title_and_no_board_decision(cycle):
    doc = read(report_docx(cycle.report("UNN", "tertial")))
    body = texts(doc)
    assert body[0] == "Tertialrapport – 1. tertial 2024"
    assert "Rapportens status: Utkast" in body
    assert "Styrebehandling: Ikke styrebehandlet ennå" in body
    assert "Rapport: UNN rapporterer på krav 3 (tertial)." in body


def test_board_decision_asking_for_changes_is_not_shown_as_the_decision(cycle):
    report = cycle.report("UNN", "tertial")
    BoardDecision.objects.create(report=report, case_number="5/2024", meeting_date="2024-05-30",
                                 decision_text="Styret ber om endringer.", changes_requested=True)
    assert "Styrebehandling: Ikke styrebehandlet ennå" in texts(read(report_docx(report)))


def test_open_measures_carry_forward_and_closed_ones_only_where_created(cycle):
    from django.utils import timezone

    tertial_entry = cycle.report("UNN", "tertial").entries.get(item=cycle.items[1])
    closed = Measure.objects.get(created_in=tertial_entry)
    closed.closed_at = timezone.now()
    closed.save()
    annual_body = texts(read(report_docx(cycle.report("UNN"))))
    tertial_body = texts(read(report_docx(cycle.report("UNN", "tertial"))))
    line = "Tiltak for UNN krav 2 – ansvarlig: Klinikksjef, frist 30.06.2025"
    # the annual report shows its own measure and not the closed tertial one
    assert annual_body.count(line) == 1
    assert tertial_body.count(line + " (lukket)") == 1
    assert tertial_body.count(line) == 1  # the annual report's open measure carries over


def test_consolidated_for_helse_nord_lists_every_trust_it_owns(cycle, orgs, make_user):
    """Issue 18: the expected reporters (requirements in the period) are counted; every other
    trust HN owns is named under "Ingen krav i perioden", not as "Ikke levert"."""
    from styring.reporting.models import Report

    # a third trust with requirements in the period and no report sent: the one "Ikke levert"
    item = cycle.items[0]
    item.recipients.add(orgs["NLSH"])
    Report.objects.create(organisation=orgs["NLSH"], period=cycle.annual)  # a draft
    doc = read(consolidated_docx(orgs["HN"], cycle.annual))
    body = texts(doc)
    assert body[0] == "Årlig melding 2024"
    owned = sorted(o.name for o in orgs["HN"].owned.all() if o.is_trust)
    assert len(owned) > 3
    expected = ["Finnmarkssykehuset HF", "Nordlandssykehuset HF", "Universitetssykehuset Nord-Norge HF"]
    assert "Foretak med krav i perioden: 2 av 3 levert" in body
    assert headings(doc, 1)[-2:] == ["Finnmarkssykehuset HF", "Universitetssykehuset Nord-Norge HF"]
    summary = table_rows(doc.tables[0])
    assert [row[0] for row in summary[1:-1]] == expected  # the expected reporters, by name
    by_trust = {row[0]: row for row in summary[1:-1]}
    assert by_trust["Finnmarkssykehuset HF"][:2] == ["Finnmarkssykehuset HF", "Godkjent\nStyresak 12/2025"]
    assert by_trust["Universitetssykehuset Nord-Norge HF"][1].startswith("Godkjent\n")
    assert by_trust["Nordlandssykehuset HF"][1:] == ["Ikke levert", "", "", "", "", ""]
    assert "Ikke levert: Nordlandssykehuset HF." in body
    others = [name for name in owned if name not in expected]
    assert f"Ingen krav i perioden: {', '.join(others)}." in body
    assert summary[-1] == ["Sum", "2 av 3 levert", "6", "6", "5", "0", "17"]
    # status per hovedmål over the delivered reports, in the page's order
    goals = table_rows(doc.tables[1])
    assert [row[0][:10] for row in goals[1:]] == ["Hovedmål 1", "Hovedmål 2", "Hovedmål 3", "Sum"]
    assert "Rapport: FIN rapporterer på krav 1 (annual)." in body
    assert "Rapport: UNN rapporterer på krav 9 (annual)." in body


def test_consolidated_without_reports_lists_every_trust_as_not_delivered(cycle, orgs):
    doc = read(consolidated_docx(orgs["HN"], cycle.tertial))  # both tertial reports are drafts
    body = texts(doc)
    assert "Foretak med krav i perioden: 0 av 2 levert" in body
    rows = table_rows(doc.tables[0])[1:-1]
    assert [row[0] for row in rows] == ["Finnmarkssykehuset HF", "Universitetssykehuset Nord-Norge HF"]
    assert all(row[1] == "Ikke levert" for row in rows)
    assert len(doc.tables) == 1  # no hovedmål summary without a delivered report
    # HMN's trusts have no requirement in Helse Nord's period: none is "Ikke levert"
    hmn = texts(read(consolidated_docx(orgs["HMN"], cycle.annual)))
    assert "Foretak med krav i perioden: 0 av 0 levert" in hmn and not any("Ikke levert" in t for t in hmn)
    assert any(t.startswith("Ingen krav i perioden: ") for t in hmn)


def test_filenames(cycle, orgs):
    assert docx_filename(cycle.annual, orgs["UNN"]) == "aarlig-melding-2024-UNN.docx"
    assert docx_filename(cycle.tertial, orgs["HN"], "nn") == "tertialrapport-1-tertial-2024-HN.docx"
