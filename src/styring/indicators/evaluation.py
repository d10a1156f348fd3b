"""Values and their colours for a set of series and organisations, from data loaded once.

The one place a value is found for a series, an organisation and a period:

1. the reported value (``IndicatorValue``), final or preliminary;
2. otherwise, where the series allows it (``Indicator.aggregation``), computed from the months of a
   tertial or year (all of them must be there), and for a trust or region from its hospitals or
   trusts: a ratio sums numerators and denominators (never an average of percentages), a sum adds
   the values.

Its colour comes from the target for that organisation, else the series' target for everyone
(``targets.Target``), with the same period of the baseline year as the baseline.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import FloatField
from django.db.models.functions import Cast

from styring.indicators import targets as rules
from styring.indicators.models import Aggregation, Indicator, IndicatorValue, Target, ValueStatus
from styring.indicators.periods import MONTH, Period
from styring.organisations.models import Organisation

REPORTED, FROM_MONTHS, FROM_PARTS = "reported", "months", "parts"
TRENDS = {"up": "↑", "down": "↓", "flat": "→"}


@dataclass(frozen=True)
class Value:
    value: float
    numerator: float | None = None
    denominator: float | None = None
    status: str = "final"
    source: str = ""
    how: str = REPORTED  # REPORTED, FROM_MONTHS or FROM_PARTS
    parts: int = 0  # how many months or organisations a computed value is made of


@dataclass(frozen=True)
class Result:
    """One cell: the value (or None), its evaluation and the trend against the period before."""

    indicator: Indicator
    organisation_id: int
    period: Period
    value: Value | None
    evaluation: rules.Evaluation
    target: str  # the target in words ("≥ 70 %"), "" without one
    trend: str = ""  # "up", "down", "flat" or ""
    trend_better: bool | None = None  # did it move the right way (None: no target says which way)

    @property
    def colour(self) -> rules.Colour:
        return self.evaluation.colour

    @property
    def shown_number(self) -> str:
        """The value as a number without its unit ("–" without a value)."""
        return rules.number(self.value.value) if self.value else "–"

    @property
    def shown(self) -> str:
        return rules.number(self.value.value, self.indicator.unit) if self.value else "–"

    @property
    def trend_symbol(self) -> str:
        return TRENDS.get(self.trend, "")

    @property
    def trend_text(self) -> str:
        if not self.trend:
            return ""
        word = {"up": "opp", "down": "ned", "flat": "uendret"}[self.trend]
        if self.trend != "flat" and self.trend_better is not None:
            word += ", bedre" if self.trend_better else ", dårligere"
        return f"{word} fra {self.period.previous().label}"

    @property
    def provenance(self) -> str:
        """Norwegian: where the value comes from ("endelig, kilde: NPR", "beregnet fra 4 måneder")."""
        if self.value is None:
            return ""
        if self.value.how == FROM_MONTHS:
            return f"beregnet fra {self.value.parts} måneder"
        if self.value.how == FROM_PARTS:
            return f"beregnet fra {self.value.parts} underliggende enheter"
        status = "foreløpig" if self.value.status == ValueStatus.PRELIMINARY else "endelig"
        return f"{status}, kilde: {self.value.source}" if self.value.source else status


@lru_cache(maxsize=4096)
def _text(period: Period) -> str:
    return str(period)


@lru_cache(maxsize=1024)
def _months(period: Period) -> tuple[str, ...]:
    return tuple(str(m) for m in period.month_periods())


class Evaluator:
    """Evaluates ``indicators`` for ``organisations`` in ``years`` (and the years their baselines and
    trends need), with a fixed number of queries whatever the number of cells."""

    def __init__(self, indicators: Iterable[Indicator], organisations: Iterable[Organisation | int],
                 years: Iterable[int] = (), *, periods: Iterable[Period] = ()) -> None:
        """Values are loaded for ``years`` (and the years before, and baseline years), or, faster,
        only for what evaluating ``periods`` needs: each period, the one before, the same period of
        the baseline years, and their months."""
        self.indicators = {i.pk: i for i in indicators}
        self._aggregation = {pk: (str(i.aggregation), i.factor) for pk, i in self.indicators.items()}
        org_ids = {o if isinstance(o, int) else o.pk for o in organisations}
        self.parts = self._parts(org_ids)
        all_orgs = org_ids | {c for cs in self.parts.values() for c in cs}
        self.general: dict[int, Target] = {}
        self.specific: dict[tuple[int, int], Target] = {}
        baseline_years: set[int] = set()
        for t in Target.objects.filter(indicator_id__in=self.indicators):
            t.indicator = self.indicators[t.indicator_id]
            if t.organisation_id is None:
                self.general[t.indicator_id] = t
            else:
                self.specific[(t.indicator_id, t.organisation_id)] = t
            if t.baseline_year:
                baseline_years.add(t.baseline_year)
        periods = list(periods)
        query = IndicatorValue.objects.filter(indicator_id__in=self.indicators, organisation_id__in=all_orgs)
        if periods:
            needed: set[Period] = set()
            for p in periods:
                base_years = set(baseline_years) | ({p.year - 1} if any(
                    t.baseline_year is None and rules.kind(t.kind).needs_baseline for t in self._all_targets()) else set())
                needed |= {p, p.previous(), *(p.in_year(y) for y in base_years)}
            needed |= {m for p in list(needed) for m in p.month_periods()}
            query = query.filter(period__in=sorted(str(p) for p in needed))
        else:
            years = set(years)
            query = query.filter(year__in=years | {y - 1 for y in years} | baseline_years)
        self.values: dict[tuple[int, int, str], Value] = {}
        # floats straight from the database: no Decimal per value (a scorecard reads tens of thousands)
        rows = query.order_by().annotate(v=Cast("value", FloatField()), n=Cast("numerator", FloatField()),
                                         d=Cast("denominator", FloatField())).values_list(
            "indicator_id", "organisation_id", "period", "v", "n", "d", "status", "source")
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:  # plain tuples: no per-row converters for tens of thousands of rows
            cursor.execute(sql, params)
            for ind, org, period, value, num, den, status, source in cursor.fetchall():
                self.values[(ind, org, period)] = Value(value, num, den, status, source)
        self._rules: dict[tuple[int, int], rules.Target | None] = {}
        self._computed: dict[tuple[int, int, str], Value | None] = {}

    @staticmethod
    def _parts(org_ids: set[int]) -> dict[int, list[int]]:
        """Organisation → the organisations its values can be computed from (a trust's hospitals, a
        region's trusts). Jointly owned trusts belong to four regions and add to none of them."""
        edges = Organisation.owners.through.objects.values_list("from_organisation_id", "to_organisation_id")
        kinds = dict(Organisation.objects.values_list("pk", "kind"))
        owners_of: dict[int, list[int]] = defaultdict(list)
        for child, owner in edges:
            owners_of[child].append(owner)
        parts: dict[int, list[int]] = defaultdict(list)
        for child, owners in owners_of.items():
            if len(owners) == 1 and kinds.get(child) != Organisation.Kind.FELLESEID_HF:
                parts[owners[0]].append(child)
        found: dict[int, list[int]] = {}
        frontier = set(org_ids)
        while frontier:
            nxt = set()
            for org in frontier:
                if org in parts and org not in found:
                    found[org] = parts[org]
                    nxt.update(parts[org])
            frontier = nxt
        return found

    def _all_targets(self) -> list[Target]:
        return [*self.general.values(), *self.specific.values()]

    # -- targets --------------------------------------------------------------------------------
    def target_for(self, indicator_id: int, organisation_id: int) -> Target | None:
        return self.specific.get((indicator_id, organisation_id)) or self.general.get(indicator_id)

    def rule(self, indicator_id: int, organisation_id: int) -> rules.Target | None:
        key = (indicator_id, organisation_id)
        if key not in self._rules:
            target = self.target_for(*key)
            if target is None:
                self._rules[key] = None
            else:
                tolerance = self.indicators[indicator_id].tolerance
                self._rules[key] = target.rule(float(tolerance) if tolerance is not None else None)
        return self._rules[key]

    # -- values ---------------------------------------------------------------------------------
    def value(self, indicator_id: int, organisation_id: int, period: Period) -> Value | None:
        key = (indicator_id, organisation_id, _text(period))
        reported = self.values.get(key)
        if reported is not None:
            return reported
        if key not in self._computed:
            self._computed[key] = self._compute(indicator_id, organisation_id, period)
        return self._computed[key]

    def _compute(self, indicator_id: int, organisation_id: int, period: Period) -> Value | None:
        if self._aggregation[indicator_id][0] == Aggregation.NONE.value:
            return None
        if period.kind != MONTH:
            months = [self.values.get((indicator_id, organisation_id, m)) for m in _months(period)]
            if all(months):
                combined = self._combine(indicator_id, months, FROM_MONTHS)  # type: ignore[arg-type]
                if combined is not None:
                    return combined
        parts = [self.value(indicator_id, child, period) for child in self.parts.get(organisation_id, ())]
        present = [p for p in parts if p is not None]
        return self._combine(indicator_id, present, FROM_PARTS) if present else None

    def _combine(self, indicator_id: int, values: list[Value], how: str) -> Value | None:
        aggregation, factor = self._aggregation[indicator_id]
        preliminary, total, numerator, denominator, complete = False, 0.0, 0.0, 0.0, True
        for v in values:  # one pass: a scorecard combines thousands of these
            preliminary = preliminary or v.status == ValueStatus.PRELIMINARY
            total += v.value
            if v.numerator is None or v.denominator is None:
                complete = False
            else:
                numerator += v.numerator
                denominator += v.denominator
        status = ValueStatus.PRELIMINARY if preliminary else ValueStatus.FINAL
        if aggregation == Aggregation.SUM.value:
            return Value(total, status=status, how=how, parts=len(values))
        if not complete or not denominator:
            return None  # a share is never averaged: without numerators and denominators, no value
        return Value(round(numerator / denominator * factor, 6), numerator, denominator, status, how=how,
                     parts=len(values))

    # -- results --------------------------------------------------------------------------------
    def result(self, indicator_id: int, organisation_id: int, period: Period, *, trend: bool = True) -> Result:
        indicator = self.indicators[indicator_id]
        value = self.value(indicator_id, organisation_id, period)
        rule = self.rule(indicator_id, organisation_id)
        if rule is None:
            evaluation = rules.no_target(value.value if value else None, indicator.unit)
        elif value is None:
            evaluation = rules.Evaluation(rules.NONE, "Ingen verdi for perioden", rule.level(period.year, None))
        else:
            baseline, compared = None, period.in_year(rule.baseline_for(period.year))
            if rule.needs_baseline:
                base = self.value(indicator_id, organisation_id, compared)
                baseline = base.value if base else None
            evaluation = rule.evaluate(value.value, period.year, baseline, baseline_period=compared.label)
        direction, better = "", None
        if trend and value is not None:
            before = self.value(indicator_id, organisation_id, period.previous())
            if before is not None:
                diff = value.value - before.value
                direction = "flat" if abs(diff) < 1e-9 else "up" if diff > 0 else "down"
                if rule is not None and direction != "flat":
                    better = (direction == "up") == (rule.better == rules.HIGHER)
        return Result(indicator, organisation_id, period, value, evaluation, rule.describe() if rule else "",
                      direction, better)

    def colour(self, indicator_id: int, organisation_id: int, period: Period) -> rules.Colour:
        """The colour alone (no reason, no trend): what counts need."""
        value = self.value(indicator_id, organisation_id, period)
        rule = self.rule(indicator_id, organisation_id)
        if value is None or rule is None:
            return rules.NONE
        baseline = None
        if rule.needs_baseline:
            base = self.value(indicator_id, organisation_id, period.in_year(rule.baseline_for(period.year)))
            baseline = base.value if base else None
        return rule.colour(value.value, period.year, baseline)


def latest_results(indicators: list[Indicator], organisation_id: int) -> dict[int, Result]:
    """For each series, the result of the latest period one organisation has reported a value for:
    what a report shows beside its indicator items."""
    if not indicators:
        return {}
    rows = (IndicatorValue.objects.filter(indicator__in=indicators, organisation_id=organisation_id)
            .values_list("indicator_id", "period"))
    latest: dict[int, Period] = {}
    for ind, text in rows:
        period = Period.parse(text)
        if ind not in latest or period.sort_key > latest[ind].sort_key:
            latest[ind] = period
    if not latest:
        return {}
    evaluator = Evaluator(indicators, [organisation_id], {p.year for p in latest.values()})
    return {ind: evaluator.result(ind, organisation_id, period) for ind, period in latest.items()}


def latest_by_item(item_ids: Iterable[int], organisation_id: int) -> dict[int, list[Result]]:
    """Item → the latest result of each of its series with a value for the organisation."""
    indicators = list(Indicator.objects.filter(item_id__in=list(item_ids)))
    found: dict[int, list[Result]] = {}
    for result in sorted(latest_results(indicators, organisation_id).values(), key=lambda r: r.indicator.number):
        found.setdefault(result.indicator.item_id, []).append(result)
    return found


def worst_colour(colours: Iterable[str]) -> rules.Colour:
    """The worst of an item's series' colours (red before yellow before green; NONE if none is
    assessed): the one colour an item's indicator shows beside the trust's status."""
    return rules.Colour.worst(colours)


def latest_colours(item_ids: Iterable[int], organisation_ids: Iterable[int]) -> dict[tuple[int, int], Result]:
    """(item, organisation) → the item's latest result there: of its series' latest values, the worst
    colour (what the follow-up matrix shows beside the trust's own status)."""
    indicators = list(Indicator.objects.filter(item_id__in=list(item_ids)))
    by_pk = {i.pk: i for i in indicators}
    found: dict[tuple[int, int], Result] = {}
    for (ind, org), result in latest_per_series(indicators, organisation_ids).items():
        key = (by_pk[ind].item_id, org)
        if key not in found or result.colour.severity < found[key].colour.severity:
            found[key] = result
    return found


def latest_per_series(indicators: list[Indicator], organisation_ids: Iterable[int]) -> dict[tuple[int, int], Result]:
    """(series, organisation) → the result of the latest period with a value there (the list of
    indicators shows it for each organisation)."""
    org_ids = list(organisation_ids)
    if not indicators or not org_ids:
        return {}
    latest: dict[tuple[int, int], Period] = {}
    for ind, org, text in IndicatorValue.objects.filter(indicator__in=indicators, organisation_id__in=org_ids
                                                        ).values_list("indicator_id", "organisation_id", "period"):
        period = Period.parse(text)
        if (ind, org) not in latest or period.sort_key > latest[(ind, org)].sort_key:
            latest[(ind, org)] = period
    if not latest:
        return {}
    evaluator = Evaluator(indicators, {org for _, org in latest}, periods=set(latest.values()))
    return {key: evaluator.result(key[0], key[1], period, trend=False) for key, period in latest.items()}
