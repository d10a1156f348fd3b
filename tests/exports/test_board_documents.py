"""Documents a board can receive: the DOCX read back (page, header, footer fields, summary, order,
tables sized to their content) and its PDF twin's text, from the same content."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn

from styring.exports.annual_report import consolidated_docx, report_docx
from styring.exports.content import report_content
from styring.exports.docx_writer import CELL_PADDING_TWIPS, CHAR_TWIPS, column_widths
from styring.exports.pdf import consolidated_pdf, css_string, report_pdf
from styring.reporting.models import EntryStatus, ReportEntry
from styring.requirements.models import Item
from styring.testing.pdf import pdf_pages

pytestmark = pytest.mark.django_db

GOALS = ["Hovedmål 1", "Hovedmål 2", "Hovedmål 3", "Øvrige krav"]


@pytest.fixture
def unn_with_other_item(cycle, orgs):
    """UNN's annual report with one more item outside the hovedmål (it must come last)."""
    item = Item.objects.create(document=cycle.document, order=0, kind=Item.Kind.ASSIGNMENT, ref="10",
                               main_goal=None, text="Krav 10: foretaket skal delta i regionalt arbeid.",
                               reporting=["annual"], confirmed=True)
    item.recipients.add(orgs["UNN"])
    report = cycle.report("UNN")
    ReportEntry.objects.create(report=report, item=item, status=EntryStatus.ACHIEVED, text="Gjennomført.")
    return report


def goal_order(texts: list[str]) -> list[str]:
    return [g for t in texts for g in GOALS if t.startswith(g)]


def test_docx_is_a4_with_header_page_numbers_summary_and_the_pages_order(unn_with_other_item):
    doc = Document(io.BytesIO(report_docx(unn_with_other_item)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 20
    header = section.header.paragraphs[0].text
    assert header == "Universitetssykehuset Nord-Norge HF\tÅrlig melding 2024"
    tabs = {round(t.position.mm): t.alignment for t in section.header.paragraphs[0].paragraph_format.tab_stops}
    assert tabs[170] == WD_TAB_ALIGNMENT.RIGHT  # the period at the right margin, not at Letter's tab stops
    assert set(tabs.values()) - {WD_TAB_ALIGNMENT.CLEAR} == {WD_TAB_ALIGNMENT.RIGHT}
    footer = section.footer.paragraphs[0]._p
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Side ") and " av " in section.footer.paragraphs[0].text
    # the summary: status per hovedmål with symbol, colour (cell shading) and a total
    summary = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in summary.rows]
    assert rows[0] == ["Hovedmål", "● Oppnådd", "◐ Delvis oppnådd", "○ Ikke oppnådd", "Ikke rapportert", "Sum"]
    assert [r[0][:11] for r in rows[1:]] == ["Hovedmål 1:", "Hovedmål 2:", "Hovedmål 3:", "Øvrige krav", "Sum"]
    assert rows[-1] == ["Sum", "4", "3", "3", "0", "10"]
    fills = [c._tc.find(qn("w:tcPr")).find(qn("w:shd")) for c in summary.rows[1].cells[1:4]]
    assert fills[0].get(qn("w:fill")) == "D4EDDA" and fills[1] is None  # 3 green; no yellow in hovedmål 1
    # the page's order: hovedmål 1..3, then "Øvrige krav"; the board decision on the front page
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert goal_order(level1) == GOALS
    body = [p.text for p in doc.paragraphs]
    assert "Vedtak: Styret i Universitetssykehuset Nord-Norge HF godkjenner årlig melding for 2024." in body
    assert any(t.startswith("Styrebehandling: Styresak 12/2025, møte 20.02.2025") for t in body)
    assert body.index("Krav 10: foretaket skal delta i regionalt arbeid.") > body.index(
        "Krav 9: foretaket skal gjennomføre oppdraget nr. 9.")


def test_docx_tables_are_sized_to_their_content(cycle, orgs):
    doc = Document(io.BytesIO(consolidated_docx(orgs["HN"], cycle.annual)))
    table = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) <= 9639  # 170 mm of text width
    for row in table.rows:
        for width, cell in zip(grid, row.cells):
            longest = max((len(w) for w in cell.text.split()), default=0)
            assert width >= longest * CHAR_TWIPS + CELL_PADDING_TWIPS, cell.text  # no word broken mid-word
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_column_widths_share_the_room_and_shrink_only_when_words_cannot_fit():
    widths = column_widths([["Foretak", "Sum"], ["Universitetssykehuset Nord-Norge HF", "17"]], 9000)
    assert widths[0] > widths[1] >= 3 * CHAR_TWIPS + CELL_PADDING_TWIPS
    assert sum(widths) <= 9000
    squeezed = column_widths([["Universitetssykehuset"] * 10], 9000)
    assert sum(squeezed) <= 9000 and len(set(squeezed)) == 1


def test_pdf_has_the_same_content_on_a4_with_header_and_page_numbers(unn_with_other_item):
    data = report_pdf(unn_with_other_item)
    pdf = pdfium.PdfDocument(data)
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    pages = pdf_pages(data)
    n = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Side {number} av {n}" in text
        if number > 1:
            assert "Universitetssykehuset Nord-Norge HF" in text and "Årlig melding 2024" in text
    text = "\n".join(pages)
    flat = " ".join(text.split())
    content = report_content(unn_with_other_item)
    for section in content.sections:
        for goal in section.goals:
            for item in goal.items:
                assert item.text in flat
                assert f"Status: {item.status_text}" in flat
    headings = [line.strip() for line in text.splitlines() if line.strip().startswith(tuple(GOALS))]
    assert [h[:11] for h in headings][-4:] == ["Hovedmål 1:", "Hovedmål 2:", "Hovedmål 3:", "Øvrige krav"]
    assert "Styret i Universitetssykehuset Nord-Norge HF godkjenner årlig melding for 2024." in flat
    assert "Tiltak for UNN krav 2 – ansvarlig: Klinikksjef, frist 30.06.2025" in flat


def test_pdf_embeds_its_fonts(cycle):
    import ctypes

    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(report_pdf(cycle.report("FIN")))
    page = pdf[0]
    fonts = set()
    for obj in page.get_objects():
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            font = raw.FPDFTextObj_GetFont(obj)
            fonts.add(bool(raw.FPDFFont_GetIsEmbedded(font)))
            size = raw.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetBaseFontName(font, name, size)
            assert name.value
    assert fonts == {True}


def test_consolidated_pdf_lists_trusts_not_delivered(cycle, orgs):
    text = " ".join("\n".join(pdf_pages(consolidated_pdf(orgs["HN"], cycle.annual))).split())
    trusts = sorted(t.name for t in orgs["HN"].owned.all() if t.is_trust)
    # issue 18: the trusts without requirements in the period are named as such, not "Ikke levert"
    others = [t for t in trusts if t not in ("Finnmarkssykehuset HF", "Universitetssykehuset Nord-Norge HF")]
    assert f"Ingen krav i perioden: {', '.join(others)}." in text and "Ikke levert" not in text
    assert "2 av 2 levert" in text
    assert "Rapport: FIN rapporterer på krav 1 (annual)." in text


def test_css_strings_cannot_break_out_of_the_style_element():
    assert css_string('A "B" </style><script>') == '"A \\22 B\\22  \\3c /style\\3e \\3c script\\3e "'
