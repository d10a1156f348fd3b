"""What "target met" means, in one place: a target's kinds, the level a value must reach, the
colour and the Norwegian reason. Plain Python (no Django), so one million values evaluate in a few
seconds and every rule has a table of small tests.

A target (``Target``) is a stored value: its kind's name and its numbers. What a kind means is one
class (a ``TargetKind``), registered in ``KINDS`` with ``@register``, as healthchecks has one class
per channel kind: its Norwegian name, how it is read from a sentence (its parse rules, with the
words in ``vocabulary``), the level a value must reach, how it is described and explained, and the
form fields it uses and how they are checked. A new kind is one class and its tests; the model's
choices, the reviewer's form, the reader of texts, the API and the evaluation all ask the registry.

The kinds (all with ``better`` = ``higher`` or ``lower``):

- ``threshold``: a fixed level — "minst 70 prosent" (≥ 70), "maksimalt 7,5 prosent" (≤ 7,5),
  "lavere enn 50 dager" (< 50); also one per area ("lavere enn 50 dager for somatikk, 40 dager for
  psykisk helsevern voksne …": several series) and "minst økonomisk balanse" (≥ 0).
- ``limits``: a green and a yellow limit — "grense gul 70 %, grense grønn 85 %" (higher is better);
  "grense gul 14 %, grense grønn 12 %" (green below yellow: lower is better). The per-hospital
  tables of an attachment give these limits per organisation (``attachments``).
- ``baseline``: against the same period of a baseline year — "høyere i 2024 sammenlignet med 2023",
  "på samme nivå som eller lavere enn i 2019"; without a year, the year before ("Redusere innleie").
- ``change``: a relative change from a baseline year — "økes med minst 15 pst." (× 1,15),
  "økes med 10 prosentpoeng" (+ 10).
- ``glide``: a yearly step from a baseline year until a goal — "redusere sykefraværet med minimum
  5 prosent årlig, inntil styringsmålet om maksimalt 7,5 prosent er nådd": in year Y the level is
  baseline × 0,95^(Y − baseline year), never stricter than the goal.

``goal`` (on baseline, change and glide): a level at which the target counts as met whatever the
baseline ("Målsetningen på sikt er … lavere enn 50 dager"; the glide path's end).

Colours (``Colour``): green when the level is reached; yellow when a yellow limit is given and
reached, or the value misses by no more than the owner's ``tolerance``; red otherwise; ``none``
(with the reason) when there is no target or no baseline value to compare with.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from functools import cached_property, partial
from typing import Any, ClassVar, NamedTuple, TypeVar

from styring.indicators import vocabulary as words

HIGHER, LOWER = "higher", "lower"
PERCENT, POINTS = "percent", "points"  # how a change is counted


class Colour(StrEnum):
    """A value's colour against its target (stored and sent as its value: "green" …)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"

    @property
    def label(self) -> str:
        """Norwegian: "Grønn", "Gul", "Rød", "Ingen vurdering"."""
        return _LOOKS[self][0]

    @property
    def symbol(self) -> str:
        """Shown beside the colour, so colour is never the only signal (WCAG 1.4.1)."""
        return _LOOKS[self][1]

    @property
    def verdict(self) -> str:
        return _LOOKS[self][2]

    @property
    def tag(self) -> str:
        """Designsystemet's data-color for the colour."""
        return _LOOKS[self][3]

    @property
    def severity(self) -> int:
        """Red 0, yellow 1, green 2, none 3: the worst first."""
        return _LOOKS[self][4]

    @classmethod
    def worst(cls, colours: Iterable[str]) -> Colour:
        """The worst of several colours (red before yellow before green; NONE if none is assessed)."""
        return min((cls(c) for c in colours), key=_SEVERITY.__getitem__, default=cls.NONE)


