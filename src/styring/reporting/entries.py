"""Editing a report's entries and measures: only the trust's reporter, only in a draft, and never
silently over someone else's save (optimistic locking on ``ReportEntry.version``)."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from styring.accounts.access import Action, can
from styring.accounts.types import AnyUser, signed_in
from styring.indicators.evaluation import latest_colours
from styring.lib.history import authored
from styring.reporting.completeness import entry_problems
from styring.reporting.errors import ConflictError, WorkflowError
from styring.reporting.models import (
    EDITABLE,
    EntryStatus,
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
    Risk,
    measures_outside_drafts,
)
from styring.requirements.models import Item

__all__ = [
    "ConflictError", "save_entry", "add_measure", "close_measure", "measures_for", "measures_by_entry",
    "check_attachment", "max_attachment_bytes", "EDITABLE_FIELDS", "ATTACHMENT_EXTENSIONS", "validate", "entry_label",
]

EDITABLE_FIELDS = ("status", "text", "deviation", "expected_completion", "contradiction_reason")

# Documents a trust attaches to an entry: office documents, PDF, text, images. Nothing executable or
# rendered by the browser as a page (no HTML, SVG).
ATTACHMENT_EXTENSIONS = (
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".odp", ".txt", ".csv",
    ".png", ".jpg", ".jpeg",
)


def max_attachment_bytes() -> int:
    return int(getattr(settings, "STYRING_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def check_attachment(upload: UploadedFile) -> None:
    """Raise ``WorkflowError`` (in Norwegian) if ``upload`` is too large or of a type we do not accept."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        allowed = ", ".join(e.lstrip(".") for e in ATTACHMENT_EXTENSIONS)
        shown = f"«{extension}»" if extension else "uten filendelse"
        raise WorkflowError(f"Vedlegget ble ikke lagret: filtypen {shown} er ikke tillatt. Tillatte typer: {allowed}.")
    limit = max_attachment_bytes()
    if cast(int, upload.size) > limit:
        megabytes = f"{limit / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
        raise WorkflowError(f"Vedlegget ble ikke lagret: filen er større enn {megabytes} MB.")
    if upload.size == 0:
        raise WorkflowError("Vedlegget ble ikke lagret: filen er tom.")


def check_editable(report: Report, user: AnyUser) -> None:
    if not can(user, Action.REPORT, report.organisation):
        raise PermissionDenied("Bare rapportøren i helseforetaket kan endre rapporten.")
    if report.status not in EDITABLE:
        raise WorkflowError(f"Rapporten har status «{report.get_status_display()}» og kan ikke endres.")


def _bump_report(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1, updated_at=timezone.now())


def save_entry(entry: ReportEntry, user: AnyUser, data: dict, expected_version: int) -> ReportEntry:
    """Save ``data`` (status, text, deviation, expected_completion, risk, attachment) on ``entry``.

    Raises ``ConflictError`` if the entry was saved by someone else since ``expected_version``
    (nothing is written), ``WorkflowError`` if the report is not a draft or a value is invalid,
    ``PermissionDenied`` if ``user`` may not report for the trust. Returns the saved entry.
    """
    if data.get("attachment"):
        check_attachment(data["attachment"])
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("organisation").get(pk=entry.report_id)
        check_editable(report, user)
        current = ReportEntry.objects.select_for_update(of=("self",)).select_related("updated_by", "item").get(pk=entry.pk)
        if int(expected_version) != current.version:
            base = current.history.filter(version=int(expected_version)).order_by("-history_date").first()
            raise ConflictError(current, dict(data), base)
        if "status" in data and data["status"] not in ("", *EntryStatus.values):
            raise WorkflowError("Ugyldig måloppnåelse.")
        changed = False
        for field in EDITABLE_FIELDS:
            if field in data:
                value = (data[field] or "").strip() if field != "status" else (data[field] or "")
                if getattr(current, field) != value:
                    setattr(current, field, value)
                    changed = True
        if "risk" in data:
            risk_id = int(data["risk"]) if data["risk"] not in (None, "") else None
            if risk_id and not Risk.objects.filter(pk=risk_id, organisation=report.organisation).exists():
                raise WorkflowError("Risikoen hører ikke til helseforetaket.")
            if current.risk_id != risk_id:
                current.risk_id = risk_id
                changed = True
        if data.get("attachment"):
            current.attachment = data["attachment"]
            changed = True
        if not changed:
            return current
        current.version += 1
        current.updated_by = signed_in(user)
        authored(current, user)
        current.save()
        _bump_report(report)
    return current


