"""The workflow of a report, as pure functions used by the UI and the API alike.

Each step is a row of ``reporting.transitions.TRANSITIONS`` (from, to, who); the functions here
carry it out: they check the row (``PermissionDenied`` for the wrong role, ``WorkflowError`` with a
Norwegian message for the wrong status), bump ``Report.version`` and write the step to the
report's history with the user and a reason. Only a draft or a returned report can be edited; an
approved report is locked until the owner reopens it.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from styring.lib.history import authored
from styring.reporting.completeness import entry_problems
from styring.reporting.entries import indicator_colours, measures_by_entry, save_entry
from styring.reporting.errors import ConflictError, WorkflowError
from styring.reporting.models import BoardDecision, Report, ReportStatus, not_in_the_future
from styring.reporting.transitions import TRANSITIONS, Transition, allowed_steps, may_edit

__all__ = [
    "WorkflowError", "ConflictError", "PermissionDenied", "validate", "submit", "record_board_decision",
    "approve", "return_report", "reopen", "save_entry", "allowed_steps", "may_edit", "take",
]


def entry_label(entry) -> str:
    """An entry (or its item) as messages name it: its reference and the start of its text."""
    item = getattr(entry, "item", entry)
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


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("organisation", "period").get(pk=report.pk)


def _save(report: Report, original: Report, user, reason: str, step: Transition, *,
          decision: BoardDecision | None = None, comment: str = "") -> Report:
    report.version += 1
    authored(report, user, reason)
    report.save()
    step.record(report, user, decision=decision, comment=comment)
    # the caller's object reflects the new state too
    original.__dict__.update({k: v for k, v in report.__dict__.items() if not k.startswith("_")})
    return report


def _check(step: Transition, report: Report, user) -> None:
    """The row's role, then its statuses."""
    if not step.who(user, report):
        raise PermissionDenied(step.refused)
    if not step.applies(report):
        raise WorkflowError(step.refused_status(report))


def submit(report: Report, user) -> Report:
    """The reporter sends the administrative version (utkast → sendt)."""
    with transaction.atomic():
        current = _lock(report)
        _check(TRANSITIONS["submit"], current, user)
        problems = validate(current)
        if problems:
            raise WorkflowError("Rapporten kan ikke sendes før alle punkter er fylt ut.", problems)
        current.status = TRANSITIONS["submit"].target
        if current.submitted_at is None:  # the first submission counts for timeliness
            current.submitted_at = timezone.now()
        current.submitted_by = user
        return _save(current, report, user, "Sendt (administrativt)", TRANSITIONS["submit"])


def record_board_decision(
    report: Report, user, *, case_number: str, meeting_date, decision_text: str, minutes_reference: str = "",
    changes_requested: bool = False,
) -> BoardDecision:
    """The approver records the board's decision (sendt → styrebehandlet); a board that asks for
    changes sends the report back to draft."""
    errors = []
    if not (case_number or "").strip():
        errors.append("Oppgi styresaksnummer.")
    if isinstance(meeting_date, str):
        try:
            meeting_date = dt.date.fromisoformat(meeting_date) if meeting_date else None
        except ValueError:
            meeting_date = None
    if not meeting_date:
        errors.append("Oppgi møtedato.")
    else:
        try:
            not_in_the_future(meeting_date)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if not (decision_text or "").strip():
        errors.append("Skriv inn styrets vedtak.")
    with transaction.atomic():
        current = _lock(report)
        _check(TRANSITIONS["board_approve"], current, user)
        if errors:
            raise WorkflowError("Styrevedtaket ble ikke registrert.", errors)
        decision = BoardDecision(
            report=current, case_number=case_number.strip(), meeting_date=meeting_date,
            decision_text=decision_text.strip(), minutes_reference=(minutes_reference or "").strip(),
            changes_requested=bool(changes_requested), recorded_by=user,
        )
        authored(decision, user)
        decision.save()
        if changes_requested:
            current.status = ReportStatus.DRAFT
            current.return_comment = f"Styret ba om endringer (styresak {decision.case_number}): {decision.decision_text}"
            _save(current, report, user, f"Styret ba om endringer (styresak {decision.case_number})",
                  TRANSITIONS["board_approve"], decision=decision)
        else:
            current.status = TRANSITIONS["board_approve"].target
            _save(current, report, user, f"Styrebehandlet (styresak {decision.case_number})",
                  TRANSITIONS["board_approve"], decision=decision)
    return decision