# label, symbol, verdict, Designsystemet's data-color, severity
_LOOKS: dict[str, tuple[str, str, str, str, int]] = {
    Colour.GREEN: ("Grønn", "✓", "nådd", "success", 2),
    Colour.YELLOW: ("Gul", "!", "nesten nådd", "warning", 1),
    Colour.RED: ("Rød", "✗", "ikke nådd", "danger", 0),
    Colour.NONE: ("Ingen vurdering", "–", "ikke vurdert", "neutral", 3),
}
_SEVERITY: dict[str, int] = {c: look[4] for c, look in _LOOKS.items()}
# Module names for the members: the fast path reads these, and callers import them.
GREEN, YELLOW, RED, NONE = Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.NONE
COLOURS: dict[str, str] = {c: c.label for c in Colour}
SYMBOLS: dict[str, str] = {c: c.symbol for c in Colour}
VERDICTS: dict[str, str] = {c: c.verdict for c in Colour}
TAG_COLOURS: dict[str, str] = {c: c.tag for c in Colour}


def number(value: float | None, unit: str = "") -> str:
    """Norwegian number: decimal comma, at most two decimals, no trailing zeros; "82 %", "7,5 %"."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "\u00a0").replace(".", ",")
    if text in ("-0", ""):
        text = "0"
    return f"{text} {unit}".strip() if unit else text


# -- reading numbers, units and comparisons (the kinds' parse rules use these) -----------------------

NUM = r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.](\d+))?"  # "1 234,5": the whole part and the decimals
UNIT = f"({words.unit_pattern()})"
COMPARATOR = f"({words.alt(words.words(words.COMPARATORS))})"
YEAR = r"((?:19|20)\d\d)"
_COMPARED_WITH_WORDS = words.alt(words.COMPARED_WITH) + r"\w*\s+med\s+(?:nivået\s+i\s+|i\s+)?"
COMPARED_WITH = _COMPARED_WITH_WORDS + YEAR  # "sammenlignet med 2023"
UP = words.alt(words.UP)
DOWN = words.alt(words.DOWN)


def to_number(whole: str, decimals: str | None) -> float:
    digits = re.sub(r"[ \u00a0]", "", whole)
    return float(f"{digits}.{decimals}") if decimals else float(digits)


def unit_of(word: str | None) -> str:
    return words.UNITS.get((word or "").lower(), "")


def comparator(word: str) -> tuple[str, bool]:
    """(better, inclusive) of a comparator as matched ("Minst", "maks.")."""
    return words.COMPARATORS[word.lower()]


# -- the kinds -------------------------------------------------------------------------------------

Series = list[tuple[str, "Target"]]  # (series name, its target); "" names the one series of most items


class ParseRule(NamedTuple):
    """One way of stating a target in a sentence; the rules of all kinds are tried in ``order`` (the
    most specific first) and the first that reads something wins."""

    order: int
    read: Callable[[str], Series]


class TargetKind:
    """What one kind of target means. Subclass, set the class attributes, override what differs,
    and ``@register`` it (see the module docstring)."""

    name: ClassVar[str]  # stored in the database (at most 12 characters, a-z and _)
    label: ClassVar[str]  # Norwegian, in the reviewer's list of kinds
    needs_baseline: ClassVar[bool] = False  # the level is counted from a baseline year's value
    # the fields of ``Target`` (beyond ``kind`` and ``better``) the kind uses: the reviewer's form
    fields: ClassVar[tuple[str, ...]] = ("value", "inclusive")
    # a field the kind cannot do without → the Norwegian error when it is missing
    required: ClassVar[Mapping[str, str]] = {}
    # a target against a baseline that long-term goals per area can complete ("… reduseres
    # sammenlignet med 2023. Målsetningen på sikt er lavere enn 50 dager for somatikk, 40 dager for …")
    takes_long_term_goals: ClassVar[bool] = False
    plain_level: ClassVar[bool] = False  # one fixed level: can be such a long-term goal

    def parse_rules(self) -> Iterable[ParseRule]:
        """The ways a sentence states a target of this kind."""
        return ()

    def level(self, target: Target, year: int, baseline: float | None) -> float | None:
        """The level a value of a period in ``year`` must reach (None: no baseline to compare with)."""
        return target.value

    def colour(self, target: Target, value: float, year: int, baseline: float | None = None) -> Colour:
        """Green at the level (or the goal), yellow at the yellow limit or within the tolerance, red
        otherwise; NONE without the baseline the level needs."""
        if target.goal is not None and target.reaches(value, target.goal, True):
            return GREEN
        level = self.level(target, year, baseline)
        if level is None:
            return NONE
        if target.reaches(value, level):
            return GREEN
        if target.yellow is not None and target.reaches(value, target.yellow, True):
            return YELLOW
        if target.tolerance is not None and abs(value - level) <= target.tolerance:
            return YELLOW
        return RED

    def reason(self, target: Target, value: float, colour: Colour, year: int, baseline: float | None,
               level: float | None) -> str:
        """Why ``value`` has its colour: "82 % mot mål ≥ 70 %" (the colour is not NONE)."""
        shown = number(value, target.unit)
        reason = f"{shown} mot mål {target.sign()} {number(level, target.unit)}" if level is not None else shown
        if self.needs_baseline and baseline is not None:
            reason += f" ({target.baseline_for(year)}: {number(baseline, target.unit)}{self.baseline_detail(target)})"
        if target.goal is not None and target.reaches(value, target.goal, True):
            reason += f"; målet {target.sign()} {number(target.goal, target.unit)} er nådd"
        if colour == YELLOW and target.tolerance is not None:
            reason += f", innenfor toleransen på {number(target.tolerance, target.unit)}"
        return reason

    def baseline_detail(self, target: Target) -> str:
        """What the reason adds after the baseline's value (", +15 %")."""
        return ""

    def describe(self, target: Target) -> str:
        """The target in a few words: "≥ 70 %"."""
        return f"{target.sign()} {number(target.value, target.unit)}"

    def check(self, data: Mapping[str, Any]) -> dict[str, str]:
        """Field → Norwegian error for the reviewer's form (``data``: its cleaned fields)."""
        return {name: message for name, message in self.required.items() if data.get(name) is None}


