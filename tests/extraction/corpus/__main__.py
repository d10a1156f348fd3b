"""Score the extractor on the whole corpus: one line per (seed, variant).

    python -m tests.extraction.corpus                  # the table
    python -m tests.extraction.corpus --show 10        # + misses of the cases below the bar
    python -m tests.extraction.corpus --only 001 --variant docx --show 30
    python -m tests.extraction.corpus --keep /tmp/corpus   # keep the built files there

Columns: items F1, field accuracy, reporting deadlines F1, allocations F1 (shared scorer),
"doc" whether issuer, year and language are the gold's, the time to build the case and to
extract it (read + extract). A "!" marks a score below the bar (items 0.97, fields 0.95,
deadlines and allocations 1.0 where the variant checks them, see ``Variant.checks``).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.extraction.corpus import (
    BY_NAME,
    PARAPHRASE_BY_NAME,
    PARAPHRASE_VARIANTS,
    VARIANTS,
    build,
    document_facts,
    run,
    seed_ids,
    short,
)

ITEM_BAR, FIELD_BAR = 0.97, 0.95


def verdict(built, out: dict, pred: dict) -> list[str]:
    """What is below the bar for this case (empty when it passes)."""
    bad = []
    if out["item_f1"] < ITEM_BAR:
        bad.append("items")
    if out["fields"] < FIELD_BAR:
        bad.append("fields")
    checks = built.variant.checks
    if "deadlines" in checks and built.gold.get("reporting_deadlines") and out["deadlines_f1"] < 1.0:
        bad.append("deadlines")
    if "allocations" in checks and built.gold.get("allocations") and out["allocations_f1"] < 1.0:
        bad.append("allocations")
    if "document" in checks and document_facts(pred) != document_facts(built.gold):
        bad.append("document")
    return bad


def main(argv=None) -> int:
    from styring.testing.shared import load_scorer, shared_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="for cases below the bar, list misses and N field mismatches")
    ap.add_argument("--only", action="append", help="seed (e.g. 001 or data/malbilde); repeatable")
    ap.add_argument("--variant", action="append", choices=sorted(BY_NAME | PARAPHRASE_BY_NAME), help="repeatable")
    ap.add_argument("--paraphrase", action="store_true", help="the paraphrase corpus (paraphrase.py) instead")
    ap.add_argument("--keep", type=Path, help="write the built files to this folder")
    ap.add_argument("--all", action="store_true", help="with --show: details for passing cases too")
    args = ap.parse_args(argv)

    shared = shared_path()
    if not (shared / "gold").is_dir():
        print(f"../shared not found at {shared} (set STYRING_SHARED)", file=sys.stderr)
        return 2
    scorer = load_scorer(shared)
    seeds = seed_ids(shared)
    if args.only:
        seeds = [s for s in seeds if short(s) in args.only or s in args.only]
    every = BY_NAME | PARAPHRASE_BY_NAME
    variants = [every[v] for v in args.variant] if args.variant else PARAPHRASE_VARIANTS if args.paraphrase else VARIANTS

    folder = args.keep or Path(tempfile.mkdtemp(prefix="styring-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'seed':<28} {'variant':<24} {'items':>6} {'fields':>6} {'deadl':>6} {'alloc':>6} {'doc':>4} "
          f"{'build':>6} {'extract':>7}")
    failing = 0
    total = 0
    t_all = time.perf_counter()
    for seed in seeds:
        for variant in variants:
            t0 = time.perf_counter()
            built = build(seed, variant, shared)
            t1 = time.perf_counter()
            if built is None:
                continue
            total += 1
            try:
                pred = run(built, folder)
            except Exception as err:  # noqa: BLE001 - the harness reports every case
                print(f"{short(seed):<28} {variant.name:<24} ERROR {type(err).__name__}: {err}")
                failing += 1
                continue
            t2 = time.perf_counter()
            out, lines = scorer.score(built.gold, pred, show=args.show)
            bad = verdict(built, out, pred)
            failing += bool(bad)

            def cell(key, name, out=out, bad=bad):
                return f"{out[key]:.3f}" + ("!" if name in bad else " ")

            doc = "ok" if document_facts(pred) == document_facts(built.gold) else "NO"
            print(f"{short(seed):<28} {variant.name:<24} {cell('item_f1', 'items'):>7}{cell('fields', 'fields'):>7}"
                  f"{cell('deadlines_f1', 'deadlines'):>7}{cell('allocations_f1', 'allocations'):>7} {doc:>3} "
                  f"{t1 - t0:6.2f}s {t2 - t1:6.2f}s")
            if args.show and (bad or args.all):
                if doc == "NO":
                    print(f"    document: gold {document_facts(built.gold)} | predicted {document_facts(pred)}")
                for note in built.notes:
                    print(f"    note: {note}")
                for line in lines[:-1]:
                    print("    " + line)
    print(f"{total} cases, {failing} below the bar, {time.perf_counter() - t_all:.1f}s; files in {folder}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
