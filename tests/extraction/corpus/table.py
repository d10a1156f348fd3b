"""Corpus scores as one table, worst first: the seeds beside the corpora built from them.

A row is ``(name, items F1, fields, allocations F1)``; ``rows_for`` scores (seed, variant) cases,
``seed_rows`` the seeds themselves, and ``format_table`` prints any list of rows worst first with
"!" where a figure is below the bar — so another corpus (the genre corpus) adds its rows to the
same table. ``benchmarks/bench_corpus.py`` (``make bench``) prints it.
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

Row = tuple[str, float, float, float]  # name, items F1, fields, allocations F1
ITEM_BAR, FIELD_BAR, ALLOCATION_BAR = 0.97, 0.95, 1.0


def seed_rows(shared: Path) -> list[Row]:
    """Each seed extracted as it is, scored against its gold."""
    from styring.extraction import extract_file
    from styring.testing.shared import load_scorer

    scorer = load_scorer(shared)
    rows: list[Row] = []
    for gold_path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads(json.dumps(extract_file(shared / "seeds" / f"{gold_path.stem}.txt"), ensure_ascii=False))
        out, _ = scorer.score(gold, pred)
        rows.append((f"seed {gold_path.stem[:3]}", out["item_f1"], out["fields"], out["allocations_f1"]))
    return rows


def rows_for(variants: Iterable, shared: Path, prefix: str = "") -> list[Row]:
    """Every (seed, variant) case that applies, built, extracted and scored."""
    from styring.testing.shared import load_scorer
    from tests.extraction.corpus import build, run, seed_ids, short

    scorer = load_scorer(shared)
    variants = list(variants)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seed_ids(shared):
            for variant in variants:
                built = build(seed, variant, shared)
                if built is None:
                    continue
                out, _ = scorer.score(built.gold, run(built, Path(tmp)))
                rows.append((f"{prefix}{short(seed)} {variant.name}", out["item_f1"], out["fields"], out["allocations_f1"]))
    return rows


def below_bar(row: Row) -> list[str]:
    _, items, fields, allocations = row
    return [name for name, value, bar in (("items", items, ITEM_BAR), ("fields", fields, FIELD_BAR),
                                           ("allocations", allocations, ALLOCATION_BAR)) if value < bar]


def format_table(rows: list[Row], title: str = "") -> str:
    """The rows worst first (lowest items F1, then fields, then allocations), "!" below the bar."""
    width = max([len(r[0]) for r in rows] + [24])
    lines = [title] if title else []
    lines.append(f"{'case':<{width}} {'items':>7} {'fields':>7} {'alloc':>7}")
    for row in sorted(rows, key=lambda r: (r[1], r[2], r[3], r[0])):
        bad = below_bar(row)
        cells = [f"{value:.3f}" + ("!" if name in bad else " ")
                 for name, value in (("items", row[1]), ("fields", row[2]), ("allocations", row[3]))]
        lines.append(f"{row[0]:<{width}} " + " ".join(f"{c:>7}" for c in cells))
    failing = sum(1 for r in rows if below_bar(r))
    lines.append(f"{len(rows)} rows, {failing} below the bar (items {ITEM_BAR}, fields {FIELD_BAR}, "
                 f"allocations {ALLOCATION_BAR})")
    return "\n".join(lines)
