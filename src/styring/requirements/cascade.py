"""Suggesting the cascade's links: which item of an owner's document an item carries out.

Pure scoring (no database): each candidate pair gets a confidence from
- text similarity: cosine of the two texts' TF-IDF vectors over ``styring.language.terms`` (bokmål
  and nynorsk forms of a word are one term, inflections stemmed, function words left out; a word
  rare among the texts compared weighs more than one every item uses);
- refs: a child that names the candidate's number ("jf. oppdrag 104") is linked to it;
- headings: the same hovedmål counts for the pair, a different one against it.
The database side (``requirements.links``) chooses the candidates and stores the suggestions.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from styring.language import terms
from styring.registry import load_registry

SUGGEST = 0.25  # below this a pair is not suggested
SECOND = 0.5  # a second parent for the same child must be at least this sure
MAX_PARENTS = 2


@dataclass(frozen=True)
class Text:
    """What scoring needs of an item: a key, its number, hovedmål and text."""

    key: int
    ref: str
    main_goal: int | None
    text: str


@dataclass
class Suggestion:
    child: int
    parent: int
    confidence: float
    reasons: list[str] = field(default_factory=list)


class Vectors:
    """TF-IDF vectors of a set of texts (the children and candidates compared in one run)."""

    def __init__(self, texts: Sequence[Text]) -> None:
        registry = load_registry()
        # who an item names is not what it is about: names and group words are left out
        self.tf = {t.key: Counter(terms(registry.without_names(t.text))) for t in texts}
        df: Counter[str] = Counter()
        for counts in self.tf.values():
            df.update(counts.keys())
        n = max(1, len(self.tf))
        self.idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
        self.vec: dict[int, dict[str, float]] = {}
        for key, counts in self.tf.items():
            v = {term: (1 + math.log(c)) * self.idf[term] for term, c in counts.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            self.vec[key] = {term: x / norm for term, x in v.items()}

    def cosine(self, a: int, b: int) -> float:
        va, vb = self.vec.get(a, {}), self.vec.get(b, {})
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(term, 0.0) for term, x in va.items())

    def shared(self, a: int, b: int, n: int = 4) -> list[str]:
        """The rarest terms the two texts share (the reason a pair was suggested)."""
        common = set(self.tf.get(a, {})) & set(self.tf.get(b, {}))
        return sorted(common, key=lambda t: -self.idf[t])[:n]


_REF_MENTION = r"(?:oppdrag|oppdraget|krav|kravet|punkt|pkt\.?|nr\.?)\s+(?:nr\.?\s+)?{ref}\b"


def _mentions(text: str, ref: str) -> bool:
    return bool(ref) and bool(re.search(_REF_MENTION.format(ref=re.escape(ref)), text, re.IGNORECASE))


def score(child: Text, parent: Text, vectors: Vectors) -> Suggestion:
    """How sure we are that ``child`` carries out ``parent`` (0–1), with the reasons in Norwegian."""
    similarity = vectors.cosine(child.key, parent.key)
    confidence = similarity
    reasons = []
    if similarity > 0:
        words = ", ".join(vectors.shared(child.key, parent.key))
        reasons.append(f"lik tekst ({similarity:.0%}): {words}" if words else f"lik tekst ({similarity:.0%})")
    if _mentions(child.text, parent.ref):
        confidence += 0.5
        reasons.append(f"viser til nummer {parent.ref}")
    if child.main_goal and parent.main_goal:
        if child.main_goal == parent.main_goal:
            confidence += 0.05
            reasons.append(f"samme hovedmål ({child.main_goal})")
        else:
            confidence -= 0.1
    return Suggestion(child.key, parent.key, round(max(0.0, min(1.0, confidence)), 3), reasons)


def suggest(children: Sequence[Text], candidates: dict[int, Sequence[Text]]) -> list[Suggestion]:
    """The suggested parents of each child among its ``candidates[child.key]``: the best one when
    it reaches ``SUGGEST``, and one more when that is also at least ``SECOND`` sure."""
    everyone = {t.key: t for t in children}
    for group in candidates.values():
        everyone.update({t.key: t for t in group})
    vectors = Vectors(list(everyone.values()))
    out: list[Suggestion] = []
    for child in children:
        scored = sorted((score(child, p, vectors) for p in candidates.get(child.key, ()) if p.key != child.key),
                        key=lambda s: -s.confidence)
        for rank, s in enumerate(scored[:MAX_PARENTS]):
            if s.confidence >= (SUGGEST if rank == 0 else SECOND):
                out.append(s)
    return out
