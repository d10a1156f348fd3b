"""Word-level text similarity used to find the item a repeated row or table line stands for."""
from __future__ import annotations

import re


def words(text: str) -> list[str]:
    return re.findall(r"[0-9a-zæøåéüö]+", text.lower().replace("-\n", ""))


def similarity(a: list[str], b: list[str], sa: frozenset[str] | None = None, sb: frozenset[str] | None = None) -> float:
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


class WordIndex:
    """The drafts' words, for finding which draft a repeated row or table line stands for: each
    draft's words, the set of its first 60, and which drafts hold each word. ``add`` keeps it
    current as drafts are made from rows that repeat nothing."""

    def __init__(self, texts: list[str]) -> None:
        self.keys: list[list[str]] = []
        self.sets: list[frozenset[str]] = []
        self.index: dict[str, list[int]] = {}
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        key = words(text)
        self.keys.append(key)
        self.sets.append(frozenset(key[:60]))
        for w in self.sets[-1]:
            self.index.setdefault(w, []).append(len(self.keys) - 1)
