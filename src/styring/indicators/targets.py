"""What "target met" means, in one place: a target's kinds, the level a value must reach, the
colour and the Norwegian reason. Plain Python (no Django), so one million values evaluate in a few
seconds and every rule has a table of small tests.

Kinds (all with ``better`` = ``higher`` or ``lower``):

- ``threshold``: a fixed level — "minst 70 prosent" (≥ 70), "maksimalt 7,5 prosent" (≤ 7,5),
  "lavere enn 50 dager" (< 50).
- ``limits``: a green and a yellow limit — "grense gul 70 %, grense grønn 85 %" (higher is better);
  "grense gul 14 %, grense grønn 12 %" (green below yellow: lower is better).
- ``baseline``: against the same period of a baseline year — "høyere i 2024 sammenlignet med 2023",
  "på samme nivå som eller lavere enn i 2019"; without a year, the year before ("Redusere innleie").
- ``change``: a relative change from a baseline year — "økes med minst 15 pst." (× 1,15),
  "økes med 10 prosentpoeng" (+ 10).
- ``glide``: a yearly step from a baseline year until a goal — "redusere sykefraværet med minimum
  5 prosent årlig, inntil styringsmålet om maksimalt 7,5 prosent er nådd": in year Y the level is
  baseline × 0,95^(Y − baseline year), never stricter than the goal.

``goal`` (on baseline, change and glide): a level at which the target counts as met whatever the
baseline ("Målsetningen på sikt er … lavere enn 50 dager"; the glide path's end).

Colours: green when the level is reached; yellow when a yellow limit is given and reached, or the
value misses by no more than the owner's ``tolerance``; red otherwise; ``none`` (with the reason)
when there is no target or no baseline value to compare with.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

THRESHOLD, LIMITS, BASELINE, CHANGE, GLIDE = "threshold", "limits", "baseline", "change", "glide"
KINDS = {
    THRESHOLD: "Terskel (fast nivå)",
    LIMITS: "Grenser for grønn og gul",
    BASELINE: "Mot et basisår",
    CHANGE: "Endring fra et basisår",
    GLIDE: "Glidebane (årlig endring til et mål)",
}
NEEDS_BASELINE = {BASELINE, CHANGE, GLIDE}
HIGHER, LOWER = "higher", "lower"
PERCENT, POINTS = "percent", "points"  # how a change is counted

GREEN, YELLOW, RED, NONE = "green", "yellow", "red", "none"
COLOURS = {GREEN: "Grønn", YELLOW: "Gul", RED: "Rød", NONE: "Ingen vurdering"}
# Shown beside the colour, so colour is never the only signal (WCAG 1.4.1).
SYMBOLS = {GREEN: "✓", YELLOW: "!", RED: "✗", NONE: "–"}
VERDICTS = {GREEN: "nådd", YELLOW: "nesten nådd", RED: "ikke nådd", NONE: "ikke vurdert"}
TAG_COLOURS = {GREEN: "success", YELLOW: "warning", RED: "danger", NONE: "neutral"}  # Designsystemet's data-color


def number(value: float | None, unit: str = "") -> str:
    """Norwegian number: decimal comma, at most two decimals, no trailing zeros; "82 %", "7,5 %"."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "\u00a0").replace(".", ",")
    if text in ("-0", ""):
        text = "0"
    return f"{text} {unit}".strip() if unit else text


