"""Steering-document extraction: pure Python, no Django.

    from styring.extraction import extract, extract_file, ExtractionError
    result = extract_file("oppdrag.pdf")   # the object of extraction-contract.md, with review notes
    contract_object(result)                 # exactly the contract's object
"""
from __future__ import annotations

import os
from typing import Any

from styring.extraction.errors import ExtractionError
from styring.extraction.pipeline import extract


def extract_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> dict[str, Any]:
    """Read ``path`` (.txt, .pdf, .docx) and extract it; bad input raises ExtractionError."""
    from pathlib import Path

    from styring.extraction.readers import DEFAULT_MAX_BYTES, read_document

    document = read_document(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    return extract(document.text, filename=Path(path).name, hints=document.hints)


EXTRAS = ("review", "shown_text")  # an item's fields beyond the contract


def contract_object(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` as extraction-contract.md defines it: without the extractor's ``review`` notes and
    the ``shown_text`` the register stores (the text without footnote marks)."""
    return {
        **result,
        "document": {k: v for k, v in result["document"].items() if k != "review"},
        "items": [{k: v for k, v in item.items() if k not in EXTRAS} for item in result["items"]],
    }


__all__ = ["ExtractionError", "contract_object", "extract", "extract_file"]