K = TypeVar("K", bound=type[TargetKind])
KINDS: dict[str, TargetKind] = {}  # name → the kind, in the order registered (the form's order)


def register(cls: K) -> K:
    """Class decorator: makes a kind known to the model, the form, the reader and the evaluation."""
    if not re.fullmatch(r"[a-z_]{1,12}", cls.name):
        raise ValueError(f"A target kind's name is 1 to 12 letters a-z or _: {cls.name!r}")
    KINDS[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Forget a kind (for tests that register one of their own)."""
    KINDS.pop(name, None)


def kind(name: str) -> TargetKind:
    """The registered kind called ``name``."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown target kind {name!r}; known: {', '.join(KINDS)}") from None


def kind_choices() -> list[tuple[str, str]]:
    """(name, Norwegian label) of every kind: the model's and the form's choices."""
    return [(k.name, k.label) for k in KINDS.values()]


def parse_rules() -> list[ParseRule]:
    """Every kind's parse rules, in the order they are tried."""
    return sorted((rule for k in KINDS.values() for rule in k.parse_rules()), key=lambda r: r.order)


# -- a target ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kind: str  # the name of a registered ``TargetKind``
    better: str = HIGHER
    value: float | None = None  # threshold and green limit; the change or yearly step
    inclusive: bool = True  # "minst"/"maksimalt" (≥/≤) or "høyere enn"/"lavere enn" (>/<)
    unit: str = ""
    yellow: float | None = None  # limits: the yellow limit
    baseline_year: int | None = None  # baseline, change, glide; None: the year before the period
    change_unit: str = PERCENT  # change and glide: percent of the baseline, or percentage points
    goal: float | None = None  # met at this level whatever the baseline
    tolerance: float | None = None  # the owner's tolerance for yellow, in the indicator's unit

    # -- storage -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def with_tolerance(self, tolerance: float | None) -> Target:
        return replace(self, tolerance=tolerance)

    @cached_property
    def target_kind(self) -> TargetKind:
        """What the target's kind means (``KINDS``)."""
        return kind(self.kind)

    @property
    def needs_baseline(self) -> bool:
        return self.target_kind.needs_baseline

    def baseline_for(self, year: int) -> int:
        """The year a period of ``year`` is compared with."""
        return self.baseline_year if self.baseline_year is not None else year - 1

    # -- the rule ------------------------------------------------------------------------------
    def sign(self) -> str:
        if self.better == HIGHER:
            return "≥" if self.inclusive else ">"
        return "≤" if self.inclusive else "<"

    def reaches(self, value: float, level: float, inclusive: bool | None = None) -> bool:
        inclusive = self.inclusive if inclusive is None else inclusive
        if self.better == HIGHER:
            return value >= level if inclusive else value > level
        return value <= level if inclusive else value < level

    def level(self, year: int, baseline: float | None) -> float | None:
        """The level a value of a period in ``year`` must reach (None: no baseline to compare with)."""
        return self.target_kind.level(self, year, baseline)

    def __post_init__(self) -> None:
        # The kind's colour rule bound to this target, once: ``colour`` is the fast path for
        # scorecards and a million values (no wrapper frame). An unknown kind fails here.
        object.__setattr__(self, "colour", partial(kind(self.kind).colour, self))

    def colour(self, value: float, year: int, baseline: float | None = None) -> Colour:
        """The colour alone (``TargetKind.colour``; each target calls its kind's directly, see above)."""
        return self.target_kind.colour(self, value, year, baseline)

    def evaluate(self, value: float, year: int, baseline: float | None = None, *,
                 baseline_period: str = "") -> Evaluation:
        """Colour and the Norwegian reason: "82 % mot mål ≥ 70 %". Without the baseline it needs, the
        reason says why it cannot be assessed and when it can (``baseline_period``: the period
        compared with in words, «1. tertial 2023»; the baseline year when not given)."""
        colour = self.colour(value, year, baseline)
        if colour == NONE:
            shown = number(value, self.unit)
            return Evaluation(NONE, self.missing_baseline(shown, baseline_period or str(self.baseline_for(year))), None)
        level = self.level(year, baseline)
        return Evaluation(colour, self.target_kind.reason(self, value, colour, year, baseline, level), level)

    @staticmethod
    def missing_baseline(shown: str, compared_with: str) -> str:
        """Why a value measured against a baseline is not assessed, and when it will be."""
        return (f"{shown}: kan ikke vurderes ennå fordi målet sammenligner med {compared_with}, og det finnes ingen "
                f"verdi for {compared_with}. Vurderes så snart verdien for {compared_with} er registrert.")

    def change_word(self) -> str:
        return "økning" if self.better == HIGHER else "reduksjon"

    def step_amount(self) -> str:
        return number(self.value, "prosentpoeng" if self.change_unit == POINTS else "%")

    def step_text(self) -> str:
        return f"{'+' if self.better == HIGHER else '−'}{self.step_amount()}"

    def describe(self) -> str:
        """The target in a few words: "≥ 70 %", "grønn ≤ 12 %, gul ≤ 14 %", "høyere enn 2023"."""
        return self.target_kind.describe(self)