@dataclass(frozen=True)
class Target:
    kind: str
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
    def from_dict(cls, data: dict[str, Any]) -> Target:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def with_tolerance(self, tolerance: float | None) -> Target:
        return replace(self, tolerance=tolerance)

    @property
    def needs_baseline(self) -> bool:
        return self.kind in NEEDS_BASELINE

    def baseline_for(self, year: int) -> int:
        """The year a period of ``year`` is compared with."""
        return self.baseline_year if self.baseline_year is not None else year - 1

    # -- the rule ------------------------------------------------------------------------------
    def _sign(self) -> str:
        if self.better == HIGHER:
            return "≥" if self.inclusive else ">"
        return "≤" if self.inclusive else "<"

    def _reaches(self, value: float, level: float, inclusive: bool | None = None) -> bool:
        inclusive = self.inclusive if inclusive is None else inclusive
        if self.better == HIGHER:
            return value >= level if inclusive else value > level
        return value <= level if inclusive else value < level

    def level(self, year: int, baseline: float | None) -> float | None:
        """The level a value of a period in ``year`` must reach (None: no baseline to compare with)."""
        if self.kind in (THRESHOLD, LIMITS):
            return self.value
        if baseline is None:
            return None
        sign = 1 if self.better == HIGHER else -1
        step = self.value or 0.0
        if self.kind == BASELINE:
            level = baseline
        elif self.kind == CHANGE:
            level = baseline + sign * step if self.change_unit == POINTS else baseline * (1 + sign * step / 100)
        else:  # GLIDE
            years = max(0, year - self.baseline_for(year))
            level = baseline * (1 + sign * step / 100) ** years if self.change_unit == PERCENT else baseline + sign * step * years
        if self.goal is not None and self.kind == GLIDE:  # the path stops at the goal
            level = min(level, self.goal) if self.better == HIGHER else max(level, self.goal)
        return round(level, 9)  # 9,0 × 0,95 is 8,55, not 8,549999…

    def colour(self, value: float, year: int, baseline: float | None = None) -> str:
        """The colour alone: the fast path for scorecards and a million values."""
        if self.goal is not None and self._reaches(value, self.goal, True):
            return GREEN
        level = self.level(year, baseline)
        if level is None:
            return NONE
        if self._reaches(value, level):
            return GREEN
        if self.yellow is not None and self._reaches(value, self.yellow, True):
            return YELLOW
        if self.tolerance is not None and abs(value - level) <= self.tolerance:
            return YELLOW
        return RED

    def evaluate(self, value: float, year: int, baseline: float | None = None, *,
                 baseline_period: str = "") -> Evaluation:
        """Colour and the Norwegian reason: "82 % mot mål ≥ 70 %". Without the baseline it needs, the
        reason says why it cannot be assessed and when it can (``baseline_period``: the period
        compared with in words, «1. tertial 2023»; the baseline year when not given)."""
        colour = self.colour(value, year, baseline)
        shown = number(value, self.unit)
        if colour == NONE:
            return Evaluation(NONE, self.missing_baseline(shown, baseline_period or str(self.baseline_for(year))), None)
        level = self.level(year, baseline)
        if self.kind == LIMITS:
            reason = f"{shown} mot grense grønn {self._sign()} {number(self.value, self.unit)}"
            if self.yellow is not None:
                reason += f", gul {self._sign()[0]} {number(self.yellow, self.unit)}"
            return Evaluation(colour, reason, level)
        reason = f"{shown} mot mål {self._sign()} {number(level, self.unit)}" if level is not None else shown
        if self.needs_baseline and baseline is not None:
            reason += f" ({self.baseline_for(year)}: {number(baseline, self.unit)}"
            if self.kind == CHANGE:
                reason += f", {self._step_text()}"
            elif self.kind == GLIDE:
                reason += f", {self._step_text()} per år"
            reason += ")"
        if self.goal is not None and self._reaches(value, self.goal, True):
            reason += f"; målet {self._sign()} {number(self.goal, self.unit)} er nådd"
        if colour == YELLOW and self.kind != LIMITS and self.tolerance is not None:
            reason += f", innenfor toleransen på {number(self.tolerance, self.unit)}"
        return Evaluation(colour, reason, level)

    @staticmethod
    def missing_baseline(shown: str, compared_with: str) -> str:
        """Why a value measured against a baseline is not assessed, and when it will be."""
        return (f"{shown}: kan ikke vurderes ennå fordi målet sammenligner med {compared_with}, og det finnes ingen "
                f"verdi for {compared_with}. Vurderes så snart verdien for {compared_with} er registrert.")

    def _change_word(self) -> str:
        return "økning" if self.better == HIGHER else "reduksjon"

    def _step_amount(self) -> str:
        return number(self.value, "prosentpoeng" if self.change_unit == POINTS else "%")

    def _step_text(self) -> str:
        sign = "+" if self.better == HIGHER else "−"
        return f"{sign}{number(self.value, 'prosentpoeng' if self.change_unit == POINTS else '%')}"

    def describe(self) -> str:
        """The target in a few words: "≥ 70 %", "grønn ≤ 12 %, gul ≤ 14 %", "høyere enn 2023"."""
        sign = self._sign()
        if self.kind == THRESHOLD:
            return f"{sign} {number(self.value, self.unit)}"
        if self.kind == LIMITS:
            text = f"grønn {sign[0]} {number(self.value, self.unit)}"
            return text + (f", gul {sign[0]} {number(self.yellow, self.unit)}" if self.yellow is not None else "")
        base = str(self.baseline_year) if self.baseline_year is not None else "året før"
        if self.kind == BASELINE:
            word = {(HIGHER, False): "høyere enn", (HIGHER, True): "minst som", (LOWER, False): "lavere enn",
                    (LOWER, True): "samme nivå som eller lavere enn"}[(self.better, self.inclusive)]
            text = f"{word} {base}"
        elif self.kind == CHANGE:
            text = f"{self._change_word()} på minst {self._step_amount()} fra {base}"
        else:
            text = f"{self._change_word()} på {self._step_amount()} per år fra {base}"
        if self.goal is not None:
            text += f" til {sign} {number(self.goal, self.unit)}" if self.kind == GLIDE else \
                f" (mål på sikt {sign} {number(self.goal, self.unit)})"
        return text


@dataclass(frozen=True)
class Evaluation:
    colour: str
    reason: str
    level: float | None = None  # the level the value was held against (the chart's target line)

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.colour]

    @property
    def label(self) -> str:
        return COLOURS[self.colour]


def no_target(value: float | None, unit: str = "") -> Evaluation:
    shown = number(value, unit) if value is not None else "Ingen verdi"
    return Evaluation(NONE, f"{shown}: indikatoren har ikke noe mål")
