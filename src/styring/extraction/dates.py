"""Norwegian dates (bokmål and nynorsk) to ISO, and which of them are deadlines.

``find_dates`` returns every date expression with its span; ``find_deadlines`` keeps those that
the text asks someone to meet ("innen 15. september 2024", "senest 2. februar", "f.o.m. 1.9.2024",
"innen utgangen av april", "i løpet av 2. tertial 2024"). Dates of past events, letters, meetings
and board decisions are not deadlines, nor are vague times ("primo 2025", "våren 2025").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from styring.extraction import lexicon as lx

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}
ORDINALS = {
    "første": 1, "fyrste": 1, "andre": 2, "annen": 2, "anna": 2, "tredje": 3, "fjerde": 4,
    "1": 1, "2": 2, "3": 3, "4": 4,
}
PERIOD_END = {
    "tertial": {1: (4, 30), 2: (8, 31), 3: (12, 31)},
    "kvartal": {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)},
    "halvår": {1: (6, 30), 2: (12, 31)},
}

_MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL_RE = "|".join(sorted((o for o in ORDINALS if not o.isdigit()), key=len, reverse=True))
_PERIOD_RE = "|".join(PERIOD_END)
_DEFINITE = lx.alt("definite_suffix")
_WS = r"[ \t\r\n\f\u00a0]+"
_DAY_MONTH = re.compile(
    rf"(?<![\d.])(?P<d>[0-3]?\d)\.{_WS}?(?P<m>{_MONTH_RE})(?![a-zæøå])(?:{_WS}(?P<y>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)?\d\d)(?![\d])")
_END_OF = lx.compile(
    rf"<<end_of>>{_WS}(?:(?P<m>{_MONTH_RE})(?![a-zæøå])(?:{_WS}(?P<y>(?:19|20)\d\d))?|(?P<yo>(?:19|20)\d\d)(?!\d))",
)
_PERIOD = re.compile(
    rf"(?<![\w.])(?P<n>[1-4]\.|{_ORDINAL_RE}){_WS}(?P<p>{_PERIOD_RE}){_DEFINITE}?(?:{_WS}(?P<y>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)

# Words before a date that make it something to meet.
_TRIGGER = lx.compile(r"(?<![\w.])<<deadline_trigger>>\W*(?:\w+\W+){0,4}$")
_REPORT_BEFORE = re.compile(r"\b\w*rapport\w*\s+$", re.IGNORECASE)
_PAST_BEFORE = lx.compile(r"\b<<past_before>>\s+$")
_END_OF_BEFORE = lx.compile(r"<<deadline_end_of>>\W*$")
_PERIOD_BEFORE = lx.compile(r"<<deadline_period>>\W*(?:\w+\W+){0,2}$")
_ASKED = lx.compile(r"\b<<report_asked>>\b")
_END_WORD = lx.words("end_of")[0].split()[0]
_PERIOD_WORDS = re.compile(_PERIOD_RE, re.IGNORECASE)


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    iso: str
    kind: str  # "day", "month_end", "year_end", "period_end"


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        last = calendar.monthrange(y, m)[1]
    except (ValueError, calendar.IllegalMonthError):
        return None
    if not 1 <= d <= last:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _year(y: str | None, default_year: int | None) -> int | None:
    if not y:
        return default_year
    y_int = int(y)
    return 2000 + y_int if y_int < 100 else y_int


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Every date expression in ``text`` with its ISO value (year defaults to ``default_year``)."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if not _DIGIT.search(text) and _END_WORD not in text.lower() and not _PERIOD_WORDS.search(text):
        return out

    def add(start: int, end: int, iso: str | None, kind: str) -> None:
        if iso is None:
            return
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(DateMention(start, end, iso, kind))

    for m in _END_OF.finditer(text):
        if m.group("yo"):
            add(m.start(), m.end(), _iso(int(m.group("yo")), 12, 31), "year_end")
            continue
        month = _month(m.group("m"))
        year = _year(m.group("y"), default_year)
        if month and year:
            add(m.start(), m.end(), _iso(year, month, calendar.monthrange(year, month)[1]), "month_end")
    for m in _PERIOD.finditer(text):
        n = ORDINALS.get(m.group("n").lower().rstrip("."))
        period = m.group("p").lower()
        year = _year(m.group("y"), default_year)
        md = PERIOD_END[period].get(n or 0)
        if md and year:
            add(m.start(), m.end(), _iso(year, md[0], md[1]), "period_end")
    for m in _DAY_MONTH.finditer(text):
        month = _month(m.group("m"))
        year = _year(m.group("y"), default_year)
        if month and year:
            add(m.start(), m.end(), _iso(year, month, int(m.group("d"))), "day")
    for m in _NUMERIC.finditer(text):
        add(m.start(), m.end(), _iso(_year(m.group("y"), None) or 0, int(m.group("m")), int(m.group("d"))), "day")
    out.sort(key=lambda d: d.start)
    return out


def parse_date(expr: str, default_year: int | None = None) -> str | None:
    """The ISO date of the first date expression in ``expr`` ("15. september 2024", "31.12.24",
    "utgangen av april", "1. tertial"), or None."""
    found = find_dates(expr, default_year)
    return found[0].iso if found else None


ABBREVIATIONS = frozenset(lx.words("abbreviation"))
_SENT_END = re.compile(r"[.!?]\s+(?=[«\"A-ZÆØÅ•])")


def sentence_breaks(text: str) -> list[int]:
    """Offsets where a new sentence starts (". " + capital letter, not after an abbreviation)."""
    out = []
    for m in _SENT_END.finditer(text):
        i = m.start()
        if text[i] == ".":
            j = i
            while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(«":
                j -= 1
            token = text[j:i].lower().rstrip(".")
            if token in ABBREVIATIONS or len(token) <= 1 or token[-1:].isdigit() and len(token) <= 2:
                continue
        out.append(m.end())
    return out


def _sentence_start(text: str, pos: int) -> int:
    window_start = max(0, pos - 300)
    breaks = list(sentence_breaks(text[window_start:pos]))
    return window_start + (breaks[-1] if breaks else 0)


def is_deadline(text: str, mention: DateMention, doc_year: int | None = None) -> bool:
    """Whether the date at ``mention`` is something to meet (see the module docstring)."""
    year = int(mention.iso[:4])
    if doc_year and year < doc_year:
        return False
    expr = text[mention.start:mention.end].lower()
    if mention.kind in ("month_end", "year_end") and (_END_WORD in expr):
        before = text[max(0, mention.start - 40):mention.start]
        return bool(_END_OF_BEFORE.search(before))
    start = _sentence_start(text, mention.start)
    before = text[max(start, mention.start - 60):mention.start]
    if mention.kind == "period_end":
        return bool(_PERIOD_BEFORE.search(before))
    if _PAST_BEFORE.search(before):
        return False
    if _TRIGGER.search(before):
        return True
    # "Det bes om en underveisrapport 1. mai 2024": a report asked for on a date.
    sentence = text[start:mention.start]
    return bool(_REPORT_BEFORE.search(before) and _ASKED.search(sentence))


def find_deadlines(text: str, doc_year: int | None = None, *, skip: list[tuple[int, int]] | None = None) -> list[str]:
    """ISO dates of the deadlines in ``text`` in order of appearance, without duplicates.

    ``skip`` spans (quotations, for instance) are ignored.
    """
    out: list[str] = []
    for mention in find_dates(text, doc_year):
        if skip and any(s <= mention.start < e for s, e in skip):
            continue
        if is_deadline(text, mention, doc_year) and mention.iso not in out:
            out.append(mention.iso)
    return out
