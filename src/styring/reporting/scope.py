"""Which items a trust's report contains, and creating the report with exactly those entries.

- Årlig melding: every confirmed item (goals, indicators, assignments) the trust is a recipient of
  in the issuer's documents of the year ("alle styringsbudskap").
- 1. and 2. tertial (and monthly): the items whose reporting modes include tertial (monthly)
  plus the **deviations**: items the trust reported as delvis / ikke oppnådd in an earlier period
  of the year, and items with an open measure (tiltak), so nothing silently disappears.
- Risikovurdering: the risk-marked items (the selected goals and assignments of the risk table).

Items for information only (``Item.informed``) are not reported on.
"""
from __future__ import annotations

from django.db import transaction

from styring.lib.history import authored
from styring.organisations.models import Organisation
from styring.reporting.models import (
    EDITABLE,
    NOT_SENT,
    Measure,
    PeriodKind,
    Report,
    ReportEntry,
    ReportingPeriod,
    needs_deviation,
)
from styring.reporting.periods import previous_periods
from styring.requirements.models import Item, ReportingMode


def candidate_items(organisation: Organisation, period: ReportingPeriod):
    """Confirmed items of the issuer's documents of the year that the trust must act on."""
    return (
        Item.objects.confirmed()
        .filter(recipients=organisation, document__issuers=period.issuer, document__year=period.year)
        .distinct()
    )


def expected_trusts(period: ReportingPeriod, visible_ids: set[int]) -> list[Organisation]:
    """Organisations that receive confirmed items in the issuer's documents of the year (among
    ``visible_ids``) and report to the issuer (it owns them): the ones expected to report in
    ``period``. The issuer itself, named in items it passes on from its own owner, reports upwards,
    not in its own periods."""
    ids = (
        Item.objects.confirmed()
        .filter(document__issuers=period.issuer, document__year=period.year)
        .values_list("recipients", flat=True)
    )
    return list(Organisation.objects.filter(pk__in=set(ids) & visible_ids, owners=period.issuer).order_by("name"))


def deviation_item_ids(organisation: Organisation, period: ReportingPeriod) -> set[int]:
    """Items reported at risk in the latest earlier (sent) report, or with an open measure."""
    latest: dict[int, str] = {}
    earlier = (
        ReportEntry.objects.filter(
            report__organisation=organisation,
            report__period__in=previous_periods(period),
        )
        .exclude(report__status__in=NOT_SENT)
        .order_by("report__period__admin_deadline", "pk")
        .values_list("item_id", "status")
    )
    for item_id, status in earlier:
        if status:
            latest[item_id] = status
    ids = {item_id for item_id, status in latest.items() if needs_deviation(status)}
    ids |= set(
        Measure.objects.filter(organisation=organisation, closed_at__isnull=True).values_list("item_id", flat=True)
    )
    return ids


def items_in_scope(organisation: Organisation, period: ReportingPeriod) -> list[Item]:
    """Exactly the items the trust reports on in ``period``, in document order."""
    items = list(candidate_items(organisation, period).order_by("document_id", "order", "pk"))
    if period.kind == PeriodKind.ANNUAL:
        return items
    if period.kind == PeriodKind.RISK:
        return [i for i in items if ReportingMode.RISK in (i.reporting or [])]
    mode = ReportingMode.MONTHLY if period.kind == PeriodKind.MONTHLY else ReportingMode.TERTIAL
    deviations = deviation_item_ids(organisation, period)
    return [i for i in items if mode in (i.reporting or []) or i.pk in deviations]


@transaction.atomic
def sync_entries(report: Report) -> int:
    """Add an entry for every item now in scope (a draft only; nothing is ever removed). Returns
    how many were added."""
    if report.status not in EDITABLE:
        return 0
    have = set(report.entries.values_list("item_id", flat=True))
    new = [ReportEntry(report=report, item=item) for item in items_in_scope(report.organisation, report.period)
           if item.pk not in have]
    for entry in new:
        entry.save()  # one by one, so each creation is in the history
    return len(new)


def ensure_report(organisation: Organisation, period: ReportingPeriod, user=None) -> Report:
    """The trust's one report for the period, created with its entries when first opened."""
    with transaction.atomic():
        report = Report.objects.filter(organisation=organisation, period=period).first()
        if report is None:
            report = Report(organisation=organisation, period=period)
            authored(report, user, "Rapport opprettet")
            report.save()
    sync_entries(report)
    return report
