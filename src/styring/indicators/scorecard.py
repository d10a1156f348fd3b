"""The scorecard (målekort): organisations × indicators for one period, coloured, with trends.

``build`` chooses the rows (the series of the confirmed indicator items of the year, filtered by
hovedmål), the columns (the trusts, their hospitals or the regions the user sees, filtered by
region) and evaluates every cell with one ``Evaluator``. ``to_xlsx`` writes the same grid.
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from styring.accounts.access import access_of, visible_organisation_ids
from styring.accounts.types import AnyUser
from styring.indicators.evaluation import Evaluator, Result
from styring.indicators.models import SAMPLE_SOURCE, Indicator, IndicatorValue
from styring.indicators.periods import MONTH, TERTIAL, YEAR, Period
from styring.indicators.targets import Colour
from styring.lib.spreadsheets import set_text
from styring.organisations.models import Organisation
from styring.requirements.models import MAIN_GOALS, Item

LEVELS = {"foretak": "Helseforetak", "sykehus": "Sykehus", "region": "Regionale helseforetak"}


@dataclass(slots=True)
class Cell:
    """One cell as the page shows it, its texts made once here (1 600 cells in a 40 × 40 scorecard)."""

    result: Result | None  # None: the indicator does not apply to the organisation
    css: str
    text: str  # what is seen: symbol, value, trend arrow ("✗ 61 % ↑")
    said: str  # what a screen reader says instead (and the tooltip): colour, reason, trend
    href: str = ""
    sample: bool = False

    @classmethod
    def of(cls, result: Result | None, href: str) -> Cell:
        if result is None:
            return cls(None, "st-na", "·", "Gjelder ikke")
        if result.value is None:
            return cls(result, "st-empty", "–", "Ingen verdi")
        trend = f" {result.trend_symbol}" if result.trend else ""
        said = f"{result.evaluation.label}. {result.evaluation.reason}"
        if result.trend:
            said += f"; {result.trend_text}"
        return cls(result, f"st-cell st-cell--{result.colour}", f"{result.evaluation.symbol} {result.shown}{trend}",
                   said, href, result.value.source == SAMPLE_SOURCE)


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell]

    @property
    def main_goal(self) -> int | None:
        return self.indicator.item.main_goal

    @property
    def targets(self) -> list[str]:
        """The targets of the row's cells in words, each once ("≥ 70 %"; per-hospital limits may differ)."""
        return list(dict.fromkeys(c.result.target for c in self.cells if c.result is not None and c.result.target))


@dataclass
class Scorecard:
    period: Period
    level: str
    organisations: list[Organisation]
    rows: list[Row] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    sample: bool = False  # some values shown are sample data
    document_year: int | None = None

    @property
    def groups(self) -> list[tuple[str, list[Row]]]:
        """Rows by hovedmål, in order, then the rest."""
        out: dict[int, list[Row]] = {}
        for row in self.rows:
            out.setdefault(row.main_goal or 0, []).append(row)
        return [(f"Hovedmål {g}: {MAIN_GOALS[g]}" if g else "Øvrige indikatorer", out[g])
                for g in sorted(out, key=lambda g: (g == 0, g))]


def _document_year(items: QuerySet[Item], year: int) -> int | None:
    years = sorted(set(items.values_list("document__year", flat=True)))
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else (years[0] if years else None)


def columns(user: AnyUser, level: str, region: str = "", applies: set[int] | None = None) -> list[Organisation]:
    """The organisations the scorecard shows at ``level`` for ``user``."""
    visible = set(access_of(user).value_ids)
    qs = Organisation.objects.filter(pk__in=visible, active=True)
    if region:
        qs = qs.filter(Q(owners__code=region) | Q(owners__owners__code=region) | Q(code=region))
    if level == "region":
        qs = qs.filter(kind=Organisation.Kind.RHF)
    elif level == "sykehus":
        qs = qs.filter(kind=Organisation.Kind.SYKEHUS)
    else:
        qs = qs.filter(kind__in=Organisation.TRUST_KINDS)
    orgs = list(qs.distinct().order_by("code" if level == "sykehus" else "name"))  # hospitals by trust
    if applies is not None and level != "region":
        orgs = [o for o in orgs if o.pk in applies]
    return orgs


def latest_period(user: AnyUser) -> Period | None:
    """The latest tertial or year with a value the user may see (the scorecard's default)."""
    periods = (IndicatorValue.objects.visible_to(user)
               .exclude(period__regex=r"^\d{4}-\d\d$").order_by().values_list("period", flat=True).distinct())
    found = [Period.parse(p) for p in periods]
    return max(found, key=lambda p: p.sort_key) if found else None


