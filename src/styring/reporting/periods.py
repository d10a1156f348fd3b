"""Reporting periods of a year for an issuer, built from a document's reporting calendar.

A steering document's calendar (``ReportingDeadline``) has one row per date, with labels such as
"1. tertial: administrativt utarbeidet tertialrapport" (15 May) and "1. tertial: styrebehandlet
tertialrapport" (1 June), "årlig melding 2024" (1 February next year) and "risikovurdering av
utvalgte mål" (1 March). Each label is classified into a period kind and an administrative or
board deadline; what the calendar lacks is filled in from Helse Nord's usual dates.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from styring.documents.models import ReportingDeadline, SteeringDocument
from styring.organisations.models import Organisation
from styring.reporting.models import PeriodKind, ReportingPeriod

_KIND_PATTERNS = [
    (PeriodKind.TERTIAL_1, re.compile(r"\b(1\.|første|fyrste)\s*tertial|tertial\s*(rapport\s*)?(nr\.?\s*)?1\b", re.I)),
    (PeriodKind.TERTIAL_2, re.compile(r"\b(2\.|andre)\s*tertial|tertial\s*(rapport\s*)?(nr\.?\s*)?2\b", re.I)),
    (PeriodKind.ANNUAL, re.compile(r"\b(årlig|årleg)\s+melding", re.I)),
    ("tertial", re.compile(r"tertial", re.I)),  # a tertial without its number: placed by date
    (PeriodKind.RISK, re.compile(r"\brisikovurdering", re.I)),
]
_BOARD = re.compile(r"styrebehandl|styrevedtak|styregodkj|styret", re.I)


def classify(label: str) -> tuple[str, str] | None:
    """``(period kind, "admin" | "board")`` for a calendar label, or None if it is not a report."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(label):
            return kind, ("board" if _BOARD.search(label) and not re.search(r"administrativ", label, re.I) else "admin")
    return None


@dataclass(frozen=True)
class Defaults:
    """Helse Nord's usual calendar (month, day); the year of årlig melding is the next one."""

    tertial1: tuple[tuple[int, int], tuple[int, int] | None] = ((5, 15), (6, 1))
    tertial2: tuple[tuple[int, int], tuple[int, int] | None] = ((9, 15), (10, 1))
    annual: tuple[tuple[int, int], tuple[int, int] | None] = ((2, 1), None)
    risk: tuple[tuple[int, int], tuple[int, int] | None] = ((3, 1), None)


DEFAULTS = Defaults()


def default_deadlines(kind: str, year: int) -> tuple[dt.date | None, dt.date | None]:
    admin, board = getattr(DEFAULTS, str(kind), (None, None))
    deadline_year = year + 1 if kind == PeriodKind.ANNUAL else year

    def make(md: tuple[int, int] | None) -> dt.date | None:
        return dt.date(deadline_year, *md) if md else None

    return make(admin), make(board)


def calendar_deadlines(document: SteeringDocument | None) -> dict[str, dict[str, dt.date]]:
    """``{kind: {"admin": date, "board": date}}`` from the document's calendar (first date wins)."""
    found: dict[str, dict[str, dt.date]] = {}
    if document is None:
        return found
    for deadline in ReportingDeadline.objects.filter(document=document).order_by("date"):
        kind_part = classify(deadline.label)
        if kind_part:
            kind, part = kind_part
            if kind == "tertial":  # 1. tertial reports by summer, 2. tertial in the autumn
                kind = PeriodKind.TERTIAL_1 if deadline.date.month <= 7 else PeriodKind.TERTIAL_2
                if "admin" in found.get(kind, {}):
                    part = "board"  # the second date of the tertial is the board-approved version
            found.setdefault(kind, {}).setdefault(part, deadline.date)
    return found


def main_document_for(issuer: Organisation, year: int) -> SteeringDocument | None:
    """The issuer's document of the year with a reporting calendar (a confirmed one first; of a
    document in several versions, the latest)."""
    docs = (SteeringDocument.objects.filter(issuers=issuer, year=year, superseded_by__isnull=True)
            .order_by("-status", "pk"))
    with_calendar = [d for d in docs if d.reporting_deadlines.exists()]
    confirmed = [d for d in with_calendar if d.is_confirmed]
    found = confirmed or with_calendar or list(docs)
    return found[0] if found else None