def indicator_results(entries: Iterable[ReportEntry], organisation_id: int) -> dict:
    """Indicator item → the latest result of its measured indicator for the organisation (of its
    series' latest values, the worst colour: ``evaluation.latest_colours``), for the entries of
    indicator items; what ``models.contradicts`` holds a status against."""
    item_ids = [e.item_id for e in entries if e.item.kind == Item.Kind.INDICATOR]
    if not item_ids:
        return {}
    return {item: result for (item, _org), result in latest_colours(item_ids, [organisation_id]).items()}


def indicator_colours(entries: Iterable[ReportEntry], organisation_id: int) -> dict[int, str]:
    """Indicator item → its indicator's colour (see ``indicator_results``)."""
    return {item: result.colour for item, result in indicator_results(entries, organisation_id).items()}


def measures_for(entry: ReportEntry) -> QuerySet[Measure]:
    """The measures shown on an entry: the trust's open measures on the item (carried forward from
    earlier reports) and those created or closed in this entry."""
    return (
        _measures_query(entry.report.organisation_id)
        .filter(item_id=entry.item_id)
        .filter(Q(closed_at__isnull=True) & measures_outside_drafts() | Q(created_in=entry) | Q(closed_in=entry))
    )


def _measures_query(organisation_id: int):
    return (
        Measure.objects.filter(organisation_id=organisation_id)
        .select_related("created_in__report__period", "risk")
        .order_by("due_date", "pk")
    )


def _shown_on(measure: Measure | MeasureRow, entry: ReportEntry) -> bool:
    return measure.item_id == entry.item_id and (
        measure.closed_at is None or measure.created_in_id == entry.pk or measure.closed_in_id == entry.pk
    )


class MeasureRow:
    """A measure as shown on an entry (read-only): the fields, plus the report and period it was
    created in (``origin_report_id``, ``origin_period``), without a model instance per measure and
    for the chain ``created_in.report.period``."""

    __slots__ = ("pk", "item_id", "description", "owner", "due_date", "closed_at", "created_in_id", "closed_in_id",
                 "origin_report_id", "origin_period")
    FIELDS = ("pk", "item_id", "description", "owner", "due_date", "closed_at", "created_in_id", "closed_in_id",
              "created_in__report_id", "created_in__report__period__kind", "created_in__report__period__year",
              "created_in__report__period__month")

    def __init__(self, row: tuple[Any, ...], periods: dict) -> None:
        (self.pk, self.item_id, self.description, self.owner, self.due_date, self.closed_at, self.created_in_id,
         self.closed_in_id, self.origin_report_id, *period) = row
        if period[0] is None:
            self.origin_period = None
        else:  # the period's name, made once per period
            key = tuple(period)
            if key not in periods:
                periods[key] = str(ReportingPeriod(kind=period[0], year=period[1], month=period[2]))
            self.origin_period = periods[key]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __str__(self) -> str:
        return self.description[:80]


