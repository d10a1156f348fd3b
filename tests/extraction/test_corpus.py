"""Generalisation: the extractor on the test corpus (``tests/corpus``): the seeds rewritten in
shapes the rules were not written against (bullet glyphs lost, no title page, the calendar in a
sentence, grants in prose and in tables, headings renumbered in style, combinations) and built as
Word and PDF files the way word processors build them; the synthetic documents as Word and PDF
files. Each case must reach the bar with the shared scorer (items F1 ≥ 0.97, fields ≥ 0.95), and
where a variant rewrote the reporting calendar, the grants or the title page, the reporting
deadlines, the allocations and the document's issuer, year and language must still be exact.

``python -m tests.extraction.corpus --show 10`` prints the same cases as a table with
what is missed.
"""
from __future__ import annotations

import re

import pytest

from styring.extraction.readers import read_file
from styring.testing.shared import load_scorer, require_shared, shared_path
from tests.extraction.corpus import VARIANTS, build, document_facts, run, seed_ids, short
from tests.extraction.corpus.__main__ import FIELD_BAR, ITEM_BAR


def _cases() -> list:
    """(seed, variant) for every case that applies (a transform that finds nothing to change in
    a seed makes no case); built once, at collection, from ../shared when it is there."""
    shared = shared_path()
    seeds = seed_ids(shared if (shared / "gold").is_dir() else None)
    out = []
    for seed in seeds:
        for variant in VARIANTS:
            if seed.startswith("data/") and not variant.synthetic:
                continue
            if variant.kind == "text" and not (shared / "gold").is_dir():
                continue
            if variant.kind == "text" and build(seed, variant, shared) is None:
                continue
            out.append(pytest.param(seed, variant, id=f"{short(seed)}-{variant.name}"))
    if not any(not str(p.values[0]).startswith("data/") for p in out):
        out.append(pytest.param("(no shared folder)", VARIANTS[0], id="seeds-missing"))
    return out


CASES = _cases()


_EXTRACTED: dict[tuple[str, str], dict] = {}


def _scored(seed, variant, tmp_path):
    """The case built, extracted (once per session: both tests of a case share it) and scored."""
    shared = require_shared()
    built = build(seed, variant, shared)
    assert built is not None, f"{seed} {variant.name} builds"
    key = (seed, variant.name)
    if key not in _EXTRACTED:
        _EXTRACTED[key] = run(built, tmp_path)
    pred = _EXTRACTED[key]
    out, lines = load_scorer(shared).score(built.gold, pred, show=15)
    return built, pred, out, "\n".join(lines + [f"notes: {built.notes}"])


@pytest.mark.shared
@pytest.mark.parametrize("seed,variant", CASES)
def test_corpus_case_reaches_the_bar(seed, variant, tmp_path):
    built, pred, out, report = _scored(seed, variant, tmp_path)
    assert out["item_f1"] >= ITEM_BAR, report
    assert out["fields"] >= FIELD_BAR, report


CHECKED = [p for p in CASES if p.values[1].checks]


@pytest.mark.shared
@pytest.mark.parametrize("seed,variant", CHECKED)
def test_corpus_calendar_grants_and_document_stay_exact(seed, variant, tmp_path):
    built, pred, out, report = _scored(seed, variant, tmp_path)
    if "deadlines" in variant.checks:
        assert out["deadlines_f1"] == 1.0, report
    if "allocations" in variant.checks:
        assert out["allocations_f1"] == 1.0, report
    if "document" in variant.checks:
        assert document_facts(pred) == document_facts(built.gold), report


# -- the corpus builds what it says it builds ------------------------------------------------------

def _built(seed_prefix: str, variant_name: str):
    shared = require_shared()
    seed = next(s for s in seed_ids(shared) if short(s) == seed_prefix)
    return build(seed, next(v for v in VARIANTS if v.name == variant_name), shared)


