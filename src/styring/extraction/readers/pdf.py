"""PDF: the text layer through pypdfium2, page by page (pages joined by a form feed)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from styring.extraction.errors import ExtractionError
from styring.extraction.source import Document, LineHint

if TYPE_CHECKING:
    from pypdfium2 import PdfPage, PdfTextPage


def read_pdf(p: Path) -> str:
    return read_pdf_document(p).text


def read_pdf_document(p: Path) -> Document:
    """The text layer, each line indented as far as it stands right of the page's text margin
    (a list whose bullet glyph has no character still shows as indented lines), and a heading hint
    for lines set larger or bolder than the body text."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as err:
        msg = str(err).lower()
        if "password" in msg or "passord" in msg or "security" in msg:
            raise ExtractionError(
                f"PDF-en «{p.name}» er kryptert eller passordbeskyttet. Fjern beskyttelsen (lagre en ubeskyttet kopi) og prøv igjen."
            ) from None
        raise ExtractionError(
            f"PDF-en «{p.name}» er ødelagt og kan ikke leses. Lagre eller eksporter dokumentet som PDF på nytt."
        ) from None
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise ExtractionError(
            f"PDF-en «{p.name}» er ødelagt og kan ikke leses. Lagre eller eksporter dokumentet som PDF på nytt."
        ) from None
    finally:
        pdf.close()
    visible = sum(1 for page in pages for line in page for ch in line.text if not ch.isspace())
    if not pages or visible < 20 * max(1, min(len(pages), 3)) and visible < 50:
        raise ExtractionError(
            f"PDF-en «{p.name}» har ikke noe tekstlag (den er trolig skannet som bilde). "
            "Kjør tekstgjenkjenning (OCR) på dokumentet, eller last opp originalen som PDF med tekst eller DOCX."
        )
    return _assemble(pages)


@dataclass
class _PdfLine:
    text: str
    x: float | None = None  # left edge of the first character, in points
    size: float | None = None
    bold: bool = False
    segments: list[tuple[float, str]] | None = None  # (x, text) of pieces apart by wide gaps (columns)
    x_end: float | None = None  # right edge of the last character
    first_word: float | None = None  # width of the first word


def _page_lines(page: PdfPage) -> list[_PdfLine]:
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    try:
        raw_text = tp.get_text_range()  # lines end in "\r\n"; positions are pdfium's text indices
        # pdfium gives a hyphen where a line may break ("Midt-Norge" set by LibreOffice) as U+FFFE
        raw_text = raw_text.replace("\ufffe", "-")
        out: list[_PdfLine] = []
        for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw_text):
            line = m.group(0).rstrip("\r\n")
            if not m.group(0):
                break
            info = _PdfLine(line)
            lead = len(line) - len(line.lstrip())
            if line.strip():
                char = raw.FPDFText_GetCharIndexFromTextIndex(tp.raw, m.start() + lead)
                if char >= 0:
                    info.x = tp.get_charbox(char)[0]
                    info.size = round(raw.FPDFText_GetFontSize(tp.raw, char), 1) or None
                    info.bold = raw.FPDFText_GetFontWeight(tp.raw, char) >= 600 or _bold_name(raw, tp, char)
                    if info.size and " " in line.strip():
                        info.segments = _segments(raw, tp, line, m.start(), info.size)
                    # the right edge of the line, and of its first word: was it full?
                    stripped = line.rstrip()
                    info.x_end = _right(raw, tp, m.start() + len(stripped) - 1)
                    first_word = re.match(r"\S+", line[lead:])
                    if first_word is not None and info.x is not None:
                        right = _right(raw, tp, m.start() + lead + first_word.end() - 1)
                        info.first_word = None if right is None else right - info.x
            out.append(info)
        return out
    finally:
        tp.close()
        page.close()


def _right(raw: ModuleType, tp: PdfTextPage, text_index: int) -> float | None:
    """The right edge of the character at a text index."""
    import ctypes

    char = raw.FPDFText_GetCharIndexFromTextIndex(tp.raw, text_index)
    box = [ctypes.c_double() for _ in range(4)]
    if char < 0 or not raw.FPDFText_GetCharBox(tp.raw, char, *(ctypes.byref(b) for b in box)):
        return None
    return box[1].value


