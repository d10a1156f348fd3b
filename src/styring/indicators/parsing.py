"""Read a machine-evaluable target from an indicator item's text (plain Python, no Django).

One small rule per way the steering documents state a target; each is tried on each sentence, in
the order of ``RULES`` (the most specific first). ``parse_targets`` returns the series the text
sets targets for: one unnamed series for most items, several named ones where one indicator has a
target per area ("lavere enn 50 dager for somatikk, 40 dager for psykisk helsevern voksne …") or
per sentence ("Antall lærlinger … skal økes …. Andel helsefagarbeidere skal være minimum 5 prosent").
What no rule reads is left to the reviewer, with a note saying why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from styring.indicators.targets import (
    BASELINE,
    CHANGE,
    GLIDE,
    HIGHER,
    LIMITS,
    LOWER,
    PERCENT,
    POINTS,
    THRESHOLD,
    Target,
)

NUM = r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.](\d+))?"
UNITS = {
    "%": "%", "prosent": "%", "pst": "%", "pst.": "%", "prosentpoeng": "prosentpoeng",
    "dager": "dager", "dagar": "dager", "døgn": "døgn", "timer": "timer", "uker": "uker", "veker": "uker",
    "mill.": "mill. kr", "mill": "mill. kr", "millioner": "mill. kr",
}
UNIT = r"(%|prosentpoeng|prosent|pst\.?|dager|dagar|døgn|timer|uker|veker|mill\.?|millioner)"
# comparator → (better, inclusive)
COMPARATORS = {
    "minst": (HIGHER, True), "minimum": (HIGHER, True), "ikke under": (HIGHER, True), "over": (HIGHER, False),
    "mer enn": (HIGHER, False), "høyere enn": (HIGHER, False), "større enn": (HIGHER, False),
    "maksimalt": (LOWER, True), "maksimum": (LOWER, True), "maks.": (LOWER, True), "høyst": (LOWER, True),
    "ikke over": (LOWER, True), "under": (LOWER, False), "lavere enn": (LOWER, False),
    "mindre enn": (LOWER, False), "færre enn": (LOWER, False),
}
COMPARATOR = r"(ikke under|ikke over|minst|minimum|mer enn|høyere enn|større enn|maksimalt|maksimum|maks\.|høyst|" \
             r"under|lavere enn|mindre enn|færre enn|over)"
YEAR = r"((?:19|20)\d\d)"
COMPARED_WITH = r"(?:sammenlign|sammenlikn|samanlikn)\w*\s+med\s+(?:nivået\s+i\s+|i\s+)?" + YEAR
UP = r"(?:øk|auk|høyere|større|flere)"
DOWN = r"(?:reduser|reduksjon|lavere|mindre|færre|senk)"


def to_number(whole: str, decimals: str | None) -> float:
    digits = re.sub(r"[ \u00a0]", "", whole)
    return float(f"{digits}.{decimals}") if decimals else float(digits)


def unit_of(word: str | None) -> str:
    return UNITS.get((word or "").lower(), "")


@dataclass
class Parsed:
    """What an item's text says about its target(s)."""

    series: list[tuple[str, Target]] = field(default_factory=list)  # ("", target) for a single series
    note: str = ""  # why nothing was read (for the reviewer)
    attachment: int | None = None  # "jf. vedlegg nr. 3": the targets are in that attachment

    @property
    def found(self) -> bool:
        return bool(self.series) or self.attachment is not None


# -- one rule per way of stating a target -----------------------------------------------------------


def _measure_unit(sentence: str, unit: str) -> str:
    """A share is measured in per cent even when the change is counted in per cent of itself."""
    if unit == "prosentpoeng":
        return "%"
    if unit == "%" and not re.match(r"\s*(?:\w+:\s*)?(?:Andel|Andelen|Del)\b", sentence):
        return ""
    return unit


def glide(sentence: str) -> list[tuple[str, Target]]:
    """"… med utgangspunkt i nivå i 2023, redusere sykefraværet med minimum 5 prosent årlig, inntil
    styringsmålet om maksimalt 7,5 prosent sykefravær er nådd"."""
    m = re.search(rf"({UP}|{DOWN})\w*\s+(?:[\wæøå-]+\s+){{0,4}}?med\s+(?:minst\s+|minimum\s+)?{NUM}\s*{UNIT}\s+"
                  rf"(?:årlig|årleg|per år|hvert år|kvart år)", sentence, re.I)
    if not m:
        return []
    better = HIGHER if re.match(UP, m.group(1), re.I) else LOWER
    step, step_unit = to_number(m.group(2), m.group(3)), unit_of(m.group(4))
    base = re.search(rf"(?:utgangspunkt i (?:nivå(?:et)?|resultat(?:et)?) (?:i|for)\s+|fra\s+(?:nivået\s+i\s+)?|"
                     rf"{COMPARED_WITH[:-len(YEAR)]}){YEAR}", sentence, re.I)
    goal = re.search(rf"(?:inntil|til)\b.*?{COMPARATOR}\s+{NUM}\s*{UNIT}", sentence[m.end():], re.I)
    unit = unit_of(goal.group(4)) if goal else ""
    return [("", Target(GLIDE, better, step, True, unit,
                        baseline_year=int(base.group(1)) if base else None,
                        change_unit=POINTS if step_unit == "prosentpoeng" else PERCENT,
                        goal=to_number(goal.group(2), goal.group(3)) if goal else None))]