def period_choices(user: AnyUser) -> list[Period]:
    periods = IndicatorValue.objects.visible_to(user).order_by(
        ).values_list("period", flat=True).distinct()
    found = {Period.parse(p) for p in periods}
    for p in list(found):  # a tertial and its year are there when a month is
        found.add(Period(p.year, YEAR))
        if p.kind == MONTH:
            found.add(Period(p.year, TERTIAL, (p.number - 1) // 4 + 1))
    return sorted(found, key=lambda p: p.sort_key, reverse=True)


def build(user: AnyUser, period: Period, *, level: str = "foretak", main_goal: str = "", region: str = "") -> Scorecard:
    items = Item.objects.indicators_visible_to(user)
    year = _document_year(items, period.year)
    card = Scorecard(period, level, [], document_year=year)
    if year is None:
        return card
    items = items.filter(document__year=year)
    if main_goal:
        items = items.filter(main_goal=int(main_goal) if main_goal != "0" else None)
    indicators = list(Indicator.objects.filter(item__in=items).select_related("item").order_by(
        "item__main_goal", "item__document_id", "item__order", "number"))
    applies = _applies(indicators)
    everyone = set().union(*applies.values()) if applies else set()
    card.organisations = columns(user, level, region, everyone)
    org_ids = [o.pk for o in card.organisations]
    evaluator = Evaluator(indicators, org_ids, periods=[period])
    shown: list[Result] = []
    base = reverse("indicators:scorecard")
    for indicator in indicators:
        cells: list[Cell] = []
        useful = False
        for org in card.organisations:
            if org.kind != Organisation.Kind.RHF and org.pk not in applies[indicator.item_id]:
                cells.append(Cell.of(None, ""))
                continue
            result = evaluator.result(indicator.pk, org.pk, period)
            # a row is shown when it has a value, or a target here: hospitals show only their own limits
            useful = useful or result.value is not None or bool(result.target) and (
                level != "sykehus" or (indicator.pk, org.pk) in evaluator.specific)
            cells.append(Cell.of(result, f"{base}{indicator.code}/{org.code}/"))
        if useful:
            card.rows.append(Row(indicator, cells))
            shown.extend(c.result for c in cells if c.result is not None)
    card.counts = Counter(r.colour for r in shown if r.value is not None)
    card.sample = any(r.value is not None and r.value.source == SAMPLE_SOURCE for r in shown)
    return card


def _applies(indicators: list[Indicator]) -> dict[int, set[int]]:
    """Item → organisations it applies to: its recipients, their hospitals and its issuers."""
    item_ids = {i.item_id for i in indicators}
    applies: dict[int, set[int]] = {i: set() for i in item_ids}
    for item_id, recipient, issuer in Item.objects.filter(pk__in=item_ids).values_list(
            "pk", "recipients", "document__issuers"):
        applies[item_id].update(o for o in (recipient, issuer) if o)
    sites: dict[int, set[int]] = {}
    for site, owner in Organisation.owners.through.objects.filter(
            from_organisation__kind=Organisation.Kind.SYKEHUS).values_list("from_organisation_id", "to_organisation_id"):
        sites.setdefault(owner, set()).add(site)
    for orgs in applies.values():
        orgs.update(s for o in list(orgs) for s in sites.get(o, ()))
    return applies


def red_count(user: AnyUser) -> tuple[int, Period | None]:
    """Red cells on the user's default scorecard (the owner's start page shows it)."""
    if not visible_organisation_ids(user):
        return 0, None
    period = latest_period(user)
    if period is None:
        return 0, None
    return build(user, period).counts.get(Colour.RED, 0), period


def to_xlsx(card: Scorecard) -> bytes:
    """The scorecard as an Excel sheet: value, colour in words and fill, target and reason per cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    fills = {Colour.GREEN: "C6EFCE", Colour.YELLOW: "FFEB9C", Colour.RED: "FFC7CE"}
    book = Workbook()
    sheet = book.active
    sheet.title = "Målekort"
    sheet.append([f"Målekort {card.period.label} – {LEVELS[card.level].lower()}"])
    sheet["A1"].font = Font(bold=True, size=14)
    if card.sample:
        sheet.append(["Eksempeldata: tallene er ikke reelle."])
    sheet.append([])
    sheet.append(["Kode", "Indikator", "Mål", *[o.code for o in card.organisations]])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for _, rows in card.groups:
        for row in rows:
            line = [row.indicator.code, row.indicator.title, "; ".join(row.targets)]
            for c in (cell.result for cell in row.cells):
                if c is None:
                    line.append("gjelder ikke")
                elif c.value is None:
                    line.append("–")
                else:
                    line.append(f"{c.shown} {Colour(c.colour).symbol} {Colour(c.colour).label}")
            sheet.append(line)
            for cell in sheet[sheet.max_row][:3]:  # code, title, target: text from documents stays text
                set_text(cell, cell.value)
            for col, c in enumerate((cell.result for cell in row.cells), start=4):
                if c is not None and c.colour in fills and c.value is not None:
                    target = sheet.cell(row=sheet.max_row, column=col)
                    target.fill = PatternFill("solid", fgColor=fills[c.colour])
                    target.alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