@dataclass(frozen=True)
class Evaluation:
    colour: Colour
    reason: str
    level: float | None = None  # the level the value was held against (the chart's target line)

    @property
    def symbol(self) -> str:
        return Colour(self.colour).symbol

    @property
    def label(self) -> str:
        return Colour(self.colour).label


def no_target(value: float | None, unit: str = "") -> Evaluation:
    shown = number(value, unit) if value is not None else "Ingen verdi"
    return Evaluation(NONE, f"{shown}: indikatoren har ikke noe mål")


# -- the kinds, each with its parse rules -----------------------------------------------------------

_VALUE_MISSING = "Oppgi nivået, grensen for grønn eller endringen."
_SERIES_ITEM = re.compile(rf"{NUM}\s*{UNIT}\s+for\s+(.+?)(?=,\s*\d|\s+og\s+\d|[.;:]\s|[.;:]?$)", re.I)


def _opens_with(phrases: Iterable[str], sentence: str) -> bool:
    """Does the sentence (after a label such as "UNN:") open with one of the words?"""
    return re.match(rf"\s*(?:\w+:\s*)?{words.alt(phrases)}\b", sentence) is not None


@register
class Threshold(TargetKind):
    name = "threshold"
    label = "Terskel (fast nivå)"
    required = {"value": _VALUE_MISSING}
    plain_level = True

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(30, self.read_series), ParseRule(60, self.read), ParseRule(70, self.read_balance))

    @staticmethod
    def read(sentence: str) -> Series:
        """"minst 70 prosent", "minst 95 % av avtalane", "maksimalt 7,5 prosent", "lavere enn 50 dager",
        "minst kr +10 mill." (a result requirement in millions of kroner)."""
        m = re.search(rf"{COMPARATOR}\s+({words.KRONER}\s*)?\+?{NUM}\s*{UNIT}", sentence, re.I)
        if not m:
            return []
        better, inclusive = comparator(m.group(1))
        return [("", Target(Threshold.name, better, to_number(m.group(3), m.group(4)), inclusive, unit_of(m.group(5))))]

    @staticmethod
    def read_series(sentence: str) -> Series:
        """Several series: "lavere enn 50 dager for somatikk, 40 dager for psykisk helsevern voksne, …
        og 30 dager for TSB"."""
        m = re.search(rf"{COMPARATOR}\s+(?={NUM}\s*{UNIT}\s+for\s)", sentence, re.I)
        if not m:
            return []
        better, inclusive = comparator(m.group(1))
        found = [(s.group(4).strip(), Target(Threshold.name, better, to_number(s.group(1), s.group(2)), inclusive,
                                             unit_of(s.group(3))))
                 for s in _SERIES_ITEM.finditer(sentence, m.end())]
        return found if len(found) >= 2 else []

    @staticmethod
    def read_balance(sentence: str) -> Series:
        """"Minst økonomisk balanse (null)": a result of at least zero."""
        if re.search(words.alt(words.BALANCE), sentence, re.I):
            return [("", Target(Threshold.name, HIGHER, 0.0, True, "mill. kr"))]
        return []


