"""What a reader hands the extractor: the document's text, and what the file knew about its lines
beyond their characters (a heading's level, a list paragraph's level, a line's font size and
weight). The text is what sources point into; the hints are keyed by line number in that text."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineHint:
    heading: int | None = None  # 1, 2, … when the file marks the line as a heading (style, size, weight)
    list_level: int | None = None  # 0, 1, … for a Word list paragraph
    size: float | None = None  # font size in points (PDF)
    bold: bool = False
    wrapped: bool | None = None  # (PDF) the line goes on from the line before, which was full


@dataclass
class Document:
    text: str
    hints: dict[int, LineHint] = field(default_factory=dict)
