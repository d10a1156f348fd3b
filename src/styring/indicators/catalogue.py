"""The list of indicator series an outside system (or a person) needs to name them: each series'
code, external code, name, item, unit and direction, its targets (for everyone the item applies
to, and per organisation or hospital) and the colour of its latest value for each organisation.
One builder for ``GET /api/indicators/``, the page ``/indikatorer/liste/`` and its CSV download.

Who sees what is asked of the models (``Item.objects.indicators_visible_to``, ``Access.value_ids``): the series of the indicator items the user may
see, the targets and values of the organisations whose values the user may read."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from styring.accounts.access import access_of
from styring.accounts.types import AnyUser
from styring.indicators import targets as rules
from styring.indicators.evaluation import Result, latest_per_series
from styring.indicators.models import Indicator, Target
from styring.lib.spreadsheets import csv_safe
from styring.organisations.models import Organisation
from styring.requirements.models import Item

DIRECTIONS = {rules.HIGHER: "Høyere er bedre", rules.LOWER: "Lavere er bedre"}
CSV_COLUMNS = ("kode", "ekstern kode", "navn", "krav", "dokument", "år", "enhet", "retning", "gjelder", "mål",
               "kilde for målet", "siste periode", "siste verdi", "farge", "vurdering")


@dataclass
class Latest:
    """The latest value of a series for one organisation, evaluated."""

    code: str
    name: str
    result: Result


@dataclass
class Entry:
    indicator: Indicator
    targets: list[Target]  # the general one first, then per organisation by name
    latest: list[Latest] = field(default_factory=list)  # per organisation, by name

    @property
    def general(self) -> Target | None:
        return next((t for t in self.targets if t.organisation_id is None), None)

    @property
    def specific(self) -> list[Target]:
        return [t for t in self.targets if t.organisation_id is not None]

    @property
    def direction(self) -> str:
        """``higher`` or ``lower`` (what its targets say is better), or "" without a target."""
        return self.targets[0].better if self.targets else ""

    @property
    def direction_label(self) -> str:
        return DIRECTIONS.get(self.direction, "")


def series(user: AnyUser, *, q: str = "", code: str = "", year: int | None = None, organisation: str = "") -> QuerySet[Indicator]:
    """The series the user may see, in document order; ``q``: every word in its name or its item's
    text; ``code``: its code or external code; ``organisation``: those with a target or a value for it."""
    qs = (Indicator.objects.filter(item__in=Item.objects.indicators_visible_to(user))
          .select_related("item__document")
          .order_by("-item__document__year", "item__document_id", "item__order", "number"))
    for word in q.split():
        qs = qs.filter(Q(name__icontains=word) | Q(item__text__icontains=word) | Q(external_code__iexact=word))
    if code:
        item, _, number = code.partition("-")
        by_code = Q(item_id=int(item), number=int(number or 0)) if item.isdigit() and (not number or number.isdigit()) else Q(pk=None)
        qs = qs.filter(by_code | Q(external_code__iexact=code))
    if year:
        qs = qs.filter(item__document__year=year)
    if organisation:
        qs = qs.filter(Q(targets__organisation__code=organisation.upper()) | Q(values__organisation__code=organisation.upper())
                       | Q(item__recipients__code=organisation.upper())).distinct()
    return qs


def entries(user: AnyUser, indicators: Iterable[Indicator]) -> list[Entry]:
    """Each series with the targets and latest results the user may see."""
    indicators = list(indicators)
    readable = set(access_of(user).value_ids)
    found = {i.pk: Entry(i, []) for i in indicators}
    for t in (Target.objects.filter(indicator__in=indicators).select_related("organisation")
              .order_by("indicator_id", "organisation__name")):
        if t.organisation_id is None or t.organisation_id in readable:
            t.indicator = found[t.indicator_id].indicator
            entry = found[t.indicator_id]
            entry.targets.insert(0 if t.organisation_id is None else len(entry.targets), t)
    results = latest_per_series(indicators, readable)
    names = {pk: (code, name) for pk, code, name in Organisation.objects.filter(pk__in={org for _, org in results})
             .values_list("pk", "code", "name")}
    for (ind, org), result in sorted(results.items(), key=lambda kv: names[kv[0][1]][1]):
        found[ind].latest.append(Latest(names[org][0], names[org][1], result))
    return [found[i.pk] for i in indicators]


def to_csv(entries_: list[Entry]) -> bytes:
    """One row for the target for everyone, and one per organisation with its own target or a value."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries_:
        ind = e.indicator
        head = [ind.code, ind.external_code, ind.title, ind.item.ref or ind.item_id, ind.item.document.title,
                ind.item.document.year, ind.unit, e.direction_label]
        latest = {x.result.organisation_id: x.result for x in e.latest}
        codes = {x.result.organisation_id: x.code for x in e.latest}
        general = e.general
        writer.writerow([csv_safe(c) for c in head + ["alle kravet gjelder for", str(general) if general else "",
                                                       general.get_source_display() if general else "", "", "", "", ""]])
        own: dict[int, Target] = {t.organisation.pk: t for t in e.specific if t.organisation is not None}
        organisations = {pk: t.organisation.code for pk, t in own.items() if t.organisation is not None}
        organisations.update({pk: codes[pk] for pk in set(latest) - set(own)})
        for org_id in sorted(set(own) | set(latest), key=lambda o: organisations.get(o, "")):
            target, result = own.get(org_id), latest.get(org_id)
            writer.writerow([csv_safe(c) for c in head + [
                organisations.get(org_id, ""), str(target) if target else (result.target if result else ""),
                target.get_source_display() if target else "",
                result.period.label if result else "", result.shown if result else "",
                result.colour.label if result else "", result.evaluation.reason if result else ""]])
    return out.getvalue().encode("utf-8-sig")
