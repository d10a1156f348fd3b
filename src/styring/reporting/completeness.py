"""What a report's entries still lack, entry by entry: the one rule behind sending (``workflow.validate``),
the report page's progress ("12 av 77 utfylt"), its filters and its inline errors.

Each entry needs a status; an entry that is not green needs an explanation of the deviation and at
least one open measure with owner and date; a status that contradicts the item's indicator needs a reason. The functions take plain values (status, deviation, the
entry's measures) so the report page can ask them from the rows it already has, with no query.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from styring.reporting.models import contradicts, needs_deviation

if TYPE_CHECKING:
    from styring.reporting.models import Report


MISSING_STATUS = "Velg måloppnåelse."
MISSING_DEVIATION = "Forklar avviket."
MISSING_MEASURE = "Legg inn minst ett tiltak med ansvarlig og frist."
MISSING_REASON = "Begrunn hvorfor statusen avviker fra indikatoren."

# The report page's filters: the query value (?vis=…) → its label.
FILTERS = {
    "ufullstendige": "Ufullstendige",
    "ubesvart": "Ubesvart",
    "gul-rod": "Gul eller rød",
    "endret": "Endret siden forrige rapport",
}


def entry_problems(status: str, deviation: str, measures: Iterable, *, indicator_colour: str = "",
                   reason: str = "") -> list[str]:
    """What stops one entry from being sent (empty when it is complete). ``measures`` are the
    entry's measures (``Measure`` or ``MeasureRow``: ``is_open``, ``owner``, ``due_date``);
    ``indicator_colour`` the colour of the item's measured indicator (``models.contradicts``: a
    status that contradicts it needs ``reason``)."""
    if not status:
        return [MISSING_STATUS]
    problems = []
    if contradicts(status, indicator_colour) and not (reason or "").strip():
        problems.append(MISSING_REASON)
    if needs_deviation(status):
        if not (deviation or "").strip():
            problems.append(MISSING_DEVIATION)
        if not any(m.is_open and (m.owner or "").strip() and m.due_date for m in measures):
            problems.append(MISSING_MEASURE)
    return problems


@dataclass(frozen=True)
class Progress:
    total: int
    complete: int
    unanswered: int  # no status at all
    not_green: int  # yellow or red
    changed: int | None  # None: there is no earlier report to compare with

    @property
    def unfinished(self) -> int:
        return self.total - self.complete

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100


def matches(name: str, *, status: str, problems: list[str], changed: bool) -> bool:
    """Does an entry belong in the filter ``name`` (see ``FILTERS``; an unknown name shows everything)?"""
    if name == "ufullstendige":
        return bool(problems)
    if name == "ubesvart":
        return not status
    if name == "gul-rod":
        return needs_deviation(status)
    if name == "endret":
        return changed
    return True


def previous_answers(report: Report) -> tuple[str, dict[int, tuple]] | None:
    """The trust's previous report of the same issuer: its period's name and its answers ({item id:
    (status, text, deviation)}), or None when there is none; a monthly report compares with the previous month."""
    from styring.reporting.models import PeriodKind, Report, ReportEntry

    period = report.period
    if period.admin_deadline is None:
        return None
    earlier = (Report.objects.filter(organisation_id=report.organisation_id, period__issuer_id=period.issuer_id,
                                     period__admin_deadline__lt=period.admin_deadline)
               .exclude(pk=report.pk).exclude(period__kind=PeriodKind.RISK))
    earlier = (earlier.filter(period__kind=PeriodKind.MONTHLY) if period.kind == PeriodKind.MONTHLY
               else earlier.exclude(period__kind=PeriodKind.MONTHLY))
    previous = earlier.select_related("period").order_by("-period__admin_deadline", "-pk").first()
    if previous is None:
        return None
    rows = ReportEntry.objects.filter(report=previous).values_list("item_id", "status", "text", "deviation")
    return str(previous.period), {item_id: (status, text, deviation) for item_id, status, text, deviation in rows}