@register
class Limits(TargetKind):
    name = "limits"
    label = "Grenser for grønn og gul"
    fields = ("value", "inclusive", "yellow")
    required = {"value": _VALUE_MISSING, "yellow": "Oppgi grensen for gul."}

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(20, self.read),)

    @staticmethod
    def read(sentence: str) -> Series:
        """"grense gul 70 %, grense grønn 85 %" (higher is better); "grense gul 14 %, grense grønn 12 %"
        (green below yellow: lower is better). Also a hospital's limits in an attachment's table."""
        yellow = re.search(rf"{words.alt(words.YELLOW_LIMIT)}\s*:?\s*{NUM}\s*{UNIT}?", sentence, re.I)
        green = re.search(rf"{words.alt(words.GREEN_LIMIT)}\s*:?\s*{NUM}\s*{UNIT}?", sentence, re.I)
        if not (yellow and green):
            return []
        y, g = to_number(yellow.group(1), yellow.group(2)), to_number(green.group(1), green.group(2))
        unit = unit_of(green.group(3) or yellow.group(3))
        return [("", Target(Limits.name, HIGHER if g >= y else LOWER, g, True, unit, yellow=y))]

    def reason(self, target: Target, value: float, colour: Colour, year: int, baseline: float | None,
               level: float | None) -> str:
        reason = f"{number(value, target.unit)} mot grense grønn {target.sign()} {number(target.value, target.unit)}"
        if target.yellow is not None:
            reason += f", gul {target.sign()[0]} {number(target.yellow, target.unit)}"
        return reason

    def describe(self, target: Target) -> str:
        text = f"grønn {target.sign()[0]} {number(target.value, target.unit)}"
        return text + (f", gul {target.sign()[0]} {number(target.yellow, target.unit)}"
                       if target.yellow is not None else "")

    def check(self, data: Mapping[str, Any]) -> dict[str, str]:
        errors = super().check(data)
        if not errors and (data["value"] >= data["yellow"]) != (data.get("better") == HIGHER):
            errors["yellow"] = "Grensen for gul må ligge på den dårlige siden av grensen for grønn."
        return errors


