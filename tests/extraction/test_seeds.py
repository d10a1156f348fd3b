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


def test_footnote_marks_are_left_out_of_the_shown_text():
    """"minst kr +1 mill.6": the 6 is footnote 6's mark; the text the register shows leaves it out,
    the text as the document has it (scored against the gold) keeps it."""
    from styring.extraction.layout.furniture import strip_footnote_marks

    assert strip_footnote_marks("Sykehusapotek Nord: minst kr +1 mill.6", {"6"}) == "Sykehusapotek Nord: minst kr +1 mill."
    assert strip_footnote_marks("digital hjemmeoppfølging5, video", {"5"}) == "digital hjemmeoppfølging, video"
    # only the document's footnotes, only glued to a lower-case word: numbers and codes are left alone
    assert strip_footnote_marks("helseforetak1 til grunn", {"2"}) == "helseforetak1 til grunn"
    for kept in ("jf. punkt 3.6 og kapittel 6", "ICD10 og F2", "kr 1 mill. 6 ganger"):
        assert strip_footnote_marks(kept, {"6", "10", "2"}) == kept


def test_seed_001_shows_the_result_requirement_without_its_footnote_mark():
    result = extract_file(require_shared() / "seeds" / f"{seed_names()[1]}.txt")
    apotek = next(it for it in result["items"] if it["text"].startswith("Sykehusapotek Nord: minst kr +1 mill."))
    assert apotek["text"].endswith("mill.6") and apotek["shown_text"] == "Sykehusapotek Nord: minst kr +1 mill."
