"""Steering-document extraction: pure Python, no Django.

    from styring.extraction import extract, extract_file, ExtractionError
    result = extract_file("oppdrag.pdf")   # the object described in extraction-contract.md
"""
from __future__ import annotations

from styring.extraction.errors import ExtractionError
from styring.extraction.pipeline import extract


def extract_file(path, *, max_bytes: int | None = None) -> dict:
    """Read ``path`` (.txt, .pdf, .docx) and extract it; bad input raises ExtractionError."""
    from pathlib import Path

    from styring.extraction.readers import DEFAULT_MAX_BYTES, read_file

    text = read_file(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    return extract(text, filename=Path(path).name)


__all__ = ["ExtractionError", "extract", "extract_file"]