def approve(report: Report, user) -> Report:
    """Owner staff of an owning organisation approve the board-approved report (a monthly one
    once it is sent); it is then locked."""
    with transaction.atomic():
        current = _lock(report)
        _check(TRANSITIONS["approve"], current, user)
        current.status = TRANSITIONS["approve"].target
        current.approved_at = timezone.now()
        current.approved_by = user
        current.return_comment = ""
        # the owner's comments on entries from an earlier return are settled (they stay in the history)
        current.entries.exclude(return_comment="").update(return_comment="", version=F("version") + 1)
        return _save(current, report, user, "Godkjent av eier", TRANSITIONS["approve"])


def return_report(report: Report, user, comment: str, item_comments: dict[int, str] | None = None) -> Report:
    """Owner staff return a sent or board-approved report with a comment, and optionally a comment
    on single entries (entry pk → text); it is ``returnert``: the trust edits it and sends it again,
    and the owner keeps seeing it. The entries' comments of an earlier return are replaced."""
    if not (comment or "").strip():
        raise WorkflowError("Skriv en kommentar som forklarer hva som må endres.")
    item_comments = {pk: text.strip() for pk, text in (item_comments or {}).items() if (text or "").strip()}
    with transaction.atomic():
        current = _lock(report)
        _check(TRANSITIONS["return"], current, user)
        entries = {e.pk: e for e in current.entries.all()}
        unknown = set(item_comments) - set(entries)
        if unknown:
            raise WorkflowError("Kommentaren gjelder et punkt som ikke hører til rapporten.")
        for entry in entries.values():
            text = item_comments.get(entry.pk, "")
            if entry.return_comment != text:
                entry.return_comment = text
                entry.version += 1
                authored(entry, user, "Eiers kommentar ved retur")
                entry.save(update_fields=["return_comment", "version", "updated_at"])
        current.status = TRANSITIONS["return"].target
        current.return_comment = comment.strip()
        return _save(current, report, user, f"Returnert av eier: {comment.strip()}", TRANSITIONS["return"],
                     comment=comment.strip())


def reopen(report: Report, user, comment: str) -> Report:
    """Owner staff reopen an approved (locked) report, e.g. to correct an error; it is returned to
    the trust (``returnert``) with the owner's reason."""
    if not (comment or "").strip():
        raise WorkflowError("Skriv hvorfor rapporten gjenåpnes.")
    with transaction.atomic():
        current = _lock(report)
        _check(TRANSITIONS["reopen"], current, user)
        current.status = TRANSITIONS["reopen"].target
        current.approved_at = None
        current.approved_by = None
        current.return_comment = comment.strip()
        return _save(current, report, user, f"Gjenåpnet av eier: {comment.strip()}", TRANSITIONS["reopen"],
                     comment=comment.strip())


def take(name: str, report: Report, user, **data):
    """Take the step ``name`` of ``TRANSITIONS`` with its validated input (``comment`` for return
    and reopen, the board decision's fields for board_approve): what the UI and the API call."""
    if name == "submit":
        return submit(report, user)
    if name == "board_approve":
        return record_board_decision(report, user, **data)
    if name == "approve":
        return approve(report, user)
    if name == "return":
        return return_report(report, user, data.get("comment", ""), data.get("item_comments"))
    if name == "reopen":
        return reopen(report, user, data.get("comment", ""))
    raise KeyError(name)
