"""The search's query set over seed 001 (``seed_001_queries.json``): each query with the items it
must find, and how well the search does (recall and precision over the document's items).
Used by the shared test and by ``make bench`` (``benchmarks/bench_followthread.py``)."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("seed_001_queries.json")


def queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def identifier(item) -> str:
    """How the query set names an item: its number, or the start of its text."""
    return f"ref {item.ref}" if item.ref else " ".join(item.text.split())[:60]


@dataclass
class Quality:
    recall: float  # mean over the queries of the share of its items found
    precision: float  # mean over the queries that found anything of the share of found items it must find
    queries: int
    misses: dict[str, list[str]] = field(default_factory=dict)  # query → items it did not find
    extra: dict[str, list[str]] = field(default_factory=dict)  # query → items found beyond its list
    timings_ms: list[float] = field(default_factory=list)

    @property
    def p95_ms(self) -> float:
        values = sorted(self.timings_ms)
        return values[max(0, int(len(values) * 0.95) - 1)] if values else 0.0


def evaluate(user, document) -> Quality:
    """Run every query as ``user`` (items only, no cut-off) and compare with the set."""
    from styring.search.query import search

    by_id: dict[str, int] = {}
    for item in document.items.all():
        key = identifier(item)
        if key in by_id:
            raise ValueError(f"Two items share the identifier {key!r}")
        by_id[key] = item.pk
    names = {pk: key for key, pk in by_id.items()}
    recalls, precisions, timings = [], [], []
    misses, extra = {}, {}
    for query in queries():
        unknown = [key for key in query["finds"] if key not in by_id]
        if unknown:
            raise ValueError(f"{query['q']!r}: no item {unknown}")
        wanted = {by_id[key] for key in query["finds"]}
        started = time.perf_counter()
        hits = search(user, query["q"], kind="item", limit=1000)
        timings.append((time.perf_counter() - started) * 1000)
        found = {h.id for h in hits if h.id in names}
        recalls.append(len(found & wanted) / len(wanted))
        if found:
            precisions.append(len(found & wanted) / len(found))
        if wanted - found:
            misses[query["q"]] = sorted(names[pk] for pk in wanted - found)
        if found - wanted:
            extra[query["q"]] = sorted(names[pk] for pk in found - wanted)
    return Quality(recall=sum(recalls) / len(recalls), precision=sum(precisions) / max(1, len(precisions)),
                   queries=len(recalls), misses=misses, extra=extra, timings_ms=timings)
