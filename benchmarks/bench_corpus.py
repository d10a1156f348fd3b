"""Corpus scores: the seeds, and the paraphrase corpus (the seeds reworded, text and gold alike) and
the genre corpus (tests/genre: eight documents × text, Word, LibreOffice PDF) in one table, worst first, with the bar each must reach (items F1 ≥ 0.97, fields ≥ 0.95, allocations
unchanged at 1.0).

    python benchmarks/bench_corpus.py

Exits 1 when a row is below the bar. Reads the seeds and gold from $STYRING_SHARED (or ../shared).
Other corpora add their rows to the same table (``corpus_rows``).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def shared_dir() -> Path:
    return Path(os.environ.get("STYRING_SHARED", REPO.parent / "shared")).resolve()


def corpus_rows(shared: Path) -> list:
    """The rows of every corpus: the paraphrase corpus (the seeds reworded) and the genre corpus
    (documents of the families the seeds do not show, as text, Word and LibreOffice PDF)."""
    from tests.extraction.corpus import PARAPHRASE_VARIANTS
    from tests.extraction.corpus.table import rows_for
    from tests.extraction.genre.cases import table_rows

    return rows_for(PARAPHRASE_VARIANTS, shared, prefix="paraphrase ") + table_rows(shared, prefix="genre ")


def main() -> int:
    from tests.extraction.corpus.table import below_bar, format_table, seed_rows

    shared = shared_dir()
    if not (shared / "gold").is_dir():
        print(f"seeds: missing (set STYRING_SHARED; looked in {shared})")
        return 1
    started = time.perf_counter()
    seeds = seed_rows(shared)
    print(format_table(seeds, "seeds"))
    rows = corpus_rows(shared)
    print()
    print(format_table(rows, "corpora, worst first"))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 1 if any(below_bar(r) for r in seeds + rows) else 0


if __name__ == "__main__":
    sys.exit(main())