def limits(sentence: str) -> list[tuple[str, Target]]:
    """"grense gul 70 %, grense grønn 85 %" (higher is better); "grense gul 14 %, grense grønn 12 %"
    (green below yellow: lower is better)."""
    yellow = re.search(rf"grense\s+gul\s*:?\s*{NUM}\s*{UNIT}?", sentence, re.I)
    green = re.search(rf"grense\s+grønn\s*:?\s*{NUM}\s*{UNIT}?", sentence, re.I)
    if not (yellow and green):
        return []
    y, g = to_number(yellow.group(1), yellow.group(2)), to_number(green.group(1), green.group(2))
    unit = unit_of(green.group(3) or yellow.group(3))
    return [("", Target(LIMITS, HIGHER if g >= y else LOWER, g, True, unit, yellow=y))]


_SERIES_ITEM = re.compile(rf"{NUM}\s*{UNIT}\s+for\s+(.+?)(?=,\s*\d|\s+og\s+\d|[.;:]\s|[.;:]?$)", re.I)


def series_list(sentence: str) -> list[tuple[str, Target]]:
    """"lavere enn 50 dager for somatikk, 40 dager for psykisk helsevern voksne, … og 30 dager for TSB"."""
    m = re.search(rf"{COMPARATOR}\s+(?={NUM}\s*{UNIT}\s+for\s)", sentence, re.I)
    if not m:
        return []
    better, inclusive = COMPARATORS[m.group(1).lower()]
    found = [(s.group(4).strip(), Target(THRESHOLD, better, to_number(s.group(1), s.group(2)), inclusive,
                                         unit_of(s.group(3))))
             for s in _SERIES_ITEM.finditer(sentence, m.end())]
    return found if len(found) >= 2 else []


def change(sentence: str) -> list[tuple[str, Target]]:
    """"økes med minst 15 pst. sammenliknet med 2023"; "økes med 10 prosentpoeng sammenlignet med 2023"."""
    m = re.search(rf"({UP}|{DOWN})\w*\s+med\s+(?:minst\s+|minimum\s+|om lag\s+)?{NUM}\s*"
                  rf"(%|prosentpoeng|prosent|pst\.?)", sentence, re.I)
    if not m:
        return []
    base = re.search(COMPARED_WITH, sentence, re.I) or re.search(rf"\bfra\s+(?:nivået\s+i\s+)?{YEAR}", sentence)
    unit = unit_of(m.group(4))
    return [("", Target(CHANGE, HIGHER if re.match(UP, m.group(1), re.I) else LOWER, to_number(m.group(2), m.group(3)),
                        True, _measure_unit(sentence, unit), baseline_year=int(base.group(1)) if base else None,
                        change_unit=POINTS if unit == "prosentpoeng" else PERCENT))]


def baseline(sentence: str) -> list[tuple[str, Target]]:
    """"høyere i 2024 sammenlignet med 2023"; "på samme nivå, eller lavere, enn i 2019"; "skal økes
    sammenlignet med 2023"."""
    unit = "%" if re.match(r"\s*(?:\w+:\s*)?(?:Andel|Andelen)\b", sentence) else ""
    m = re.search(rf"samme\s+nivå(?:\s+som)?,?\s+eller\s+(lavere|høyere|mindre|større),?\s+enn\s+(?:i\s+)?{YEAR}",
                  sentence, re.I)
    if m:
        better = LOWER if re.match(DOWN, m.group(1), re.I) else HIGHER
        return [("", Target(BASELINE, better, None, True, unit, baseline_year=int(m.group(2))))]
    m = re.search(rf"({UP}|{DOWN})\w*\s+(?:[\wæøå-]+\s+){{0,3}}?(?:enn\s+(?:i\s+)?{YEAR}|{COMPARED_WITH})", sentence, re.I)
    if m:
        better = HIGHER if re.match(UP, m.group(1), re.I) else LOWER
        return [("", Target(BASELINE, better, None, False, unit, baseline_year=int(m.group(2) or m.group(3))))]
    return []