@pytest.mark.shared
def test_word_build_keeps_bullets_numbers_headings_and_tables_in_numbering_and_table_xml(tmp_path):
    """The .docx carries bullets and numbers in numbering.xml, not in the text, and the reader
    renders them back: "•" from the Symbol-font bullet level, "100." and "a)" counted from
    startOverride, "6.1.1" from the heading styles' multilevel list; the reporting template is a
    Word table."""
    import zipfile

    built = _built("001", "docx")
    path = tmp_path / built.filename
    path.write_bytes(built.data)
    with zipfile.ZipFile(path) as z:
        numbering = z.read("word/numbering.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert 'w:lvlText w:val="\uf0b7"' in numbering and 'w:ascii="Symbol"' in numbering
    assert 'w:lvlText w:val="o"' in numbering and "Courier New" in numbering
    assert '<w:startOverride w:val="100"/>' in numbering
    assert 'w:lvlText w:val="%1.%2.%3"' in numbering
    assert "•" not in document and not re.search(r"<w:t[^>]*>100\. ", document)
    assert "<w:numPr>" in styles  # the heading styles carry the multilevel list
    assert document.count("<w:tbl>") >= 3
    text = read_file(path)
    assert "\n• Styrke psykisk helsevern og TSB slik at pasientene får rask og likeverdig tilgang" in text
    assert "\n100. I tråd med Opptrappingsplan psykisk helse skal Helse Nord RHF gi en årlig status for" in text
    assert "\n6.1.1 Informasjonssikkerhet og personvern" in text
    assert "\n3 Hovedmål 1: Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling" in text
    assert "Indikator |  | Døgnkapasiteten i psykisk helsevern skal være høyere i 2024 sammenlignet med 2023. | " \
           "UNN, NLSH | Årlig melding (tertialvis avviksrapportering) | Rapporteringstekst:" in text
    # one paragraph per paragraph: the wrapped lines of a numbered point are one paragraph
    assert "framskrevet behov. Det vises til arbeidet som er gjort" in text

    lettered = _built("000", "docx")
    path = tmp_path / lettered.filename
    path.write_bytes(lettered.data)
    text = read_file(path)
    assert "\na) Felles målbilder og strategisk retning\n" in text
    assert "\nl) Kunnskapsbygging og erfaringsoverføring\n" in text  # a new list starting at "l"
    assert "\n5. Krav til aktivitet for Pasientreiser HF i 2024\n" in text  # a restarted chapter number
    assert " | Helse Nord | Helse Midt-Norge | Helse Vest | Helse Sør-Øst" in text


def _pdf_pages(data: bytes):
    """(text layer, textpage, page) per page of a PDF, through pypdfium2 itself (not the reader)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        tp = page.get_textpage()
        yield tp.get_text_range(), tp  # lines end in "\r\n"
        tp.close()
        page.close()
    pdf.close()


@pytest.mark.shared
def test_pdf_builds_lose_the_bullet_glyph_as_pdfium_reads_them():
    """In pdfium's text layer the drawn bullets leave no character, the PUA font leaves U+F0B7, and
    the symbol font (subset-named Symbol, not embedded, no ToUnicode) leaves no character — or, where
    the machine has a Symbol font to stand in for it (Debian's fonts-opensymbol), a middle dot "·";
    no bullet leaves "•"; the item's text stands 18 pt right of the margin; headings are 14 pt
    Helvetica-Bold."""
    import ctypes

    import pypdfium2.raw as raw

    line = "Styrke psykisk helsevern og TSB slik at pasientene får rask og likeverdig tilgang til"
    for name, marks in (("pdf_symbol", ("", "· ")), ("pdf_dot", ("",)), ("pdf_pua", ("\uf0b7 ",))):
        texts = []
        for text, tp in _pdf_pages(_built("001", name).data):
            texts.append(text)
            for mark in marks:
                at = text.find(f"\n{mark}{line}")
                if at >= 0:  # the character after "\n" and the mark: the item's first letter
                    char = raw.FPDFText_GetCharIndexFromTextIndex(tp.raw, at + 1 + len(mark))
                    assert tp.get_charbox(char)[0] == pytest.approx(56 + 18, abs=1.5), name
        assert any(f"\n{mark}{line}" in t for t in texts for mark in marks), name  # "\r\n" ends the line before
        assert not any("•" in t for t in texts), name

    for text, tp in _pdf_pages(_built("001", "pdf_symbol").data):
        found = text.find("Hovedmål 1: Styrke")
        if found >= 0:
            buf = ctypes.create_string_buffer(128)
            flags = ctypes.c_int()
            raw.FPDFText_GetFontInfo(tp.raw, found, buf, 128, ctypes.byref(flags))
            assert raw.FPDFText_GetFontSize(tp.raw, found) == pytest.approx(14.0)
            assert buf.value == b"Helvetica-Bold"
            break
    else:
        pytest.fail("the heading is not in the PDF")


@pytest.mark.shared
def test_text_transforms_rewrite_what_they_say():
    space = _built("001", "no_glyphs_space").data.decode("utf-8")
    assert "\n Styrke psykisk helsevern og TSB slik at" in space and "•" not in space
    indent = _built("001", "no_glyphs_indent").data.decode("utf-8")
    assert "\n  Styrke psykisk helsevern og TSB slik at pasientene får rask og likeverdig tilgang til \n\n  riktig" in indent
    assert not _built("002", "no_title").data.decode("utf-8").lstrip().startswith("Tilleggsdokument")
    calendar = _built("000", "calendar_sentence").data.decode("utf-8")
    assert ("Rapport for 1. tertial skal sendes innen 16. mai 2024, rapport for 2. tertial innen 13. september "
            "2024") in calendar
    assert "Frister for tertialvis rapportering" not in calendar
    prose = _built("000", "grants_prose").data.decode("utf-8")
    assert "Helse Nord RHF bevilger 9,7 mill. kroner i rammetilskudd til Sykehusbygg HF for 2024." in prose
    assert "2023 9,7 9,9 10,6 15,7" not in prose
    table = _built("002", "grants_table")
    assert re.search(r"\nFormål +Mottaker +Beløp \(i 1000 kr\)\n", table.data.decode("utf-8"))
    assert re.search(r"\nRekrutterings- og samhandlingstilskudd +Helse Sør-Øst RHF +92 850\n", table.data.decode("utf-8"))
    # the gold item that quoted the rewritten sentences quotes the table now
    (item,) = [it for it in table.gold["items"] if it["ref"] == "3.3"]
    assert "Helse- og omsorgsdepartementet fordeler midlene slik:" in item["text"]
    kapittel = _built("001", "headings_kapittel").data.decode("utf-8")
    assert "\n Kapittel 3 Hovedmål 1: Styrke psykisk helsevern" in kapittel
    toggled = _built("002", "headings_toggled").data.decode("utf-8")
    assert "\n1.1. Integrert ettervern" in toggled and "\n 1 Styrke psykisk helsevern" in toggled
