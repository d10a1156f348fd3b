"""The reports waiting for the user: the start page's lists and the navigation's counts.

Each is one query (``.count()`` for the navigation). The statuses come from the one transition
table (``reporting.transitions``); who may take the step is the table's rule (``Access.can`` /
``Access.may_approve``, as ``ReportQuerySet.approvable_by``) put as a filter, so that a count needs
no loop over reports.
"""
from __future__ import annotations

from django.db.models import Q

from styring.accounts.access import Action, access_of
from styring.accounts.models import Role
from styring.accounts.types import AnyUser
from styring.reporting.models import PeriodKind, Report, ReportQuerySet, ReportStatus
from styring.reporting.transitions import TRANSITIONS


def _step_statuses(name: str, *, monthly: bool = False) -> tuple[str, ...]:
    step = TRANSITIONS[name]
    return step.sources + step.monthly_sources if monthly else step.sources


def _own(user: AnyUser, action: Action, step: str) -> ReportQuerySet:
    """The user's own organisation's visible reports a step of ``action`` starts from."""
    access = access_of(user)
    if access.organisation_id is None or not access.can(action, access.organisation_id):
        return Report.objects.none()
    return Report.objects.visible_to(user).filter(organisation_id=access.organisation_id,
                                                 status__in=_step_statuses(step))


def reports_to_fill(user: AnyUser) -> ReportQuerySet:
    """Reports the user's trust is to fill in and send (drafts and returned ones), if the user is its reporter."""
    return _own(user, Action.REPORT, "submit")


def reports_awaiting_board(user: AnyUser) -> ReportQuerySet:
    """Sent reports whose board decision the user (the trust's approver) is to record."""
    return _own(user, Action.BOARD_APPROVE, "board_approve")


def reports_awaiting_approval(user: AnyUser) -> ReportQuerySet:
    """Reports the user (owner staff) may approve now: board-treated ones, and sent monthly ones."""
    ready = Q(status__in=_step_statuses("approve")) | Q(
        status__in=_step_statuses("approve", monthly=True), period__kind=PeriodKind.MONTHLY)
    return Report.objects.visible_to(user).approvable_by(user).filter(ready)


def inbox(user: AnyUser) -> tuple[str, ReportQuerySet] | None:
    """The one list of reports the user's role waits on (the navigation counts it): owner staff
    ``"approval"``, a trust's approver ``"board"``, its reporter ``"fill"``; None for the others."""
    role = access_of(user).role
    if role == Role.OWNER_STAFF:
        return "approval", reports_awaiting_approval(user)
    if role == Role.APPROVER:
        return "board", reports_awaiting_board(user)
    if role == Role.REPORTER:
        return "fill", reports_to_fill(user)
    return None


def reports_returned_by(user: AnyUser) -> ReportQuerySet:
    """Returned reports the user (owner staff) is waiting for the trusts to send again."""
    return Report.objects.visible_to(user).approvable_by(user).filter(status=ReportStatus.RETURNED)
