"""Cells a spreadsheet program must never run: text from users (an item, a report, a name) that
begins like a formula (``=``, ``+``, ``-``, ``@``, tab or carriage return) is written as text.

- CSV: the value gets a leading apostrophe (OWASP's advice), which Excel and LibreOffice show as text.
- XLSX: the cell is stored as a string with Excel's "quote prefix", so it stays text when edited.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """``value`` for a CSV cell: text that looks like a formula gets a leading apostrophe."""
    return f"'{value}" if looks_like_formula(value) else value


def set_text(cell: Cell, value: object) -> None:
    """Write ``value`` into an openpyxl ``cell``; text that looks like a formula stays text."""
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
