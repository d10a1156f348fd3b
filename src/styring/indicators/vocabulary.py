"""The words indicator targets are stated in, as data (bokmål, nynorsk and their common variants).

The target kinds' parse rules (``styring.indicators.targets``) and the sentence reader
(``styring.indicators.parsing``) hold the grammar; the words they look for are here, so a new way
of saying "at least" or a new unit is a line of data, not a change to a rule. The keys of the
dictionaries (units, comparators, directions) are words as written; the tuples hold
regular-expression fragments (a dot that means a full stop is escaped). ``alt()`` joins a class into
one alternation, ``words()`` escapes plain words for it. Plain Python.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# The unit a word names, as shown beside a number ("70 prosent" → "70 %").
UNITS: dict[str, str] = {
    "%": "%", "prosent": "%", "pst": "%", "pst.": "%", "prosentpoeng": "prosentpoeng",
    "dager": "dager", "dagar": "dager", "døgn": "døgn", "timer": "timer", "uker": "uker", "veker": "uker",
    "mill.": "mill. kr", "mill": "mill. kr", "millioner": "mill. kr",
}
# Units a change can be counted in ("økes med minst 15 pst.", "økes med 10 prosentpoeng").
CHANGE_UNITS: tuple[str, ...] = ("%", "prosentpoeng", "prosent", "pst\\.?")
POINTS_WORD = "prosentpoeng"  # a change in percentage points, not per cent of the baseline

# Comparator → (which side is better, whether the level itself is met): "minst 70 prosent" (≥),
# "lavere enn 50 dager" (<). In the order they are tried at one place in a sentence.
COMPARATORS: dict[str, tuple[str, bool]] = {
    "ikke under": ("higher", True), "ikke over": ("lower", True), "minst": ("higher", True),
    "minimum": ("higher", True), "mer enn": ("higher", False), "høyere enn": ("higher", False),
    "større enn": ("higher", False), "maksimalt": ("lower", True), "maksimum": ("lower", True),
    "maks.": ("lower", True), "høyst": ("lower", True), "under": ("lower", False),
    "lavere enn": ("lower", False), "mindre enn": ("lower", False), "færre enn": ("lower", False),
    "over": ("higher", False),
}

# Word stems that say "more" and "less" ("økes", "auke", "reduseres", "senke").
UP: tuple[str, ...] = ("øk", "auk", "høyere", "større", "flere")
DOWN: tuple[str, ...] = ("reduser", "reduksjon", "lavere", "mindre", "færre", "senk")
# A sentence that opens with one of these and nothing more: better than the year before.
DIRECTION_WORDS: dict[str, str] = {
    "Redusere": "lower", "Redusert": "lower", "Reduksjon": "lower", "Reduserte": "lower", "Færre": "lower",
    "Øke": "higher", "Økt": "higher", "Økning": "higher", "Auke": "higher", "Flere": "higher",
}

# "… sammenlignet med 2023", "… samanlikna med nivået i 2023"
COMPARED_WITH: tuple[str, ...] = ("sammenlign", "sammenlikn", "samanlikn")
# "… fra nivået i 2023", "med utgangspunkt i resultatet for 2023" (a glide path's start)
STARTING_FROM: tuple[str, ...] = ("utgangspunkt i (?:nivå(?:et)?|resultat(?:et)?) (?:i|for)\\s+",
                                  "fra\\s+(?:nivået\\s+i\\s+)?")
# "… per år", "årleg": a yearly step
YEARLY: tuple[str, ...] = ("årlig", "årleg", "per år", "hvert år", "kvart år")
# "… inntil styringsmålet om maksimalt 7,5 prosent er nådd": where a glide path ends
UNTIL: tuple[str, ...] = ("inntil", "til")
# "på samme nivå som eller lavere enn i 2019"
SAME_LEVEL = "samme\\s+nivå(?:\\s+som)?"

# "grense gul 70 %, grense grønn 85 %"
YELLOW_LIMIT: tuple[str, ...] = ("grense\\s+gul",)
GREEN_LIMIT: tuple[str, ...] = ("grense\\s+grønn",)
# A result of at least zero: "Minst økonomisk balanse (null)"
BALANCE: tuple[str, ...] = ("(?:minst\\s+)?økonomisk\\s+balanse", "resultat\\s+i\\s+balanse")
KRONER = "kr\\.?"  # "minst kr +10 mill."

# A sentence about a share ("Andel …", "Andelen …"): measured in per cent; a change in per cent of
# a share ("Andelen … økes med 10 prosent"), or of a part ("Del …"), keeps per cent as the unit.
SHARE: tuple[str, ...] = ("Andel", "Andelen")
SHARE_OR_PART: tuple[str, ...] = (*SHARE, "Del")
SHARE_WORD = "andel"  # anywhere near the start of a bare direction ("Reduksjon i andel …")
# The verbs after a sentence's subject ("Andel helsefagarbeidere skal …")
MODALS: tuple[str, ...] = ("skal", "skall", "må", "bør")
# "jf. vedlegg nr. 3": the targets are in an attachment
ATTACHMENT_REFERENCE: tuple[str, ...] = ("jf\\.?", "se", "jamfør")
# "Ved øvrige foretak er kravet 10 prosent": a different requirement per trust
PER_TRUST: tuple[str, ...] = ("\\bved\\s+øvrige\\b", "\\bøvrige\\s+(?:helse)?foretak\\s+er\\s+kravet")
MEASURED_IN = "målt i"  # "(målt i DDD/100 liggedøgn)": the unit of the measure


def alt(phrases: Iterable[str], *, longest_first: bool = False) -> str:
    """One alternation of the phrases, "(?:a|b|c)", in their order (or the longest first)."""
    items = list(phrases)
    if longest_first:
        items.sort(key=len, reverse=True)
    return "(?:" + "|".join(items) + ")"


def words(plain: Iterable[str]) -> list[str]:
    """Plain words as regular-expression fragments ("maks." → "maks\\.")."""
    return [re.escape(w) for w in plain]


def unit_pattern() -> str:
    """Every unit word, the longest first ("prosentpoeng" before "prosent"; "mill." before "mill")."""
    return alt(words(UNITS), longest_first=True)
