"""The owner's numbers for a period: who is expected to report what, what has been reported, on
time or late ("reporting rates" as DHIS2 calls them), and what is overdue."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from styring.organisations.models import Organisation
from styring.reporting.models import (
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
    measures_outside_drafts,
)
from styring.reporting.scope import expected_trusts, items_in_scope
from styring.requirements.models import Item


@dataclass
class TrustRow:
    organisation: Organisation
    report: Report | None
    expected: int
    reported: int
    timeliness: str  # "i tide", "for sent", "ikke levert", "frist ikke passert"
    started: bool = False  # the trust has opened its report (a draft the owner may not read counts)

    @property
    def report_label(self) -> str:
        """The report's state as the owner may know it: a draft is "påbegynt", never "ikke startet"."""
        if self.report is not None:
            return self.report.get_status_display()
        return "Påbegynt (utkast)" if self.started else "Ikke startet"

    @property
    def share(self) -> int:
        return round(100 * self.reported / self.expected) if self.expected else 100


@dataclass
class ItemRow:
    item: Item
    expected: list[Organisation] = field(default_factory=list)
    answered: list[Organisation] = field(default_factory=list)

    @property
    def missing(self) -> list[Organisation]:
        done = {o.pk for o in self.answered}
        return [o for o in self.expected if o.pk not in done]

    @property
    def share(self) -> int:
        return round(100 * len(self.answered) / len(self.expected)) if self.expected else 100


def timeliness(report: Report | None, period: ReportingPeriod, today: dt.date) -> str:
    if report is not None and report.is_sent and report.submitted_at:
        if period.admin_deadline and report.submitted_at.date() > period.admin_deadline:
            return "for sent"
        return "i tide"
    if period.admin_deadline and today > period.admin_deadline:
        return "ikke levert"
    return "frist ikke passert"


@dataclass
class PeriodStatus:
    period: ReportingPeriod
    trusts: list[TrustRow]
    items: list[ItemRow]
    # (item pk, organisation pk) → the entry the user may read
    cells: dict[tuple[int, int], ReportEntry]
    scope: dict[int, set[int]]  # organisation pk → item pks expected
    not_expected: list[Organisation] = field(default_factory=list)  # owned, but no requirement in the period

    @property
    def expected(self) -> int:
        return sum(t.expected for t in self.trusts)

    @property
    def reported(self) -> int:
        return sum(t.reported for t in self.trusts)

    @property
    def share(self) -> int | None:
        """Share of the expected answers that are in; None when none are expected (no "100 %" of nothing)."""
        return round(100 * self.reported / self.expected) if self.expected else None


def period_status(period: ReportingPeriod, reports: QuerySet[Report], visible_ids: set[int], today: dt.date | None = None) -> PeriodStatus:
    """Completeness and timeliness per trust and per item. ``reports`` are the reports the user
    may read (``Report.objects.visible_to(user)``): an unsent report counts as not answered."""
    today = today or timezone.localdate()
    trusts = expected_trusts(period, visible_ids)
    reports_by_org = {r.organisation_id: r for r in reports.filter(period=period)}
    started = set(Report.objects.filter(period=period, organisation__in=trusts).values_list("organisation_id", flat=True))
    entries = ReportEntry.objects.filter(report__in=list(reports_by_org.values())).select_related("item", "report")
    cells = {(e.item_id, e.report.organisation_id): e for e in entries}
    scope: dict[int, set[int]] = {}
    trust_rows = []
    for org in trusts:
        report = reports_by_org.get(org.pk)
        if report is not None:
            expected_ids = set(report.entries.values_list("item_id", flat=True))
        else:
            expected_ids = {i.pk for i in items_in_scope(org, period)}
        scope[org.pk] = expected_ids
        sent = report is not None and report.is_sent
        reported = sum(1 for i in expected_ids if sent and (e := cells.get((i, org.pk))) and e.status)
        trust_rows.append(TrustRow(org, report, len(expected_ids), reported, timeliness(report, period, today),
                                   started=org.pk in started))
    items = {}
    all_ids = set().union(*scope.values()) if scope else set()
    for item in Item.objects.filter(pk__in=all_ids).order_by("document_id", "order", "pk"):
        items[item.pk] = ItemRow(item)
    for row in trust_rows:
        sent = row.report is not None and row.report.is_sent
        for item_id in scope[row.organisation.pk]:
            items[item_id].expected.append(row.organisation)
            entry = cells.get((item_id, row.organisation.pk))
            if sent and entry and entry.status:
                items[item_id].answered.append(row.organisation)
    expected_ids = {t.pk for t in trusts}
    not_expected = list(Organisation.objects.filter(pk__in=visible_ids, owners=period.issuer)
                        .exclude(pk__in=expected_ids).order_by("name"))
    return PeriodStatus(period, trust_rows, list(items.values()), cells, scope, not_expected)


@dataclass
class Overdue:
    organisation: Organisation
    what: str
    deadline: dt.date
    link_report: Report | None = None


def overdue(periods: Iterable[ReportingPeriod], reports: QuerySet[Report], visible_ids: set[int], today: dt.date | None = None) -> list[Overdue]:
    """Reports past their administrative or board deadline, and open measures past their due date."""
    today = today or timezone.localdate()
    found = []
    for period in periods:
        deadlines_passed = [d for d in period.deadlines() if d.date < today]
        if not deadlines_passed:
            continue
        by_org = {r.organisation_id: r for r in reports.filter(period=period)}
        for org in expected_trusts(period, visible_ids):
            report = by_org.get(org.pk)
            status = report.status if report else ReportStatus.DRAFT
            for deadline in deadlines_passed:
                if not deadline.met_by(status):
                    found.append(Overdue(org, f"{period}: {deadline.label}", deadline.date,
                                         report if report and report.is_sent else None))
    # each open measure once (a measure carried forward into later reports is still one measure),
    # named with its item so that two measures with the same words can be told apart
    for m in (Measure.objects.filter(organisation_id__in=visible_ids, closed_at__isnull=True, due_date__lt=today)
              .filter(measures_outside_drafts())
              .select_related("organisation", "item").distinct()):
        item = f", krav {m.item.ref}" if m.item.ref else ""
        found.append(Overdue(m.organisation, f"Tiltak «{m.description[:80]}» ({m.owner}{item})", m.due_date))
    found.sort(key=lambda o: (o.deadline, o.organisation.name))
    return found
