"""The genre corpus's cases (document × format) built into a folder, extracted as a user's upload
would be, and scored with the shared scorer."""
from __future__ import annotations

import json
from pathlib import Path

from tests.extraction.genre import FORMATS, gold, load, names, render_text

ITEM_BAR, FIELD_BAR = 0.97, 0.95


def build_all(folder: Path, docs: list[str] | None = None, formats: tuple[str, ...] = FORMATS) -> dict[tuple[str, str], Path]:
    """Every (document, format) written to ``folder``: the text, the Word file, and (one LibreOffice
    run for all of them) the PDF printed from the Word file."""
    from tests.extraction.genre.word import docx_bytes, pdfs_from_word

    folder.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[str, str], Path] = {}
    words = []
    for name in docs or names():
        doc = load(name)
        if "txt" in formats:
            path = folder / f"{name}.txt"
            path.write_text(render_text(doc)[0], encoding="utf-8")
            out[(name, "txt")] = path
        if "docx" in formats or "pdf" in formats:
            path = folder / f"{name}.docx"
            path.write_bytes(docx_bytes(doc))
            if "docx" in formats:
                out[(name, "docx")] = path
            words.append((name, path))
    if "pdf" in formats and words:
        pdfs = pdfs_from_word([p for _, p in words], folder / "pdf")
        for name, path in words:
            out[(name, "pdf")] = pdfs[path]
    return out


def extract_path(path: Path) -> dict:
    from styring.extraction import extract_file

    return json.loads(json.dumps(extract_file(path), ensure_ascii=False))


def score(name: str, pred: dict, scorer, show: int = 0) -> tuple[dict, list[str]]:
    return scorer.score(gold(load(name)), pred, show=show)


def table_rows(shared: Path, prefix: str = "") -> list[tuple[str, float, float, float]]:
    """The corpus as rows of the corpus table (``tests/corpus/table.py``): (case, items F1, fields,
    allocations F1) for every document × format."""
    import tempfile

    from styring.testing.shared import load_scorer

    scorer = load_scorer(shared)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for (name, fmt), path in build_all(Path(tmp)).items():
            out, _ = score(name, extract_path(path), scorer)
            rows.append((f"{prefix}{name} {fmt}", out["item_f1"], out["fields"], out["allocations_f1"]))
    return rows