def _segments(raw: ModuleType, tp: PdfTextPage, line: str, start: int, size: float) -> list[tuple[float, str]] | None:
    """The line's pieces separated by wide horizontal gaps (a table's next column, a tab stop),
    each with the x of its first character; None when the line has no such gap."""
    import ctypes

    box = [ctypes.c_double() for _ in range(4)]

    def left_right(text_index: int) -> tuple[float, float] | None:
        char = raw.FPDFText_GetCharIndexFromTextIndex(tp.raw, text_index)
        if char < 0 or not raw.FPDFText_GetCharBox(tp.raw, char, *(ctypes.byref(b) for b in box)):
            return None
        return box[0].value, box[1].value

    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    pieces: list[tuple[float, str]] = []
    first = left_right(start + lead)
    if first is None:
        return None
    piece_x, piece_start = first[0], lead
    for sp in re.finditer(r"(?<=\S) +(?=\S)", line):
        before, after = left_right(start + sp.start() - 1), left_right(start + sp.end())
        if before is None or after is None or after[0] - before[1] <= 0.8 * size:
            continue
        pieces.append((piece_x, line[piece_start:sp.start()]))
        piece_x, piece_start = after[0], sp.end()
    if not pieces:
        return None
    pieces.append((piece_x, line[piece_start:].rstrip()))
    return pieces


def _bold_name(raw: ModuleType, tp: PdfTextPage, char: int) -> bool:
    import ctypes

    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    n = raw.FPDFText_GetFontInfo(tp.raw, char, buffer, 128, ctypes.byref(flags))
    name = buffer.value[: max(0, n - 1)].decode("latin-1", errors="replace").lower()
    return "bold" in name or "black" in name or "heavy" in name


def _assemble(pages: list[list[_PdfLine]]) -> Document:
    """Join the pages (a form feed between them), indenting lines by their distance from the text
    margin (about one space per half em) and hinting headings by size and weight."""
    placed = [ln for page in pages for ln in page if ln.x is not None and ln.text.strip()]
    body = [ln for ln in placed if len(ln.text.strip()) > 40] or placed
    margin = _margin([round(ln.x) for ln in placed if ln.x is not None])
    sizes = [ln.size for ln in body if ln.size]
    body_size = _mode(sizes) if sizes else None
    out: list[str] = []
    hints: dict[int, LineHint] = {}
    reach = sorted(ln.x_end for ln in placed if ln.x_end is not None)
    right_margin = reach[int(len(reach) * 0.95)] if reach else None
    for n, page in enumerate(pages):
        if n:
            out.append("\f")
        prev: _PdfLine | None = None
        for ln in page:
            wrapped = _wrapped(prev, ln, right_margin)
            prev = ln if ln.text.strip() else None
            stripped = ln.text.strip()
            line = stripped
            if stripped and ln.x is not None and margin is not None and ln.size:
                line = _placed(ln, margin)
            heading = None
            if stripped and ln.size and body_size:
                larger = ln.size >= 1.15 * body_size
                if larger or (ln.bold and len(stripped) <= 90 and not stripped.endswith(".")):
                    heading = 1 if ln.size >= 1.4 * body_size else 2 if larger else 3
            if heading is not None or wrapped is not None:
                hints[len(out)] = LineHint(heading=heading, size=ln.size, bold=ln.bold, wrapped=wrapped)
            out.append(line)
    return Document("\n".join(out), hints)


def _wrapped(prev: _PdfLine | None, ln: _PdfLine, right_margin: float | None) -> bool | None:
    """Whether ``ln`` goes on with ``prev`` because the line was full: its first word (and a
    space) would not have fitted after the last character of ``prev``. None when unknown."""
    if prev is None or right_margin is None or prev.x_end is None or ln.first_word is None or not ln.size:
        return None
    room = right_margin - prev.x_end
    return ln.first_word + 0.3 * ln.size > room


def _placed(ln: _PdfLine, margin: float) -> str:
    """The line as a text layer lays it out: indented by its distance from the margin (about one
    space per half em; a little indent counts as one), and each column piece at the position its x
    gives, at least two spaces after the piece before (columns line up from line to line)."""
    em = 0.4 * (ln.size or 10.0)  # narrower than any run of text, so columns line up by their x

    def column(x: float) -> int:
        offset = x - margin
        return 0 if offset <= 2 else min(200, max(1, round(offset / em)))

    pieces = ln.segments or [(ln.x or margin, ln.text.strip())]
    out = " " * min(16, column(pieces[0][0])) + pieces[0][1].strip()
    for x, piece in pieces[1:]:
        out += " " * max(2, column(x) - len(out)) + piece.strip()
    return out


def _margin(xs: list[int]) -> int | None:
    """The text's left margin: the leftmost position where a fair share of lines start (list items,
    indented further right, may be the most common start in a short document)."""
    if not xs:
        return None
    counts: dict[int, int] = {}
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    enough = max(2, len(xs) // 20)
    common = [x for x, n in counts.items() if n >= enough]
    return min(common) if common else min(xs)


def _mode(values: list[float]) -> float:
    """The most common value (the smaller one on a tie)."""
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], -v))
