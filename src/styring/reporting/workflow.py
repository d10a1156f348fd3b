"""The workflow of a report, carried out for the UI and the API alike.

Each step is a row of ``reporting.transitions.TRANSITIONS``; ``take`` carries any row out: it checks
the input (the row's ``prepare``), the role (``PermissionDenied``) and the status (``WorkflowError``
with a Norwegian message), runs the row's ``effect`` (which chooses the outcome), sets the outcome's
status, bumps ``Report.version`` and writes the step to the report's history with the user and the
outcome's reason. Only a draft or a returned report can be edited; an approved report is locked
until the owner reopens it. ``submit``, ``approve`` … are ``take`` with each row's input named.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from styring.accounts.types import AnyUser
from styring.lib.history import authored
from styring.reporting.entries import entry_label, save_entry, validate
from styring.reporting.errors import ConflictError, WorkflowError
from styring.reporting.models import BoardDecision, Report
from styring.reporting.transitions import TRANSITIONS, Taken, Transition, allowed_steps, may_edit

__all__ = [
    "WorkflowError", "ConflictError", "PermissionDenied", "validate", "submit", "record_board_decision",
    "approve", "return_report", "reopen", "save_entry", "allowed_steps", "may_edit", "take", "entry_label",
]


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("organisation", "period").get(pk=report.pk)


def _check(step: Transition, report: Report, user: AnyUser) -> None:
    """The row's role, then its statuses."""
    if not step.who(user, report):
        raise PermissionDenied(step.refused)
    if not step.applies(report):
        raise WorkflowError(step.refused_status(report))


def take(name: str, report: Report, user: AnyUser, **data: object) -> Taken:
    """Take the step ``name`` of ``TRANSITIONS`` with its validated input (what its form or serializer
    cleaned): what the UI and the API call. ``report`` reflects the new state afterwards."""
    step = TRANSITIONS[name]
    if step.prepare is not None:
        data = step.prepare(dict(data))
    with transaction.atomic():
        current = _lock(report)
        _check(step, current, user)
        taken = step.effect(current, user, data) if step.effect is not None else Taken()
        outcome = step.outcomes[taken.outcome]
        current.status = outcome.to
        current.version += 1
        authored(current, user, outcome.reason.format(**taken.context))
        current.save()
        step.record(current, user, decision=taken.decision, comment=taken.comment)
    # the caller's object reflects the new state too
    report.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_")})
    taken.report, taken.done = current, outcome.done
    return taken


def submit(report: Report, user: AnyUser) -> Report:
    """The reporter sends the administrative version (utkast → sendt)."""
    return _report(take("submit", report, user))


def record_board_decision(report: Report, user: AnyUser, **decision: object) -> BoardDecision:
    """The approver records the board's decision (sendt → styrebehandlet, or back to draft when
    the board asks for changes): ``case_number``, ``meeting_date``, ``decision_text``,
    ``minutes_reference``, ``changes_requested``."""
    taken = take("board_approve", report, user, **decision)
    if taken.decision is None:  # the row's effect records the decision
        raise LookupError("board_approve recorded no decision")
    return taken.decision


def approve(report: Report, user: AnyUser) -> Report:
    """Owner staff of an owning organisation approve the board-approved report (a monthly one
    once it is sent); it is then locked."""
    return _report(take("approve", report, user))


def return_report(report: Report, user: AnyUser, comment: str, item_comments: dict[int, str] | None = None) -> Report:
    """Owner staff return a sent or board-approved report with a comment, and optionally a comment
    on single entries (entry pk → text); it is ``returnert``: the trust edits it and sends it again."""
    return _report(take("return", report, user, comment=comment, item_comments=item_comments))


def reopen(report: Report, user: AnyUser, comment: str) -> Report:
    """Owner staff reopen an approved (locked) report; it is returned to the trust with the reason."""
    return _report(take("reopen", report, user, comment=comment))


def _report(taken: Taken) -> Report:
    if taken.report is None:
        raise LookupError(f"{taken} changed no report")
    return taken.report
