"""Extraction quality beside the seeds: the seed scores and the genre corpus (documents of the
families the seeds do not show, each as text, Word and LibreOffice PDF), one table each, worst first.

    python benchmarks/bench_corpora.py

Columns: items F1 and field accuracy (the shared scorer; bar 0.97 / 0.95), reporting deadlines and
allocations F1. Exits 1 when a case is below the bar. ``print_table`` is the one printer for any
corpus of (document, format) scores.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

ITEM_BAR, FIELD_BAR = 0.97, 0.95


def below(row: dict) -> bool:
    return row["item_f1"] < ITEM_BAR or row["fields"] < FIELD_BAR


def print_table(title: str, rows: list[dict]) -> int:
    """Print ``rows`` (dicts with doc, format, item_f1, fields, deadlines_f1, allocations_f1) as a
    table, worst first (by the distance to the bar, then allocations and deadlines); returns how
    many are below the bar."""
    rows = sorted(rows, key=lambda r: (min(r["item_f1"] - ITEM_BAR, r["fields"] - FIELD_BAR),
                                       r["allocations_f1"], r["deadlines_f1"], r["doc"], r["format"]))
    width = max([len(r["doc"]) for r in rows] + [8])
    print(f"{title} ({len(rows)} cases, worst first)")
    print(f"  {'document':<{width}} {'format':<6} {'items':>6} {'fields':>6} {'dates':>6} {'grants':>6}")
    for r in rows:
        print(f"  {r['doc']:<{width}} {r['format']:<6} {r['item_f1']:6.3f} {r['fields']:6.3f} "
              f"{r['deadlines_f1']:6.3f} {r['allocations_f1']:6.3f}{'  <-- below the bar' if below(r) else ''}")
    return sum(below(r) for r in rows)


def seed_rows(shared: Path, scorer) -> list[dict]:
    import json

    from styring.extraction import extract
    from styring.extraction.readers import read_file

    out = []
    for gold_path in sorted((shared / "gold").glob("*.json")):
        seed = shared / "seeds" / f"{gold_path.stem}.txt"
        pred = json.loads(json.dumps(extract(read_file(seed), filename=seed.name), ensure_ascii=False))
        result, _ = scorer.score(json.loads(gold_path.read_text(encoding="utf-8")), pred)
        out.append({"doc": gold_path.stem.split("_")[0], "format": "txt", **result})
    return out


def main() -> int:
    from styring.testing.shared import load_scorer

    shared = Path(os.environ.get("STYRING_SHARED", REPO.parent / "shared")).resolve()
    if not (shared / "gold").is_dir():
        print(f"../shared not found at {shared} (set STYRING_SHARED)")
        return 1
    scorer = load_scorer(shared)
    bad = print_table("Seeds", seed_rows(shared, scorer))
    from styring.extraction.tests.genre.__main__ import rows as genre_rows

    with tempfile.TemporaryDirectory() as tmp:
        bad += print_table("Genre corpus", genre_rows(Path(tmp), scorer=scorer))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