def measures_by_entry(entries: Iterable[Any], organisation_id: int, report_id: int | None = None) -> dict[int, list[MeasureRow]]:
    """``measures_for`` for many entries of one organisation in one query: {entry pk: measures}
    (``MeasureRow``s, read-only). With ``report_id``, ``entries`` are all of that report's entries
    (the query then selects them by report instead of by a list of ids)."""
    entries = list(entries)
    if not entries:
        return {}
    if report_id is not None:  # the organisation's open measures (those of other items are dropped below)
        measures = Measure.objects.filter(organisation_id=organisation_id).filter(
            Q(closed_at__isnull=True) & measures_outside_drafts() | Q(created_in__report_id=report_id)
            | Q(closed_in__report_id=report_id))
    else:
        entry_ids = [e.pk for e in entries]
        measures = Measure.objects.filter(organisation_id=organisation_id, item_id__in={e.item_id for e in entries}
                                          ).filter(Q(closed_at__isnull=True) & measures_outside_drafts()
                                                   | Q(created_in_id__in=entry_ids)
                                                   | Q(closed_in_id__in=entry_ids))
    rows = list(measures.order_by("due_date", "pk").values_list(*MeasureRow.FIELDS))
    periods: dict = {}
    by_item: dict[int, list[MeasureRow]] = {}
    for row in rows:
        m = MeasureRow(row, periods)
        by_item.setdefault(m.item_id, []).append(m)
    return {e.pk: [m for m in by_item.get(e.item_id, ()) if _shown_on(m, e)] for e in entries}


def add_measure(entry: ReportEntry, user: AnyUser, *, description: str, owner: str, due_date: dt.date | str | None,
                risk: Risk | None = None) -> Measure:
    """A new tiltak on the entry's item; it stays open (and in later reports) until closed."""
    errors = []
    if not (description or "").strip():
        errors.append("Beskriv tiltaket.")
    if not (owner or "").strip():
        errors.append("Oppgi hvem som er ansvarlig for tiltaket.")
    if isinstance(due_date, str):
        try:
            due_date = dt.date.fromisoformat(due_date) if due_date else None
        except ValueError:
            due_date = None
    if not due_date:
        errors.append("Oppgi en frist for tiltaket (dato).")
    if errors:
        raise WorkflowError("Tiltaket ble ikke lagret.", errors)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=entry.report_id)
        check_editable(report, user)
        if risk is not None and getattr(risk, "organisation_id", None) != report.organisation_id:
            raise WorkflowError("Risikoen hører ikke til helseforetaket.")
        measure = Measure(
            organisation_id=report.organisation_id, item_id=entry.item_id, created_in=entry, risk=risk,
            description=description.strip(), owner=owner.strip(), due_date=cast(dt.date, due_date),
        )
        authored(measure, user)
        measure.save()
        _bump_report(report)
    return measure


def close_measure(measure: Measure, entry: ReportEntry, user: AnyUser) -> Measure:
    """Close a measure in this report (it then stops carrying forward)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=entry.report_id)
        check_editable(report, user)
        if measure.organisation_id != report.organisation_id or measure.item_id != entry.item_id:
            raise WorkflowError("Tiltaket hører ikke til dette punktet.")
        if measure.closed_at is None:
            measure.closed_at = timezone.now()
            measure.closed_in = entry
            authored(measure, user)
            measure.save()
            _bump_report(report)
    return measure


def entry_label(entry: ReportEntry | Item) -> str:
    """An entry (or its item) as messages name it: its reference and the start of its text."""
    item = entry.item if isinstance(entry, ReportEntry) else entry
    ref = f"{item.ref} " if item.ref else ""
    text = item.text if len(item.text) <= 80 else item.text[:77] + "…"
    return f"{ref}{text}"


def validate(report: Report) -> list[str]:
    """What stops the report from being sent (``completeness.entry_problems`` for each entry), one
    line per problem with the entry's reference."""
    entries = list(report.entries.select_related("item", "report"))
    if not entries:
        return ["Rapporten har ingen punkter og kan ikke sendes."]
    measures = measures_by_entry(entries, report.organisation_id, report.pk)
    colours = indicator_colours(entries, report.organisation_id)
    problems = []
    for entry in entries:
        for problem in entry_problems(entry.status, entry.deviation, measures[entry.pk],
                                      indicator_colour=colours.get(entry.item_id, ""),
                                      reason=entry.contradiction_reason):
            problems.append(f"«{entry_label(entry)}»: {problem[0].lower()}{problem[1:]}")
    return problems
