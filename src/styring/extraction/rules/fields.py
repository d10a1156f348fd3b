"""Field rules: facts read from an item's own text — lead, deadlines, reporting, and recipients named
at its end; quotations are left out."""
from __future__ import annotations

import re
from collections.abc import Callable

from styring.extraction import lexicon as lx
from styring.extraction.dates import find_deadlines
from styring.extraction.layout.lines import hyphen_join
from styring.registry import Registry

# How an item's own text says it is reported: the mode's phrases (the lexicon's ``mode_*``) where a
# sentence uses them as a reporting mode, and "rapportere … månedlig", "årlig status" around them.
REPORTING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("monthly", lx.compile(
        r"<<report_verb>>\s+(?:\w+\s+){0,2}?<<monthly_word>>|<<monthly_word>>\w*\s+(?:\w+\s+){0,2}?<<report_noun>>"
        r"|<<monthly_report>>")),
    ("tertial", lx.compile(
        r"<<tertial_report>>|<<report_verb>>\s+(?:\w+\s+){0,3}?<<tertial_word>>|<<tertial_word>>\s+<<report_verb>>"
        r"|<<tertial_word>>(?=\s*(?:<<and>>|,)?\s*(?:i\s+)?<<annual_word>>)|<<period_tertial>>\s+<<and>>\s+<<annual_word>>")),
    ("annual", lx.compile(
        r"<<mode_annual>>|<<report_verb>>\s+(?:\w+\s+){0,3}?<<annual_word>>\b"
        r"|<<annual_word>>\s+(?:\w+\s+){0,1}?<<status_word>>\b")),
    ("deviation", lx.compile(r"<<mode_deviation>>")),
    ("risk", lx.compile(r"<<risk_passive>>")),
]
_TERTIAL_DEVIATION = lx.compile(r"<<tertial_word>>\s+avvik")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of «…» quotations (nesting counted)."""
    spans: list[tuple[int, int]] = []
    if "«" not in text:
        return spans
    depth = 0
    start = 0
    for m in re.finditer("[«»]", text):
        i, ch = m.start(), m.group(0)
        if ch == "«":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def mask_quotes(text: str) -> str:
    out = list(text)
    for s, e in quote_spans(text):
        for i in range(s, e):
            if not out[i].isspace():
                out[i] = "_"
    return "".join(out)


# words a text must hold before a mode's patterns are tried (a quick test)
KEYWORDS = {mode: lx.words(f"hint_{mode}") for mode, _ in lx.REPORTING_MODES}


def reporting_of(text: str) -> list[str]:
    low = text.lower()
    masked = None
    found = []
    for name, pat in REPORTING_PATTERNS:
        if not any(k in low for k in KEYWORDS[name]):
            continue
        if masked is None:
            masked = mask_quotes(text)
        for m in pat.finditer(masked):
            # "tertialvis avviksrapportering" is deviation reporting only.
            if name == "tertial" and _TERTIAL_DEVIATION.match(masked[m.start():m.start() + 30]):
                continue
            found.append(name)
            break
    return found


def deadlines_of(text: str, year: int | None) -> list[str]:
    return find_deadlines(text, year, skip=quote_spans(text))


_LEAD_BEFORE = lx.compile(r"<<lead_before>>\s*$")
_LEAD_AFTER = lx.compile(r"^\s*<<lead_verb>>\s+<<the_work>>")
_LEAD_SUBJECT = lx.compile(r"^,?\s*<<lead_subject_verbs>>\b[^.]{0,220}?\b<<lead_subject_role>>\b")
_SUBJECT_BEFORE = lx.compile(r"(?:[.:;!?•]\s*|^\s*|\b<<and>>\s+)$")


def lead_of(text: str, registry: Registry, region: str | None) -> str | None:
    """Who leads the work: "under ledelse av X", "Arbeidet ledes av X", "X leder arbeidet",
    "X skal koordinere arbeidet", "X skal ha en lederrolle" — the first in the text."""
    masked = hyphen_join(mask_quotes(text))
    best: tuple[int, str] | None = None
    for start, end, target in registry.find(masked):
        if target.startswith("group:"):
            continue
        before = masked[max(0, start - 40):start]
        after = masked[end:end + 260]
        hit = bool(_LEAD_BEFORE.search(before)) or bool(_LEAD_AFTER.match(after))
        if not hit and _LEAD_SUBJECT.match(after):
            # the organisation must be the sentence's subject
            hit = start == 0 or bool(_SUBJECT_BEFORE.search(masked[max(0, start - 6):start]))
        if hit and (best is None or start < best[0]):
            best = (start, target)
            break
    return best[1] if best else None


def trailing_who(body: str, registry: Registry, resolve: Callable[[str], list[str]]) -> list[str]:
    """Whom an item names at its end as the ones it is for: "… innan 1. mars 2024. (FIN, UNN)".
    ``resolve`` turns the names into codes in the document's context."""
    m = re.search(r"\(([^()]{2,160})\)\s*\.?\s*$", body)
    if m is None:
        return []
    inner = m.group(1)
    found = registry.find(hyphen_join(inner))
    bare = re.sub(r"[\s,]+|\bog\b", "", inner)
    covered = sum(len(re.sub(r"\s+", "", inner[s:e])) for s, e, _ in found)
    if not found or covered < 0.9 * len(bare):
        return []
    return resolve(inner)
