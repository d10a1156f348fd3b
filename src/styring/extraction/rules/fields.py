"""Field rules: facts read from an item's own text — lead, deadlines, reporting, and recipients named
at its end; quotations are left out."""
from __future__ import annotations

import re

from styring.extraction.dates import find_deadlines
from styring.extraction.layout.lines import hyphen_join

REPORTING_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("monthly", re.compile(
        r"rapporter\w*\s+(?:\w+\s+){0,2}?(?:månedlig|månadleg|hver måned|kvar månad)|"
        r"(?:månedlig|månadleg)\w*\s+(?:\w+\s+){0,2}?(?:status)?rapport|virksomhetsrapport\b(?!ering)",
        re.IGNORECASE)),
    ("tertial", re.compile(
        r"tertialrapport|tertialoppfølging|tertialoppfølging|rapporter\w*\s+(?:\w+\s+){0,3}?tertialvis|"
        r"tertialvis\s+rapporter|tertialvis(?=\s*(?:og|,)?\s*(?:i\s+)?årlig)|\d\.\s*tertial og årlig",
        re.IGNORECASE)),
    ("annual", re.compile(
        r"årlig(?:e)? melding|årleg melding|årlig rapport|årleg rapport|årsrapport(?!ering)|"
        r"rapporter\w*\s+(?:\w+\s+){0,3}?(?:årlig|årleg)\b|(?:årlig|årleg)\s+(?:\w+\s+){0,1}?(?:status|sak)\b",
        re.IGNORECASE)),
    ("deviation", re.compile(r"avviksrapport", re.IGNORECASE)),
    ("risk", re.compile(r"risikovurderes|risikovurderast", re.IGNORECASE)),
]


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


KEYWORDS = {
    "monthly": ("måned", "månad", "virksomhetsrapport"),
    "tertial": ("tertial",),
    "annual": ("årlig", "årleg", "årsrapport"),
    "deviation": ("avviksrapport",),
    "risk": ("risikovurder",),
}


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
            if name == "tertial" and re.match(r"tertialvis\s+avvik", masked[m.start():m.start() + 30], re.IGNORECASE):
                continue
            found.append(name)
            break
    return found


def deadlines_of(text: str, year: int | None) -> list[str]:
    return find_deadlines(text, year, skip=quote_spans(text))


_LEAD_BEFORE = re.compile(
    r"(?:under\s+(?:ledelse|leiing|leiinga|ledelsen)\s+av|(?:ledes|leiast|leies|leia|ledet|leda|koordineres|koordinerast)\s+av|"
    r"i\s+regi\s+av|(?:helseforetakene|helseføretaka),\s+ved)\s*$",
    re.IGNORECASE,
)
_LEAD_AFTER = re.compile(r"^\s*(?:leder|leiar|leier|skal\s+lede|skal\s+leie|skal\s+leia)\s+(?:arbeidet|arbeid)", re.IGNORECASE)
_LEAD_SUBJECT = re.compile(
    r"^,?\s*(?:skal|bes|blir\s+bedt|vert\s+bedt|vil)\b[^.]{0,220}?\b(?:koordinere|ha\s+en\s+lederrolle|ha\s+ei\s+leiarrolle|"
    r"ta\s+et\s+koordinerende\s+ansvar|lede\s+arbeidet|leie\s+arbeidet)\b",
    re.IGNORECASE,
)


def lead_of(text: str, registry, region: str | None) -> str | None:
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
            hit = start == 0 or bool(re.search(r"(?:[.:;!?•]\s*|^\s*|\bog\s+)$", masked[max(0, start - 6):start]))
        if hit and (best is None or start < best[0]):
            best = (start, target)
            break
    return best[1] if best else None


def trailing_who(body: str, registry, resolve) -> list[str]:
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