class AgainstBaseline(TargetKind):
    """A level counted from the value of the same period in a baseline year (the year before if none)."""

    needs_baseline = True
    fields: ClassVar[tuple[str, ...]] = ("value", "inclusive", "baseline_year", "change_unit", "goal")

    def level(self, target: Target, year: int, baseline: float | None) -> float | None:
        """The baseline's value; kinds that count from it round to 9 decimals (9,0 × 0,95 is 8,55,
        not 8,549999…)."""
        return round(baseline, 9) if baseline is not None else None

    def base_text(self, target: Target) -> str:
        return str(target.baseline_year) if target.baseline_year is not None else "året før"

    def goal_text(self, target: Target) -> str:
        return f" (mål på sikt {target.sign()} {number(target.goal, target.unit)})" if target.goal is not None else ""


@register
class Baseline(AgainstBaseline):
    name = "baseline"
    label = "Mot et basisår"
    fields = ("inclusive", "baseline_year", "goal")
    takes_long_term_goals = True

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(50, self.read), ParseRule(80, self.read_direction))

    @staticmethod
    def read(sentence: str) -> Series:
        """"høyere i 2024 sammenlignet med 2023"; "på samme nivå, eller lavere, enn i 2019"; "skal økes
        sammenlignet med 2023"."""
        unit = "%" if _opens_with(words.SHARE, sentence) else ""
        m = re.search(rf"{words.SAME_LEVEL},?\s+eller\s+(lavere|høyere|mindre|større),?\s+enn\s+(?:i\s+)?{YEAR}",
                      sentence, re.I)
        if m:
            better = LOWER if re.match(DOWN, m.group(1), re.I) else HIGHER
            return [("", Target(Baseline.name, better, None, True, unit, baseline_year=int(m.group(2))))]
        m = re.search(rf"({UP}|{DOWN})\w*\s+(?:[\wæøå-]+\s+){{0,3}}?(?:enn\s+(?:i\s+)?{YEAR}|{COMPARED_WITH})",
                      sentence, re.I)
        if m:
            better = HIGHER if re.match(UP, m.group(1), re.I) else LOWER
            return [("", Target(Baseline.name, better, None, False, unit,
                                baseline_year=int(m.group(2) or m.group(3))))]
        return []

    @staticmethod
    def read_direction(sentence: str) -> Series:
        """A bare direction at the start ("Redusere innleie.", "Reduksjon i andel …", "Økt bruk av …"):
        better than the year before."""
        m = re.match(rf"\s*({words.alt(words.words(words.DIRECTION_WORDS))})\b", sentence)
        if not m:
            return []
        unit = "%" if re.search(rf"\b{words.SHARE_WORD}", sentence[:40], re.I) else ""
        return [("", Target(Baseline.name, words.DIRECTION_WORDS[m.group(1)], None, False, unit))]

    def describe(self, target: Target) -> str:
        word = {(HIGHER, False): "høyere enn", (HIGHER, True): "minst som", (LOWER, False): "lavere enn",
                (LOWER, True): "samme nivå som eller lavere enn"}[(target.better, target.inclusive)]
        return f"{word} {self.base_text(target)}" + self.goal_text(target)


