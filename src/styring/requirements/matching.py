"""Pairing items of two documents: a revised version with its predecessor, or this year with last year.

Items are matched one to one, first by identical text, then by the same number (ref) with similar
text, then by text similarity alone (difflib), best pairs first. Rewording keeps an item matched as
long as the similarity stays above the threshold.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

SIMILAR = 0.6  # below this two texts are different items
SAME_REF_SIMILAR = 0.4  # the same number is strong evidence: a looser bar

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", text or "")).strip().lower()


def similarity(a: str, b: str) -> float:
    """difflib ratio of the two texts' word sequences (0–1); pairs plainly below
    ``SAME_REF_SIMILAR`` are cut short and reported as 0."""
    wa, wb = normalise(a).split(), normalise(b).split()
    if wa == wb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.real_quick_ratio() < SAME_REF_SIMILAR or matcher.quick_ratio() < SAME_REF_SIMILAR:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True)
class Entry:
    """What matching needs of an item: an index in its list, its ref and its text."""

    key: int
    ref: str
    text: str


def match(old: Sequence[Entry], new: Sequence[Entry], threshold: float = SIMILAR) -> dict[int, tuple[int, float]]:
    """``{new.key: (old.key, similarity)}`` for every new entry that has a counterpart in ``old``."""
    result: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    by_text: dict[str, list[Entry]] = {}
    for o in old:
        by_text.setdefault(normalise(o.text), []).append(o)
    for n in new:
        for o in by_text.get(normalise(n.text), []):
            if o.key not in used:
                result[n.key] = (o.key, 1.0)
                used.add(o.key)
                break
    candidates: list[tuple[float, float, int, int]] = []
    old_words = {o.key: normalise(o.text).split() for o in old}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for n in new:
        if n.key in result:
            continue
        matcher.set_seq2(normalise(n.text).split())  # difflib caches what it learns about seq2
        for o in old:
            if o.key in used:
                continue
            matcher.set_seq1(old_words[o.key])
            if matcher.real_quick_ratio() < SAME_REF_SIMILAR or matcher.quick_ratio() < SAME_REF_SIMILAR:
                continue
            score = matcher.ratio()
            same_ref = bool(n.ref) and n.ref == o.ref
            if score >= threshold or (same_ref and score >= SAME_REF_SIMILAR):
                candidates.append((score + (1.0 if same_ref else 0.0), score, n.key, o.key))
    for _rank, score, new_key, old_key in sorted(candidates, reverse=True):
        if new_key in result or old_key in used:
            continue
        result[new_key] = (old_key, score)
        used.add(old_key)
    return result
