"""Reading files: every kind of bad input gives a Norwegian message; good PDF and DOCX round-trip."""
from __future__ import annotations

import zipfile

import pytest

from styring.extraction import ExtractionError, extract_file
from styring.extraction.pdfgen import text_pdf
from styring.extraction.readers import read_file

DOC_LINES = [
    "Oppdrag og bestilling 2024 fra Helse Nord RHF til helseforetakene",
    "",
    "3 Hovedmål 1: Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling",
    "",
    "Mål 2024:",
    "Indikatorer (UNN og NLSH):",
    "• Døgnkapasiteten i psykisk helsevern skal være høyere i 2024 enn i 2023.",
    "",
    "Helseforetakene (FIN, UNN, NLSH og HSYK) gis følgende oppdrag:",
    "1. Helseforetakene skal sende plan for økt kapasitet innen 15. september 2024.",
]


def _raises(path, fragment, **kw):
    with pytest.raises(ExtractionError) as info:
        read_file(path, **kw)
    message = str(info.value)
    assert fragment in message, message
    return message


def test_empty_file(tmp_path):
    p = tmp_path / "tom.txt"
    p.write_bytes(b"")
    _raises(p, "er tom")


def test_whitespace_only_text(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("   \n\n  ", encoding="utf-8")
    _raises(p, "ingen tekst")


def test_scanned_pdf_without_text_layer(tmp_path):
    p = tmp_path / "skannet.pdf"
    p.write_bytes(text_pdf([[], []], scanned=True))
    msg = _raises(p, "ikke noe tekstlag")
    assert "OCR" in msg


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "kryptert.pdf"
    p.write_bytes(text_pdf([["Hemmelig tekst"]], encrypted=True))
    _raises(p, "kryptert eller passordbeskyttet")


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "odelagt.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> trailer garbage")
    _raises(p, "ødelagt")


def test_pdf_extension_without_pdf_content(tmp_path):
    p = tmp_path / "feil.pdf"
    p.write_bytes(b"dette er ikke en pdf")
    _raises(p, "ikke en gyldig PDF")


def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "falsk.docx"
    p.write_text("bare tekst med feil filendelse", encoding="utf-8")
    _raises(p, "ikke en gyldig Word-fil")


def test_zip_that_is_not_a_word_document(tmp_path):
    p = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hei.txt", "hei")
    _raises(p, "ikke et Word-dokument")


def test_docx_zip_bomb_is_refused_before_opening(tmp_path):
    p = tmp_path / "bombe.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/fyll.bin", b"\0" * (20 * 1024 * 1024))
    _raises(p, "zip-bombe")


def test_oversize_file(tmp_path):
    p = tmp_path / "stor.txt"
    p.write_text("Mål 2024\n" * 200, encoding="utf-8")
    msg = _raises(p, "for stor", max_bytes=1000)
    assert "grensen" in msg


def test_unknown_format(tmp_path):
    p = tmp_path / "bilde.xyz"
    p.write_bytes(bytes(range(256)) * 20)
    _raises(p, "Ukjent filformat")


def test_old_word_format(tmp_path):
    p = tmp_path / "gammel.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _raises(p, ".doc")


def test_missing_file(tmp_path):
    _raises(tmp_path / "finnes-ikke.txt", "Finner ikke filen")


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b"")],
)
def test_text_encodings(tmp_path, encoding, prefix):
    text = "Helseforetakene skal sørge for økt kvalitet – «straks».\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("«", '"').replace("»", '"') + "\x81"
    p = tmp_path / "tekst.txt"
    p.write_bytes(prefix + text.encode(encoding))
    got = read_file(p)
    assert "sørge for økt kvalitet" in got
    assert not got.startswith("\ufeff")


def test_no_items_is_an_error(tmp_path):
    p = tmp_path / "brev.txt"
    p.write_text("Hei,\n\nTakk for sist. Vi ses på møtet.\n\nHilsen Kari\n", encoding="utf-8")
    with pytest.raises(ExtractionError) as info:
        extract_file(p)
    assert "Fant ingen styringsbudskap" in str(info.value)


def test_pdf_round_trip(tmp_path):
    p = tmp_path / "oppdrag.pdf"
    p.write_bytes(text_pdf([DOC_LINES[:7], DOC_LINES[7:]]))
    result = extract_file(p)
    texts = [it["text"] for it in result["items"]]
    assert any(t.startswith("Døgnkapasiteten i psykisk helsevern") for t in texts)
    task = next(it for it in result["items"] if it["ref"] == "1")
    assert task["recipients"] == ["FIN", "UNN", "NLSH", "HSYK"]
    assert task["deadlines"] == ["2024-09-15"]
    assert task["main_goal"] == 1
    indicator = next(it for it in result["items"] if it["kind"] == "indicator")
    assert indicator["recipients"] == ["UNN", "NLSH"]