@register
class Change(AgainstBaseline):
    name = "change"
    label = "Endring fra et basisår"
    required = {"value": _VALUE_MISSING}
    takes_long_term_goals = True

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(40, self.read),)

    @staticmethod
    def read(sentence: str) -> Series:
        """"økes med minst 15 pst. sammenliknet med 2023"; "økes med 10 prosentpoeng sammenlignet med 2023"."""
        m = re.search(rf"({UP}|{DOWN})\w*\s+med\s+(?:minst\s+|minimum\s+|om lag\s+)?{NUM}\s*"
                      rf"({words.alt(words.CHANGE_UNITS)})", sentence, re.I)
        if not m:
            return []
        base = re.search(COMPARED_WITH, sentence, re.I) or re.search(rf"\bfra\s+(?:nivået\s+i\s+)?{YEAR}", sentence)
        unit = unit_of(m.group(4))
        # a share is measured in per cent even when the change is counted in per cent of itself
        measured = "%" if unit == words.POINTS_WORD else (
            "" if unit == "%" and not _opens_with(words.SHARE_OR_PART, sentence) else unit)
        return [("", Target(Change.name, HIGHER if re.match(UP, m.group(1), re.I) else LOWER,
                            to_number(m.group(2), m.group(3)), True, measured,
                            baseline_year=int(base.group(1)) if base else None,
                            change_unit=POINTS if unit == words.POINTS_WORD else PERCENT))]

    def level(self, target: Target, year: int, baseline: float | None) -> float | None:
        if baseline is None:
            return None
        sign, step = (1 if target.better == HIGHER else -1), target.value or 0.0
        level = baseline + sign * step if target.change_unit == POINTS else baseline * (1 + sign * step / 100)
        return round(level, 9)

    def baseline_detail(self, target: Target) -> str:
        return f", {target.step_text()}"

    def describe(self, target: Target) -> str:
        return (f"{target.change_word()} på minst {target.step_amount()} fra {self.base_text(target)}"
                + self.goal_text(target))


@register
class Glide(AgainstBaseline):
    name = "glide"
    label = "Glidebane (årlig endring til et mål)"
    required = {"value": _VALUE_MISSING}

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(10, self.read),)

    @staticmethod
    def read(sentence: str) -> Series:
        """"… med utgangspunkt i nivå i 2023, redusere sykefraværet med minimum 5 prosent årlig, inntil
        styringsmålet om maksimalt 7,5 prosent sykefravær er nådd"."""
        m = re.search(rf"({UP}|{DOWN})\w*\s+(?:[\wæøå-]+\s+){{0,4}}?med\s+(?:minst\s+|minimum\s+)?{NUM}\s*{UNIT}\s+"
                      rf"{words.alt(words.YEARLY)}", sentence, re.I)
        if not m:
            return []
        better = HIGHER if re.match(UP, m.group(1), re.I) else LOWER
        step, step_unit = to_number(m.group(2), m.group(3)), unit_of(m.group(4))
        base = re.search(words.alt([*words.STARTING_FROM, _COMPARED_WITH_WORDS]) + YEAR, sentence, re.I)
        goal = re.search(rf"{words.alt(words.UNTIL)}\b.*?{COMPARATOR}\s+{NUM}\s*{UNIT}", sentence[m.end():], re.I)
        return [("", Target(Glide.name, better, step, True, unit_of(goal.group(4)) if goal else "",
                            baseline_year=int(base.group(1)) if base else None,
                            change_unit=POINTS if step_unit == words.POINTS_WORD else PERCENT,
                            goal=to_number(goal.group(2), goal.group(3)) if goal else None))]

    def level(self, target: Target, year: int, baseline: float | None) -> float | None:
        if baseline is None:
            return None
        sign, step = (1 if target.better == HIGHER else -1), target.value or 0.0
        years = max(0, year - target.baseline_for(year))
        level = (baseline * (1 + sign * step / 100) ** years if target.change_unit == PERCENT
                 else baseline + sign * step * years)
        if target.goal is not None:  # the path stops at the goal
            level = min(level, target.goal) if target.better == HIGHER else max(level, target.goal)
        return round(level, 9)

    def baseline_detail(self, target: Target) -> str:
        return f", {target.step_text()} per år"

    def describe(self, target: Target) -> str:
        text = f"{target.change_word()} på {target.step_amount()} per år fra {self.base_text(target)}"
        return text + (f" til {target.sign()} {number(target.goal, target.unit)}" if target.goal is not None else "")

    def check(self, data: Mapping[str, Any]) -> dict[str, str]:
        errors = super().check(data)
        if not data.get("baseline_year"):
            errors["baseline_year"] = "En glidebane trenger et basisår."
        return errors


# The names the rest of the code and the tests use for the built-in kinds.
THRESHOLD, LIMITS, BASELINE, CHANGE, GLIDE = Threshold.name, Limits.name, Baseline.name, Change.name, Glide.name
