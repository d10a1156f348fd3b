"""Per-hospital indicator tables in a document's attachment ("jf. vedlegg nr. 3"), read as targets
and values. Plain Python (no Django): the caller passes how trust and hospital names resolve.

The layout these attachments use, in general terms: a trust's name on a line of its own (often with
a colon), then for each of its hospitals the hospital's name on a line of its own, then numbered
indicators — "Indikator N" with the indicator's name on the same or the following lines, and a
result line with the year's result and the yellow and green limits, e.g.

    Resultat 2022: 48 % (grense gul 70 %, grense grønn 85 %) (Foreløpig res. 2023: 48 %)

The same indicator is named slightly differently for different hospitals ("Komplikasjoner under
operasjon(en) …", "Reseksjoner av tykktarm: Lekkasje fra skjøt …" / "Lekkasje fra skjøt … ved
reseksjon av kolon"); names with the same figures and mostly the same words are one series.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from styring.indicators.parsing import NUM, to_number
from styring.indicators.targets import Limits, Target

FINAL, PRELIMINARY = "final", "preliminary"
_INDICATOR = re.compile(r"^\s*Indikator\s+(\d+)\b[.:]?\s*(.*)$", re.I)
_RESULT = re.compile(rf"\bResultat\s+((?:19|20)\d\d)\s*:?\s*{NUM}\s*%", re.I)
_PRELIMINARY = re.compile(rf"\bForeløpige?\s+res(?:ultat)?\.?\s*(?:for\s+)?((?:19|20)\d\d)\s*:?\s*{NUM}\s*%", re.I)
_STOPWORDS = {"av", "med", "som", "har", "ved", "fra", "til", "i", "og", "for", "under", "etter", "innen", "på",
              "den", "det", "de", "en", "et"}


@dataclass
class SiteResult:
    """One hospital's target and printed results for one series of the attachment."""

    trust: str
    site: str
    series: int  # index into AttachmentTable.series
    target: Target
    values: list[tuple[str, float, str]] = field(default_factory=list)  # (period, value, FINAL/PRELIMINARY)


@dataclass
class AttachmentTable:
    number: int
    series: list[str] = field(default_factory=list)
    results: list[SiteResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # indicators without limits (left to the reviewer)


def section(text: str, number: int) -> str:
    """The text of "Vedlegg <number>": from its (last) heading to the next attachment's heading."""
    headings = list(re.finditer(rf"^[ \t]*Vedlegg\s+(?:nr\.?\s*)?{number}\b.*$", text, re.M | re.I))
    if not headings:
        return ""
    start = headings[-1].end()
    following = re.compile(r"^[ \t]*Vedlegg\s+(?:nr\.?\s*)?\d+\b", re.M | re.I)
    end = next((m.start() for m in following.finditer(text, start)), len(text))
    return text[start:end]


def _tokens(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(figures, word stems) of an indicator's name; stems are the first six letters."""
    words = re.findall(r"[\wæøå]+", name.lower())
    figures = frozenset(w for w in words if w.isdigit())
    stems = frozenset(w[:6] for w in words if not w.isdigit() and w not in _STOPWORDS)
    return figures, stems


def same_series(a: str, b: str) -> bool:
    """Two names of one indicator: the same figures, and most of the same words."""
    (fa, sa), (fb, sb) = _tokens(a), _tokens(b)
    if fa != fb or not sa or not sb:
        return False
    return len(sa & sb) / len(sa | sb) >= 0.6


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"\s*-\s*(?=[A-ZÆØÅ])", " – ", name)  # "(hysteroskopi)- Gynekologisk" → "… – Gynekologisk"
    return name.strip(" –-:")


def read_attachment(
    text: str,
    number: int,
    trust_named: Callable[[str], str | None],
    site_named: Callable[[str, str], str | None],
) -> AttachmentTable:
    """The per-hospital targets and results in attachment ``number`` of ``text``.

    ``trust_named(line)`` gives a trust's code when the whole line names it; ``site_named(trust,
    line)`` gives the code of a hospital of that trust when the line names it (a parenthesis after
    the name is allowed: "Lofoten (lav N for enkelte indikatorer …)").
    """
    table = AttachmentTable(number)
    trust: str | None = None
    site: str | None = None
    name_lines: list[str] = []
    result_lines: list[str] = []
    in_indicator = False

    def finish() -> None:
        nonlocal name_lines, result_lines, in_indicator
        if in_indicator and trust and site:
            _add(table, trust, site, _clean(" ".join(name_lines)), " ".join(result_lines))
        name_lines, result_lines, in_indicator = [], [], False

    for raw in section(text, number).splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = line.rstrip(": ")
        if len(heading) <= 80 and (code := trust_named(heading)):
            finish()
            trust, site = code, None
            continue
        short = re.sub(r"\s*\(.*$", "", heading).strip()
        if trust and len(short) <= 40 and (code := site_named(trust, short)):
            finish()
            site = code
            continue
        m = _INDICATOR.match(line)
        if m:
            finish()
            in_indicator = True
            rest = m.group(2)
            if _RESULT.search(rest):
                result_lines.append(rest)
            elif rest:
                name_lines.append(rest)
            continue
        if not in_indicator:
            continue
        if result_lines or re.match(r"Resultat\b", line, re.I):
            result_lines.append(line)
        else:
            name_lines.append(line)
    finish()
    return table


def _add(table: AttachmentTable, trust: str, site: str, name: str, results: str) -> None:
    found = Limits.read(results)  # the limits kind's own parse rule
    if not found or not name:
        table.skipped.append(f"{site}: {name or 'uten navn'}")
        return
    target = found[0][1]
    index = next((i for i, known in enumerate(table.series) if same_series(known, name)), None)
    if index is None:
        table.series.append(name)
        index = len(table.series) - 1
    row = SiteResult(trust, site, index, target)
    for m in _RESULT.finditer(results):
        row.values.append((m.group(1), to_number(m.group(2), m.group(3)), FINAL))
    for m in _PRELIMINARY.finditer(results):
        row.values.append((m.group(1), to_number(m.group(2), m.group(3)), PRELIMINARY))
    table.results.append(row)
