"""Score the genre corpus: one line per (document, format), worst first.

    python -m tests.extraction.genre [--show N] [--only NAME] [--format txt] [--keep DIR]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.extraction.genre import FORMATS, names
from tests.extraction.genre.cases import FIELD_BAR, ITEM_BAR, build_all, extract_path, score


def rows(folder: Path, docs=None, formats=FORMATS, scorer=None, show: int = 0) -> list[dict]:
    from styring.testing.shared import load_scorer, shared_path

    scorer = scorer or load_scorer(shared_path())
    out = []
    for (name, fmt), path in build_all(folder, docs, formats).items():
        t0 = time.perf_counter()
        pred = extract_path(path)
        dt = time.perf_counter() - t0
        result, lines = score(name, pred, scorer, show=show)
        out.append({"doc": name, "format": fmt, "seconds": dt, "lines": lines, **result})
    out.sort(key=lambda r: (min(r["item_f1"] - ITEM_BAR, r["fields"] - FIELD_BAR), r["allocations_f1"]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", action="append")
    ap.add_argument("--format", action="append", choices=FORMATS)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        result = rows(folder, args.only or names(), tuple(args.format or FORMATS), show=args.show)
    bad = 0
    print(f"{'document':<28} {'fmt':<5} {'items':>6} {'fields':>6} {'dl':>6} {'alloc':>6} {'s':>6}")
    for r in result:
        below = r["item_f1"] < ITEM_BAR or r["fields"] < FIELD_BAR
        bad += below
        print(f"{r['doc']:<28} {r['format']:<5} {r['item_f1']:6.3f} {r['fields']:6.3f} {r['deadlines_f1']:6.3f} "
              f"{r['allocations_f1']:6.3f} {r['seconds']:6.2f}{' !' if below else ''}")
        if args.show and (below or r["deadlines_f1"] < 1 or r["allocations_f1"] < 1):
            print("\n".join("    " + ln for ln in r["lines"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
