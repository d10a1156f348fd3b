"""Word-level text similarity used to find the item a repeated row or table line stands for."""
from __future__ import annotations

import re


def words(text: str) -> list[str]:
    return re.findall(r"[0-9a-zæøåéüö]+", text.lower().replace("-\n", ""))


def similarity(a: list[str], b: list[str], sa: frozenset | None = None, sb: frozenset | None = None) -> float:
    sa = sa if sa is not None else frozenset(a[:60])
    sb = sb if sb is not None else frozenset(b[:60])
    if not sa or not sb:
        return 0.0
    inter = len(sa & sb)
    if not inter:
        return 0.0
    j = inter / (len(sa) + len(sb) - inter)
    n = min(8, len(a), len(b))
    return max(j, 0.5 * j + 0.5 * (1.0 if a[:n] == b[:n] else 0.0))
