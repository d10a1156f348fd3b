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

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from styring.accounts.access import Action, access_of
from styring.accounts.types import AnyUser
from styring.lib.history import authored
from styring.organisations.models import Organisation
from styring.reporting.errors import NothingToReport
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


def candidate_items(organisation: Organisation, period: ReportingPeriod) -> QuerySet[Item]:
    """Confirmed items of the issuer's documents of the year that the trust must act on."""
    return (
        Item.objects.confirmed()
        .filter(recipients=organisation, document__issuers=period.issuer, document__year=period.year)
        .distinct()
    )


def expected_trusts(period: ReportingPeriod, visible_ids: set[int]) -> list[Organisation]:
    """The one rule for "expected reporter": the organisations (among ``visible_ids``) the issuer
    owns that have at least one item in scope for ``period`` (``items_in_scope``), or a report
    for it with entries. A trust with no requirement in the period is not expected (pages name it
    "Ingen krav i perioden" or leave it out). The issuer itself, named in items it passes on from its
    own owner, reports upwards, not in its own periods."""
    owned = set(Organisation.objects.filter(pk__in=visible_ids, owners=period.issuer).values_list("pk", flat=True))
    if not owned:
        return []
    modes: dict[int, set[str]] = {}
    for org_id, reporting in (candidate_items_of_issuer(period).filter(recipients__in=owned)
                              .values_list("recipients", "reporting")):
        if org_id in owned:
            modes.setdefault(org_id, set()).update(reporting or [])
    wanted = _period_mode(period)
    expected = {org for org, found in modes.items() if wanted is None or wanted in found}
    started = set(ReportEntry.objects.filter(report__period=period, report__organisation__in=owned)
                  .values_list("report__organisation", flat=True).distinct())
    expected |= started
    if period.kind not in (PeriodKind.ANNUAL, PeriodKind.RISK):  # items carried in as deviations
        for org in Organisation.objects.filter(pk__in=set(modes) - expected):
            if items_in_scope(org, period):
                expected.add(org.pk)
    return list(Organisation.objects.filter(pk__in=expected).order_by("name"))


def candidate_items_of_issuer(period: ReportingPeriod) -> QuerySet[Item]:
    """Confirmed items of the issuer's documents of the period's year."""
    return Item.objects.confirmed().filter(document__issuers=period.issuer, document__year=period.year)


def _period_mode(period: ReportingPeriod) -> str | None:
    """The reporting mode an item needs to be in scope for ``period`` (None: every item, the annual report)."""
    if period.kind == PeriodKind.ANNUAL:
        return None
    if period.kind == PeriodKind.RISK:
        return ReportingMode.RISK
    return ReportingMode.MONTHLY if period.kind == PeriodKind.MONTHLY else ReportingMode.TERTIAL


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
    mode = _period_mode(period)
    if mode is None:
        return items
    if period.kind == PeriodKind.RISK:
        return [i for i in items if mode in (i.reporting or [])]
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


def ensure_report(organisation: Organisation, period: ReportingPeriod, user: AnyUser | None = None) -> Report:
    """The trust's one report for the period, created with its entries when first opened."""
    with transaction.atomic():
        report = Report.objects.filter(organisation=organisation, period=period).first()
        if report is None:
            report = Report(organisation=organisation, period=period)
            authored(report, user, "Rapport opprettet")
            report.save()
    sync_entries(report)
    return report


# --- starting a report: one rule for the pages and the API ---------------------------------------

def starting_organisation(user: AnyUser, period: ReportingPeriod) -> Organisation | None:
    """The organisation whose report on ``period`` the user may start: the user's own, when the
    user reports for it (``Action.REPORT``) and the period's issuer owns it; else None."""
    access = access_of(user)
    m = access.membership
    if m is None or not access.can(Action.REPORT, m.organisation_id):
        return None
    return m.organisation if period.issuer_id in _owner_ids(m.organisation) else None


def _owner_ids(organisation: Organisation) -> set[int]:
    cached = getattr(organisation, "_styring_owner_ids", None)  # the list page asks once per period
    if cached is None:
        cached = set(organisation.owners.values_list("pk", flat=True))
        setattr(organisation, "_styring_owner_ids", cached)  # noqa: B010 - a cache on the instance
    return cached


def has_something_to_report(organisation: Organisation, period: ReportingPeriod) -> bool:
    """May the organisation's report on ``period`` be opened: it exists, or an item is in scope."""
    return (Report.objects.filter(organisation=organisation, period=period).exists()
            or bool(items_in_scope(organisation, period)))


def start_report(user: AnyUser, period: ReportingPeriod) -> Report:
    """Start (or open) the user's organisation's report on ``period``. Raises ``PermissionDenied``
    unless ``starting_organisation`` names one, ``NothingToReport`` when nothing applies to it."""
    organisation = starting_organisation(user, period)
    if organisation is None:
        raise PermissionDenied(START_REFUSED)
    if not has_something_to_report(organisation, period):
        raise NothingToReport(organisation, period)
    return ensure_report(organisation, period, user)


START_REFUSED = "Bare rapportøren i et helseforetak som rapporterer til utstederen, kan opprette rapporten."