PERIOD_KINDS = [PeriodKind.RISK, PeriodKind.TERTIAL_1, PeriodKind.TERTIAL_2, PeriodKind.ANNUAL]


MONTHLY_DAY = 15  # a monthly report is due on this day of the following month


def monthly_deadline(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, MONTHLY_DAY) if month == 12 else dt.date(year, month + 1, MONTHLY_DAY)


@transaction.atomic
def create_periods(
    issuer: Organisation, year: int, document: SteeringDocument | None = None, *, overwrite: bool = False,
    monthly: bool = False,
) -> list[ReportingPeriod]:
    """The year's periods (risk, 1. and 2. tertial, årlig melding, and with ``monthly`` one per
    month) for ``issuer``.

    Dates come from ``document``'s calendar (by default the issuer's document of the year), with
    Helse Nord's defaults where the calendar is silent; a month's report is due on the 15th of the
    next month. Existing periods keep their (possibly edited) dates unless ``overwrite``; a board
    deadline from the calendar fills an empty one.
    """
    document = document or main_document_for(issuer, year)
    calendar = calendar_deadlines(document)
    wanted: list[tuple[str, int | None, dt.date | None, dt.date | None]] = []  # kind, month, admin, board
    for fixed in PERIOD_KINDS:
        admin, board = default_deadlines(fixed, year)
        dates = calendar.get(fixed, {})
        if dates:
            admin = dates.get("admin", admin)
            board = dates.get("board", board if "admin" not in dates else None)
            if board and admin and board < admin:
                board = None
        wanted.append((fixed, None, admin, board))
    wanted += [(PeriodKind.MONTHLY, month, monthly_deadline(year, month), None) for month in range(1, 13) if monthly]
    periods = []
    for kind, month, admin, board in wanted:
        period, created = ReportingPeriod.objects.get_or_create(
            issuer=issuer, year=year, kind=kind, month=month,
            defaults={"admin_deadline": admin, "board_deadline": board, "document": document},
        )
        if not created and overwrite:
            period.admin_deadline, period.board_deadline, period.document = admin, board, document
            period.save()
        elif not created and period.document is None and document is not None:
            period.document = document
            period.save(update_fields=["document"])
        periods.append(period)
    return periods


def issuers_of(organisation: Organisation) -> list[Organisation]:
    """The organisations whose periods a trust reports in: its owners."""
    return list(organisation.owners.all())


def periods_for(organisation: Organisation, year: int | None = None) -> QuerySet[ReportingPeriod]:
    """The periods a trust reports in (its owners' periods), earliest deadline first."""
    qs = ReportingPeriod.objects.filter(issuer__in=organisation.owners.all()).select_related("issuer")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("year", "admin_deadline", "kind")


def previous_periods(period: ReportingPeriod) -> QuerySet[ReportingPeriod]:
    """The issuer's periods of the same year with an earlier administrative deadline."""
    qs = ReportingPeriod.objects.filter(issuer=period.issuer, year=period.year).exclude(pk=period.pk)
    if period.admin_deadline:
        qs = qs.filter(admin_deadline__lt=period.admin_deadline)
    return qs.order_by("admin_deadline")


def period_end(period: ReportingPeriod) -> dt.date:
    """The last day the period reports on (for indicator values)."""
    if period.kind == PeriodKind.MONTHLY and period.month:
        return monthly_deadline(period.year, period.month).replace(day=1) - dt.timedelta(days=1)
    ends: dict[str, dt.date] = {
        PeriodKind.TERTIAL_1: dt.date(period.year, 4, 30),
        PeriodKind.TERTIAL_2: dt.date(period.year, 8, 31),
        PeriodKind.RISK: dt.date(period.year, 3, 1),
    }
    return ends.get(period.kind, dt.date(period.year, 12, 31))
