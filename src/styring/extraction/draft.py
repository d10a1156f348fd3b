"""An item while it is being read (a draft), and how repeated drafts are merged into one."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from styring.extraction.layout.lines import hyphen_join, norm_ws
from styring.registry import Registry


@dataclass
class Draft:
    kind: str
    ref: str | None
    main_goal: int | None
    recipients: list[str]
    origin: str = "body"  # "body", "annen", "template", "table"
    informed_flag: bool = False
    informed: list[str] = field(default_factory=list)
    groups: list[list[tuple[int, int]]] = field(default_factory=list)  # text pieces, one group per source
    reporting: set[str] = field(default_factory=set)
    reporting_override: set[str] | None = None
    deadlines: list[str] = field(default_factory=list)
    text_override: str | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    numbered: bool = False
    from_bullet: bool = False  # opened by a list item (a paragraph after the list does not belong to it)
    wrapped_at: int | None = None  # a table row: where its first cell ends in ``text_override``
    explicit_who: bool = True
    title_groups: int = 0  # leading groups that hold only a title (lettered paragraphs, sections)
    ntext: int | None = None  # groups that make up the text (merged repeats add sources only)
    reasons: list[str] = field(default_factory=list)  # why fields were set from elsewhere (Norwegian)
    doubts: list[tuple[float, str]] = field(default_factory=list)  # (how much less sure, why)

    def add_piece(self, start: int, end: int, new_group: bool = False) -> None:
        if end <= start:
            return
        if new_group or not self.groups:
            self.groups.append([])
        self.groups[-1].append((start, end))

    def group_spans(self) -> list[tuple[int, int]]:
        """One (start, end) per source group."""
        return [(g[0][0], g[-1][1]) for g in self.groups if g]

    def doubt(self, amount: float, reason: str) -> None:
        """The rules are less sure of this item, by ``amount`` (0–1), for ``reason`` (Norwegian)."""
        if all(r != reason for _, r in self.doubts):
            self.doubts.append((amount, reason))

    def confidence(self) -> float:
        sure = 1.0
        for amount, _ in self.doubts:
            sure *= 1.0 - amount
        return round(sure, 2)

    def has_body(self) -> bool:
        return sum(len(g) for g in self.groups[self.title_groups:]) > 0


def dedupe(drafts: list[Draft], text: str, reg: Registry) -> list[Draft]:
    """One draft per item: a draft that repeats an earlier one (same organisations named, nearly
    the same words) is merged into it."""
    out: list[Draft] = []
    keys: list[list[str]] = []
    orgs: list[set[str]] = []
    for d in drafts:
        body = d_text(d, text)
        words = re.findall(r"[0-9a-zæøåéüö]+", body.lower())
        named = {c for _, _, c in reg.find(hyphen_join(body))}
        hit = None
        for k, other in enumerate(keys):
            if not words or not other or named != orgs[k]:
                continue
            if abs(len(words) - len(other)) > 0.1 * max(len(words), len(other)) + 1:
                continue
            if words[:3] != other[:3] and words[-3:] != other[-3:]:
                continue
            sm = SequenceMatcher(None, words, other, autojunk=False)
            if sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9 and _small_edits(sm, words, other):
                hit = k
                break
        if hit is None:
            out.append(d)
            keys.append(words)
            orgs.append(named)
        else:
            merge_into(out[hit], d)
    return out


def _small_edits(sm: SequenceMatcher[str], a: list[str], b: list[str]) -> bool:
    """The two texts differ only by typing-level edits: inflections ("styrer"/"styre") and short
    inserted words ("skal", "det"), not by a different content word ("døgnaktiviteten" vs
    "døgnkapasiteten")."""
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2]):
                n = 0
                while n < min(len(x), len(y)) and x[n] == y[n]:
                    n += 1
                if n < 0.7 * min(len(x), len(y)):
                    return False
            continue
        left, right = a[i1:i2], b[j1:j2]
        for side, other in ((left, right), (right, left)):
            for w in side:
                if len(w) <= 4:
                    continue
                if not any(_prefix_share(w, o) for o in other):
                    return False
    return True


def _prefix_share(x: str, y: str) -> bool:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return n >= 0.7 * min(len(x), len(y))


def merge_into(target: Draft, d: Draft) -> None:
    for c in d.recipients:
        if c not in target.recipients:
            target.recipients.append(c)
    for c in d.informed:
        if c not in target.informed:
            target.informed.append(c)
    target.ref = target.ref or d.ref
    if target.main_goal is None:
        target.main_goal = d.main_goal
    target.groups.extend(d.groups)
    target.sources.extend(d.sources)
    target.reporting |= d.reporting
    if d.reporting_override is not None:
        target.reporting_override = (target.reporting_override or set()) | d.reporting_override
    for x in d.deadlines:
        if x not in target.deadlines:
            target.deadlines.append(x)
    target.informed_flag = target.informed_flag or d.informed_flag
    for r in d.reasons:
        if r not in target.reasons:
            target.reasons.append(r)


def d_text(d: Draft, text: str) -> str:
    """The draft's text: its override, else the pieces of its first occurrence."""
    if d.text_override is not None:
        return d.text_override
    groups = d.groups[:d.ntext] if d.ntext else d.groups
    return norm_ws(" ".join(text[s:e] for g in groups for s, e in g))
