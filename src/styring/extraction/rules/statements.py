"""Document-wide statements: sentences that set a field for many items at once.

"Helse Vest RHF skal rapportere på alle mål og oppdrag under hovudmåla i årleg melding" gives every
item under a hovedmål annual reporting; "årlig melding skal inneholde rapporter … for
tilleggsdokumentets Mål 2024 og Annen oppgave 2024" gives it to those items. A statement names
what it governs (all items, one hovedmål, the items under the hovedmål, one kind, the "Annen
oppgave" items) and how they are reported. The sentence becomes an extra source of each item it
governs, so the review screen shows why.

A reporting template that sets each item's reporting on its own row is more precise than a general
sentence, so where the document has one the sentence does not override it (the caller decides).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from styring.extraction import lexicon as lx
from styring.extraction.dates import sentence_breaks
from styring.language import fold_text

# in folded (bokmål) words, so nynorsk sentences match too
_REPORT = lx.compile(r"\b<<statement_report>>\b", flags=0)
_ALL = lx.compile(r"\b<<all>>\s+(?:(?P<what><<statement_all>>)\b)", flags=0)
_UNDER_GOALS = lx.compile(r"\bunder\s+(?:<<hovedmal_plural>>|<<hovedmal>>\s+(?P<n>[123]))", flags=0)
_ANNEN = lx.compile(r"\b<<other_task>>(?:\s+<<YEAR>>)?\b", flags=0)
_MAL_LABEL = lx.compile(r"\b<<label_goal_year>>\s+<<YEAR>>\b", flags=0)
_WORTH_A_LOOK = lx.compile(r"\b<<all>>\b|<<other_task>>")
_MODES = ("annual", "tertial", "monthly")  # the modes a statement can set, in the order they are looked for
_LOOK_AT = lx.compile(r"rapport|<<mode_annual>>")
_NO_BREAK_AFTER = lx.compile(r"\b<<function_words>>$", flags=0)
# a sentence whose subject is a class of items ("Krav under hovudmåla skal rapporterast …", "Oppdragene i
# dette dokumentet skal rapporteres …"): a statement about all of them, without "alle"
_SUBJECT_NEAR = lx.compile(r"<<statement_all>>\b[^.]{0,80}?\b<<shall>>\s+(?:<<statement_report>>)")
_SUBJECT = lx.compile(r"^(?P<what><<statement_all>>)\b[^.]{0,80}?\b<<shall>>\s+(?:<<statement_report>>)")


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    reporting: str  # "annual" | "tertial" | "monthly"
    kinds: frozenset[str] | None  # None: every kind
    main_goal: int | str | None  # a hovedmål, "any" (items under one), None (all items)
    origin: str | None = None  # "annen": the "Annen oppgave" items only
    reason: str = ""

    def governs(self, kind: str, main_goal: int | None, origin: str) -> bool:
        if self.origin is not None and origin != self.origin and not (self.kinds and kind in self.kinds):
            return False
        if self.origin is None and self.kinds is not None and kind not in self.kinds:
            return False
        if self.main_goal == "any":
            return main_goal is not None
        if isinstance(self.main_goal, int):
            return main_goal == self.main_goal
        return True


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the last sentence break, blank line or line that a new
    line in capitals follows without a stop (a heading, a running header), to the next stop."""
    lo = max(0, pos - 400)
    breaks = [lo + b for b in sentence_breaks(text[lo:pos])]
    start = breaks[-1] if breaks else lo
    start = max(start, text.rfind("\n\n", lo, pos) + 1)
    base = start
    for nl in re.finditer(r"\n[ \t]*(?=[A-ZÆØÅ0-9])", text[base:pos]):
        before = text[start:base + nl.start()].rstrip()
        if before and not before.endswith((",", "-", "–")) and not _NO_BREAK_AFTER.search(before):
            start = base + nl.end()
    while start < pos and text[start].isspace():
        start += 1
    m = re.compile(r"[.!?](?=\s)|\n\s*\n").search(text, pos)
    end = m.end() if m else len(text)
    return start, end


def find_statements(text: str) -> list[Statement]:
    """Every document-wide reporting statement in ``text``."""
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for m in _LOOK_AT.finditer(text):
        window = text[max(0, m.start() - 300):m.end() + 300]
        worth = _WORTH_A_LOOK.search(window)
        if not worth and not _SUBJECT_NEAR.search(window):
            continue  # no "alle …", no "Annen oppgave", no items told to be reported: no statement about many items
        start, end = _sentence(text, m.start())
        if not worth and not _SUBJECT.match(fold_text(" ".join(text[start:end].split()))):
            continue
        if (start, end) in seen or end - start > 600:
            continue
        seen.add((start, end))
        sentence = " ".join(text[start:end].split())
        folded = fold_text(sentence)
        mode = next((name for name in _MODES if lx.mode_pattern(name).search(folded)), None)
        if mode is None or not _REPORT.search(folded):
            continue
        every = _ALL.search(folded) or _SUBJECT.match(folded)
        annen = _ANNEN.search(folded)
        if annen:
            kinds = frozenset({"goal", "indicator"}) if _MAL_LABEL.search(folded) else None
            out.append(Statement(start, end, mode, kinds, None, "annen",
                                 f"rapportering fra setningen «{_short(sentence)}»"))
            continue
        if not every:
            continue
        what = every.group("what").lower()
        kinds = None
        if what.startswith("oppdrag"):
            kinds = frozenset({"assignment"})
        elif what.startswith("indikator"):
            kinds = frozenset({"indicator"})
        elif what.startswith("mål") and " og " not in what:
            kinds = frozenset({"goal", "indicator"})
        under = _UNDER_GOALS.search(folded)
        main_goal: int | str | None = None
        if under:
            main_goal = int(under.group("n")) if under.group("n") else "any"
        out.append(Statement(start, end, mode, kinds, main_goal, None,
                             f"rapportering fra setningen «{_short(sentence)}»"))
    # one statement per sentence end: the shortest reading of it
    best: dict[int, Statement] = {}
    for st in out:
        if st.end not in best or st.start > best[st.end].start:
            best[st.end] = st
    return sorted(best.values(), key=lambda st: st.start)


def _short(sentence: str, n: int = 90) -> str:
    return sentence if len(sentence) <= n else sentence[: n - 1].rstrip() + "…"
