"""The extractor on the shared seed documents, scored with the shared scorer against gold."""
from __future__ import annotations

import json

import pytest

from styring.extraction import extract_file
from styring.testing.shared import load_scorer, require_shared, seed_names

SEEDS = seed_names() or ["(no shared folder)"]


@pytest.mark.shared
@pytest.mark.parametrize("name", SEEDS)
def test_seed_scores_reach_the_bar(name):
    shared = require_shared()
    scorer = load_scorer(shared)
    gold = json.loads((shared / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    pred = extract_file(shared / "seeds" / f"{name}.txt")
    out, lines = scorer.score(gold, json.loads(json.dumps(pred, ensure_ascii=False)), show=10)
    report = "\n".join(lines)
    assert out["item_f1"] >= 0.97, report
    assert out["fields"] >= 0.95, report


@pytest.mark.shared
@pytest.mark.parametrize("name", SEEDS)
def test_seed_sources_point_into_the_text(name):
    shared = require_shared()
    text = (shared / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    pred = extract_file(shared / "seeds" / f"{name}.txt")
    for item in pred["items"]:
        first = item["source"][0]
        assert 0 <= first["start"] < first["end"] <= len(text)
        # the item's text begins where its first source begins
        assert text[first["start"]:first["end"]].split()[0] == item["text"].split()[0]


@pytest.mark.shared
@pytest.mark.parametrize("name", SEEDS)
def test_seed_through_a_pdf_text_layer(name, tmp_path):
    """The same seed printed to PDF and read back (no blank lines, no indentation) still scores."""
    from styring.extraction.pdfgen import text_pdf

    shared = require_shared()
    scorer = load_scorer(shared)
    lines = (shared / "seeds" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(text_pdf([lines[i:i + 60] for i in range(0, len(lines), 60)]))
    gold = json.loads((shared / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    out, lines_ = scorer.score(gold, extract_file(pdf), show=10)
    assert out["item_f1"] >= 0.97, "\n".join(lines_)
    assert out["fields"] >= 0.95, "\n".join(lines_)
