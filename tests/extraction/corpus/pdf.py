"""A steering document laid out as a PDF the way a word processor exports one.

Body text 10 pt Helvetica wrapped to the text width (483 pt); chapter headings 14 pt Helvetica-Bold
(12 and 11 pt below), with their numbers as text; list items with the mark at the list's indent
and the text at a hanging indent (wrapped lines start under the text, not under the mark),
bullets ("•" and lists whose marks the text had lost) set as ``bullet`` says (see
``styring.testing.pdfgen.Line``: "symbol-subset" and "dot" leave no character in the text
layer, "symbol-pua" leaves U+F0B7), while "o" and dashes stay text as a text font sets them; numbered and
lettered points with their number as text at the mark's place; tables in columns (each cell
wrapped in its column, a row's lines side by side); a footer "Side N av M" on every page.

What the text layer (pypdfium2) gives for such a page is written down in ``pdfgen``.
"""
from __future__ import annotations

import re

from styring.testing.pdfgen import Line, laid_out_pdf, paginate, text_width, wrap
from tests.extraction.corpus.blocks import Block, tableish

WIDTH = 483.0
HEADING_SIZE = {1: 14.0, 2: 12.0, 3: 11.0}


def _columns(rows: list[list[str]], ncol: int) -> list[float]:
    """Left edges of the columns (and the right edge last): widths in proportion to the
    columns' longer cells, at least 56 pt, as a word processor fits a table to its contents."""
    need = []
    for j in range(ncol):
        lengths = sorted(text_width(r[j], 9) for r in rows if j < len(r)) or [0.0]
        need.append(max(56.0, min(lengths[int(len(lengths) * 0.75)] + 8, 260.0)))
    scale = WIDTH / sum(need)
    lefts = [0.0]
    for w in need:
        lefts.append(lefts[-1] + w * scale)
    return lefts


def _table_rows(b: Block, bullet: str) -> tuple[list[list[str]], list[str]]:
    """A table block's rows as laid out, and the text set under each row: the reporting
    template's "Rapporteringstekst:" is a row of its own under the requirement."""
    rows = [list(r) for r in b.rows]
    below = []
    if rows and rows[0] and rows[0][-1] == "Rapporteringstekst:":
        below = [r.pop() for r in rows]
    if bullet != "glyph":  # bullets inside cells are set in the same symbol font: lost too
        rows = [[re.sub(r"(^|\n)[•\uf0b7]\s*", r"\1", c) for c in r] for r in rows]
    return rows, below


def pdf_bytes(blocks: list[Block], bullet: str = "symbol-subset") -> bytes:
    # the reporting template's rows are one table (interrupted by its chapter captions): one set
    # of column widths for all of them; any other table is fitted to its own contents
    template = [r for b in blocks if b.kind == "table" and b.rows[0][-1] == "Rapporteringstekst:"
                for r in _table_rows(b, bullet)[0]]
    template_columns = _columns(template, max(len(r) for r in template)) if template else None
    lines: list[Line] = []
    nested = False
    for b in blocks:
        if b.kind != "item" or b.style != "bullet":
            nested = b.kind == "item" and b.text.rstrip().endswith(":")
        if b.kind == "heading":
            size = HEADING_SIZE.get(b.level, 11.0)
            label = b.number + ("." if b.dot else "")
            for n, part in enumerate(wrap(b.text, WIDTH - 36, size, bold=True)):
                lines.append(Line(part, x=36, size=size, bold=True, gap=10 if n == 0 else 0,
                                  runs=[(0.0, label)] if n == 0 else []))
        elif b.kind == "item":
            depth = (1 if b.level or nested else 0)
            mark_x = 18.0 * depth
            text_x = mark_x + (18.0 if b.style == "bullet" else max(22.0, text_width(b.mark, 10) + 6))
            for n, part in enumerate(wrap(b.text, WIDTH - text_x, 10)):
                ln = Line(part, x=text_x, gap=3 if n == 0 else 0)
                if n == 0:
                    if b.style == "bullet" and b.mark in ("o", "–", "—", "-"):
                        # "o" (Courier New) and dashes are set in a text font: they stay text
                        ln.runs = [(mark_x, "–" if b.mark in "—-" else b.mark)]
                    elif b.style == "bullet":
                        ln.bullet, ln.bullet_x = bullet, mark_x
                    else:
                        ln.runs = [(mark_x, b.mark)]
                lines.append(ln)
        elif b.kind == "table":
            rows, below = _table_rows(b, bullet)
            ncol = max(len(r) for r in rows)
            lefts = template_columns if below and template_columns else _columns(rows, ncol)
            for r, row in enumerate(rows):
                widths = [lefts[j + 1] - lefts[j] for j in range(ncol)]
                cells = [wrap(c, widths[j] - 6, 9, bold=r < b.header_rows) for j, c in enumerate(row)]
                for k in range(max(len(c) for c in cells)):
                    runs = [(lefts[j], c[k]) for j, c in enumerate(cells) if k < len(c) and c[k]]
                    lines.append(Line(size=9, bold=r < b.header_rows, gap=4 if k == 0 else 0, runs=runs))
                if below and below[r]:
                    lines.append(Line(below[r], size=9, gap=2))
        elif tableish(b.text):
            # a row of a table the corpus could not split into cells: one line, set smaller if
            # it must be to fit, never wrapped (a row's figures stay on its line)
            size = min(10.0, 10.0 * WIDTH / max(1.0, text_width(b.text, 10)))
            lines.append(Line(b.text, size=round(size, 1), gap=3))
        else:
            for n, part in enumerate(wrap(b.text, WIDTH, 10)):
                lines.append(Line(part, gap=5 if n == 0 else 0))
    return laid_out_pdf(paginate(lines))