def threshold(sentence: str) -> list[tuple[str, Target]]:
    """"minst 70 prosent", "minst 95 % av avtalane", "maksimalt 7,5 prosent", "lavere enn 50 dager",
    "minst kr +10 mill." (a result requirement in millions of kroner)."""
    m = re.search(rf"{COMPARATOR}\s+(kr\.?\s*)?\+?{NUM}\s*{UNIT}", sentence, re.I)
    if not m:
        return []
    better, inclusive = COMPARATORS[m.group(1).lower()]
    unit = unit_of(m.group(5))
    return [("", Target(THRESHOLD, better, to_number(m.group(3), m.group(4)), inclusive, unit))]


def balance(sentence: str) -> list[tuple[str, Target]]:
    """"Minst økonomisk balanse (null)": a result of at least zero."""
    if re.search(r"(?:minst\s+)?økonomisk\s+balanse|resultat\s+i\s+balanse", sentence, re.I):
        return [("", Target(THRESHOLD, HIGHER, 0.0, True, "mill. kr"))]
    return []


def direction(sentence: str) -> list[tuple[str, Target]]:
    """A bare direction at the start ("Redusere innleie.", "Reduksjon i andel …", "Økt bruk av …"):
    better than the year before."""
    m = re.match(r"\s*(Redusere|Redusert|Reduksjon|Reduserte|Færre|Øke|Økt|Økning|Auke|Flere)\b", sentence)
    if not m:
        return []
    better = LOWER if re.match(DOWN + "|Færre", m.group(1), re.I) else HIGHER
    unit = "%" if re.search(r"\bandel", sentence[:40], re.I) else ""
    return [("", Target(BASELINE, better, None, False, unit))]


RULES = [glide, limits, series_list, change, baseline, threshold, balance, direction]
_ATTACHMENT = re.compile(r"\b(?:jf\.?|se|jamfør)\s+vedlegg\s+(?:nr\.?\s*)?(\d+)", re.I)
_ORG_SPECIFIC = re.compile(r"\bved\s+øvrige\b|\bøvrige\s+(?:helse)?foretak\s+er\s+kravet", re.I)


def sentences(text: str) -> list[str]:
    """Sentences: a full stop, then a capital letter (so "15 pst. sammenliknet" stays one)."""
    text = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“])", text) if s.strip()]


def _subject(sentence: str) -> str:
    """The measure a sentence is about: the words before "skal" ("Andel helsefagarbeidere")."""
    head = re.split(r"\s+(?:skal|skall|må|bør)\s", sentence, maxsplit=1)[0]
    head = re.sub(r"^\w[\w -]*:\s+", "", head).strip(" ,.")
    return head if len(head) <= 60 else head[:60].rsplit(" ", 1)[0] + " …"


def parse_targets(text: str) -> Parsed:
    """The targets an indicator's text sets; see the module docstring."""
    reference = _ATTACHMENT.search(text)
    if reference:
        return Parsed(attachment=int(reference.group(1)), note=f"Målene står i vedlegg {reference.group(1)}.")
    if _ORG_SPECIFIC.search(text):
        return Parsed(note="Kravet er ulikt for ulike foretak: angi mål per foretak.")
    per_sentence: list[tuple[str, list[tuple[str, Target]]]] = []
    for sentence in sentences(text):
        for rule in RULES:
            found = rule(sentence)
            if found:
                per_sentence.append((sentence, found))
                break
    if not per_sentence:
        return Parsed(note="Fant ikke noe tall eller noen retning å måle mot.")
    measured_in = re.search(r"\(målt i ([^)]{1,40})\)", text)
    if measured_in:  # "(målt i DDD/100 liggedøgn)": the unit of a measure the rules found none for
        per_sentence = [(s, [(n, t if t.unit else replace(t, unit=measured_in.group(1).strip())) for n, t in found])
                        for s, found in per_sentence]
    if len(per_sentence) == 1:
        return Parsed(series=per_sentence[0][1])
    # A baseline for the year followed by long-term goals per area: each area's target is the
    # baseline, met in any case once the long-term goal is reached.
    first, rest = per_sentence[0][1], [s for _, found in per_sentence[1:] for s in found]
    if (len(first) == 1 and first[0][1].kind in (BASELINE, CHANGE) and len(rest) > 1
            and all(name and t.kind == THRESHOLD for name, t in rest)):
        base = first[0][1]
        return Parsed(series=[(name, Target(base.kind, base.better, base.value, base.inclusive, t.unit,
                                            baseline_year=base.baseline_year, change_unit=base.change_unit,
                                            goal=t.value)) for name, t in rest])
    series: list[tuple[str, Target]] = []
    for sentence, found in per_sentence:
        if len(found) == 1 and not found[0][0]:
            series.append((_subject(sentence), found[0][1]))
        else:
            series.extend(found)
    return Parsed(series=series)
