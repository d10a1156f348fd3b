"""The layout layer: what each line of a document *is*, before any rule reads what it *says*.

Every reader (text, PDF, DOCX) gives text, and PDF and DOCX also give what the file knew about
each line (``LineHint``: heading level, list level, indentation, font size, table cells). ``build``
turns text and hints into tagged lines: page furniture, list items (with their mark, or inferred
from the list's shape when the mark was lost), headings and table rows. Rules consume the tags.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from styring.extraction.layout.furniture import mark_furniture
from styring.extraction.layout.lines import Line, split_lines
from styring.extraction.layout.lists import blank_separated, infer_lists, mark_list_ends, mark_list_lines
from styring.extraction.source import LineHint


@dataclass
class Layout:
    text: str
    lines: list[Line]
    sparse: bool  # no blank lines between paragraphs (PDF text layers)
    line_width: int  # the width of a full line of body text, in characters


def build(text: str, *, hints: dict[int, LineHint] | None = None, lead_in: Callable[[str], bool] | None = None,
          list_line: Callable[[str], bool] | None = None) -> Layout:
    """The tagged lines of ``text``. For lists whose marks were lost, ``lead_in`` tells a label
    that introduces a list without a colon ("Indikatorar", "Oppdrag 2024") and ``list_line`` a
    line whose words make it a list line ("Annen oppgave 2024 til …")."""
    lines = split_lines(text)
    for k, hint in (hints or {}).items():
        if 0 <= k < len(lines) and lines[k].text:
            lines[k].heading = hint.heading
            lines[k].list_level = hint.list_level
            lines[k].wrapped = hint.wrapped
    if list_line is not None:
        mark_list_lines(lines, list_line)
    mark_furniture(lines)
    # Text from a PDF text layer often has no blank lines between paragraphs: then a short
    # line that ends a sentence ends a paragraph, and headings need no blank line before them.
    nonblank = [ln for ln in lines if ln.text]
    sparse = len(nonblank) > 20 and sum(1 for ln in lines if not ln.text) < 0.08 * len(nonblank)
    widths = sorted(len(ln.text) for ln in nonblank)
    line_width = widths[int(len(widths) * 0.9)] if widths else 80
    double_spaced = blank_separated(lines)
    infer_lists(lines, line_width, lead_in, double_spaced)
    if not double_spaced:
        mark_list_ends(lines)
    return Layout(text, lines, sparse, line_width)