def test_docx_round_trip_keeps_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    for line in DOC_LINES:
        if line.startswith("• "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line:
            document.add_paragraph(line)
    document.add_paragraph("Vedlegg 2 Rapporteringsmal")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ("Krav", "Gjelder foretak", "Rapporteringsfrekvens")):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ("1 Helseforetakene skal sende plan", "FIN, UNN", "Årlig melding")):
        cell.text = value
    document.add_paragraph("Etter tabellen")
    p = tmp_path / "oppdrag.docx"
    document.save(p)
    text = read_file(p)
    assert "• Døgnkapasiteten i psykisk helsevern" in text
    assert "Krav | Gjelder foretak | Rapporteringsfrekvens" in text
    assert text.index("Vedlegg 2") < text.index("Gjelder foretak") < text.index("Etter tabellen")
    result = extract_file(p)
    assert any(it["kind"] == "indicator" for it in result["items"])
    task = next(it for it in result["items"] if it["ref"] == "1")
    # the template row in the Word table merges into the task: its reporting and a second source
    assert task["reporting"] == ["annual"]
    assert len(task["source"]) == 2
    assert sum(1 for it in result["items"] if it["ref"] == "1") == 1


def _multilevel_list(document) -> str:
    """Add a two-level list to the document's numbering ("1." with "a)" below); its numId."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _number(paragraph, num_id: str, level: int = 0) -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_docx_automatic_numbering_keeps_the_documents_references(tmp_path):
    """Word's numbered lists are not in the paragraphs' text: the reader counts them as Word does
    (per list and level, deeper levels restarting), so "1.", "2." and "a)" reach the extractor and
    become the items' refs."""
    import docx

    document = docx.Document()
    listed = _multilevel_list(document)
    for line in DOC_LINES[:-1]:
        if line.startswith("• "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line:
            document.add_paragraph(line)
    for level, line in [
        (0, "Helseforetakene skal sende plan for økt kapasitet innen 15. september 2024."),
        (0, "Helseforetakene skal lage en felles plan for oppfølging av pasienter."),
        (1, "planen skal omfatte barn"),
        (1, "planen skal omfatte voksne"),
        (0, "Helseforetakene skal rapportere på ventetider i årlig melding."),
    ]:
        _number(document.add_paragraph(line), listed, level)
    document.add_paragraph("Vedlegg")
    document.add_paragraph("Første vedlegg", style="List Number")  # numbered by its style
    document.add_paragraph("Andre vedlegg", style="List Number")
    p = tmp_path / "nummerert.docx"
    document.save(p)

    text = read_file(p)
    assert "1. Helseforetakene skal sende plan" in text and "2. Helseforetakene skal lage" in text
    assert "a) planen skal omfatte barn" in text and "b) planen skal omfatte voksne" in text
    assert "3. Helseforetakene skal rapportere" in text
    assert "1. Første vedlegg" in text and "2. Andre vedlegg" in text
    result = extract_file(p)
    refs = {it["ref"]: it for it in result["items"] if it["ref"]}
    assert {"1", "2", "3"} <= set(refs) and "a" not in refs
    assert refs["1"]["deadlines"] == ["2024-09-15"] and refs["1"]["kind"] == "assignment"
    assert refs["2"]["text"].endswith("planen skal omfatte voksne")  # the sub-points belong to 2.
    assert refs["3"]["reporting"] == ["annual"]


def test_docx_indicator_table_rows_become_indicators_with_their_frequency(tmp_path):
    """A Word table of indicators: a row that repeats a bullet adds its source and frequency to
    it; the other rows are indicators of their own, reported as their frequency column says."""
    import docx

    document = docx.Document()
    for line in ["Styringsdokument 2024 for Helse Førde HF", "Mål 2024:", "Indikatorar:"]:
        document.add_paragraph(line)
    document.add_paragraph("Ventetida i psykisk helsevern for barn og unge skal vere under 35 dagar.", style="List Bullet")
    document.add_paragraph("Vedlegg 1 Styringsindikatorar")
    rows = [("Indikator", "Mål 2024", "Rapportering"),
            ("Ventetid i psykisk helsevern for barn og unge", "Under 35 dagar", "Tertialvis"),
            ("Del epikrisar sendt innan 1 dag", "Minst 80 %", "Månadleg"),
            ("Sjukefråvær", "Under 7 %", "Årleg melding")]
    table = document.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("Med helsing")
    document.add_paragraph("Helse Vest RHF")
    p = tmp_path / "indikatorar.docx"
    document.save(p)

    result = extract_file(p)
    assert result["document"]["issuer"] == ["HV"]
    by_start = {it["text"].split()[0]: it for it in result["items"]}
    assert set(by_start) == {"Ventetida", "Del", "Sjukefråvær"}
    assert all(it["kind"] == "indicator" and it["recipients"] == ["HFD"] for it in result["items"])
    assert len(by_start["Ventetida"]["source"]) == 2 and by_start["Ventetida"]["reporting"] == ["tertial"]
    assert by_start["Del"]["text"] == "Del epikrisar sendt innan 1 dag Minst 80 % Månadleg"
    assert by_start["Del"]["reporting"] == ["monthly"] and by_start["Sjukefråvær"]["reporting"] == ["annual"]
