"""The history of a report or an item, readable on the page and exportable as CSV for audit.

Built from simple-history's records: who changed the workflow state, a status, a text or a
measure, and when.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from styring.lib.spreadsheets import csv_safe
from styring.reporting.models import BoardDecision, EntryStatus, Measure, Report, ReportEntry, ReportStatus
from styring.requirements.models import Item

FIELD_LABELS = {
    "status": "status", "text": "rapport", "deviation": "avvik", "expected_completion": "forventet måloppnåelse",
    "attachment": "vedlegg", "risk": "risiko", "return_comment": "kommentar", "closed_at": "lukket",
    "description": "tiltak", "owner": "ansvarlig", "due_date": "frist",
    "contradiction_reason": "begrunnelse for status mot indikatoren",
}
SKIP = {"version", "updated_at", "updated_by", "submitted_at", "submitted_by", "approved_at", "approved_by",
        "closed_in", "created_in"}


@dataclass
class Event:
    when: dt.datetime
    user: str
    organisation: str
    subject: str
    change: str


def _user(record: Any) -> str:  # noqa: ANN401 - a simple-history record of any model
    u = record.history_user
    return (u.get_full_name() or u.username) if u else "system"


def _display(field: str, value: Any, model: type[Model]) -> str:  # noqa: ANN401 - a history field of any type
    if value in (None, ""):
        return "–"
    if field == "status":
        choices = ReportStatus if model is Report else EntryStatus
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"


def _events_for(records: Iterable[Any], subject: Callable[..., str], organisation: str, model: type[Model]) -> list[Event]:
    events = []
    previous = None
    for record in records:
        if previous is None:
            change = "opprettet"
        else:
            delta = record.diff_against(previous)
            parts = [
                f"{FIELD_LABELS.get(c.field, c.field)}: {_display(c.field, c.old, model)} → {_display(c.field, c.new, model)}"
                for c in delta.changes if c.field not in SKIP
            ]
            change = "; ".join(parts)
        reason = record.history_change_reason or ""
        if reason and reason != "Rapport opprettet":
            change = f"{reason}" + (f" ({change})" if change and model is not Report else "")
        if change:
            events.append(Event(record.history_date, _user(record), organisation, subject(record), change))
        previous = record
    return events


def _entry_label(entry: ReportEntry) -> str:
    item = entry.item
    return f"{item.ref + ' ' if item.ref else ''}{item.text[:60]}"


def report_history(report: Report) -> list[Event]:
    """Every change of the report, its entries, measures and board decisions, oldest first."""
    org = report.organisation.code
    events = _events_for(report.history.order_by("history_date", "history_id").select_related("history_user"),
                         lambda r: f"Rapport ({report.period})", org, Report)
    for entry in report.entries.select_related("item"):
        label = _entry_label(entry)
        events += _events_for(entry.history.order_by("history_date", "history_id").select_related("history_user"),
                              lambda r, label=label: label, org, ReportEntry)
        for measure in Measure.objects.filter(created_in=entry):
            events += _events_for(measure.history.order_by("history_date", "history_id").select_related("history_user"),
                                  lambda r, label=label: f"Tiltak på {label}", org, Measure)
    for decision in BoardDecision.objects.filter(report=report):
        record = decision.history.order_by("history_date").first()
        if record:
            events.append(Event(record.history_date, _user(record), org, str(decision),
                                f"Styrevedtak registrert: {decision.decision_text}"))
    events.sort(key=lambda e: e.when)
    return events


def item_history(item: Item, reports: QuerySet[Report]) -> list[Event]:
    """Every change of the item's entries in ``reports`` (those the reader may see), oldest first."""
    events = []
    for entry in ReportEntry.objects.filter(item=item, report__in=reports).select_related(
        "report__organisation", "report__period"
    ):
        events += _events_for(entry.history.order_by("history_date", "history_id").select_related("history_user"),
                              lambda r, e=entry: str(e.report.period), entry.report.organisation.code, ReportEntry)
    events.sort(key=lambda e: e.when)
    return events


def to_csv(events: list[Event]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["tidspunkt", "bruker", "organisasjon", "gjelder", "endring"])
    for e in events:
        writer.writerow([csv_safe(v) for v in (timezone.localtime(e.when).strftime("%Y-%m-%d %H:%M:%S"), e.user,
                                               e.organisation, e.subject, e.change)])
    return out.getvalue()
