"""The start page per role: what is waiting for the user, and the next deadlines.

- A trust's reporter: the reports to fill in and send (with their deadlines and "12 av 77 utfylt"),
  the returned ones first with the owner's comment, the periods whose report is not started yet,
  the trust's open measures past their due date (out of how many are open), and the trust's deadlines of the next 30 days.
- A trust's approver: the sent reports waiting for the board.
- Owner staff (RHF/HOD): the reports waiting for approval, the returned ones waiting for the trusts,
  the trusts with something overdue, red indicators and high risks, the next deadlines.
- Admins: the admin and the import log (the latest imported documents).

Everything is read through the models' ``objects.visible_to`` (what the user may see), the
inboxes of ``reporting.inbox`` (what waits for whom) and the stages' own
functions (the follow-up's overdue list, the scorecard's red count, the årshjul's deadlines).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from styring.accounts.access import Action, access_of, can, visible_organisation_ids
from styring.accounts.models import Membership
from styring.accounts.types import AnyUser
from styring.documents.models import SteeringDocument
from styring.organisations.models import Organisation
from styring.reporting.inbox import (
    inbox,
    reports_awaiting_approval,
    reports_awaiting_board,
    reports_returned_by,
    reports_to_fill,
)
from styring.reporting.models import EDITABLE, Measure, Report, ReportingPeriod, Risk, RiskAssessment
from styring.reporting.scope import expected_trusts

HORIZON = 30  # days of deadlines ahead
SHOWN = 8  # rows per list before "see all"


@dataclass
class OverdueTrust:
    organisation: Organisation
    count: int
    first: dt.date
    what: list[str] = field(default_factory=list)


def with_progress(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports with ``n_entries`` and ``n_filled`` ("12 av 77 utfylt"), their trust and period."""
    return (reports.select_related("organisation", "period__issuer")
            .annotate(n_entries=Count("entries", distinct=True),
                      n_filled=Count("entries", filter=~Q(entries__status=""), distinct=True))
            .order_by("period__admin_deadline", "organisation__name"))


def next_deadlines(user: AnyUser, today: dt.date, *, mine: bool) -> list:
    """The årshjul's deadlines from today through the next ``HORIZON`` days (across a new year)."""
    from styring.yearwheel.deadlines import deadlines

    end = today + dt.timedelta(days=HORIZON)
    found = []
    for year in sorted({today.year, end.year}):
        found += [d for d in deadlines(user, year, mine=mine, today=today) if today <= d.date <= end]
    return found


def _periods_to_start(user: AnyUser, organisation: Organisation, today: dt.date) -> list:
    """The owners' periods the trust is expected in and has not started, whose administrative
    deadline is ahead or passed less than a tertial ago."""
    started = Report.objects.visible_to(user).filter(organisation=organisation).values("period_id")
    owners = organisation.owners.values("pk")
    periods = (ReportingPeriod.objects.visible_to(user).filter(issuer__in=owners, year__gte=today.year - 1).exclude(pk__in=started)
               .filter(Q(admin_deadline__isnull=True) | Q(admin_deadline__gte=today - dt.timedelta(days=120)))
               .order_by("admin_deadline"))
    return [p for p in periods if expected_trusts(p, {organisation.pk})]


def _high_risks(user: AnyUser) -> list[RiskAssessment]:
    """Each visible risk's latest assessment, the high and very high ones, highest first."""
    latest: dict[int, RiskAssessment] = {}
    for a in (RiskAssessment.objects.filter(risk__in=Risk.objects.visible_to(user).values("pk"))
              .select_related("risk__organisation", "period").order_by("period__year", "period__admin_deadline")):
        latest[a.risk_id] = a
    high = [a for a in latest.values() if a.score >= 10]
    return sorted(high, key=lambda a: (-a.score, a.risk.organisation.name))


def _overdue_trusts(user: AnyUser, today: dt.date) -> list[OverdueTrust]:
    from styring.followup.metrics import overdue

    by_org: dict[int, OverdueTrust] = {}
    for o in overdue(ReportingPeriod.objects.visible_to(user), Report.objects.visible_to(user), visible_organisation_ids(user), today):
        row = by_org.setdefault(o.organisation.pk, OverdueTrust(o.organisation, 0, o.deadline))
        row.count += 1
        row.first = min(row.first, o.deadline)
        row.what.append(o.what)
    return sorted(by_org.values(), key=lambda r: (-r.count, r.organisation.name))


def trust_context(user: AnyUser, m: Membership, today: dt.date) -> dict:
    own = m.organisation
    context: dict = {}
    if can(user, Action.REPORT, own):
        reports = list(with_progress(reports_to_fill(user)))
        context["returned"] = [r for r in reports if r.is_returned]
        context["open_reports"] = [r for r in reports if not r.is_returned]
        context["to_start"] = _periods_to_start(user, own, today)
    elif can(user, Action.BOARD_APPROVE, own):
        context["awaiting_board"] = list(with_progress(reports_awaiting_board(user)))
        context["returned"] = list(with_progress(Report.objects.visible_to(user).filter(
            organisation=own, status__in=EDITABLE).exclude(return_comment="")))
    open_measures = Measure.objects.visible_to(user).filter(organisation=own, closed_at__isnull=True)
    late = open_measures.filter(due_date__lt=today).select_related("item").order_by("due_date", "pk")
    context["measures"] = list(late[:SHOWN])  # "Åpne tiltak etter frist": only those past their due date
    context["measures_total"] = late.count()
    context["measures_open"] = open_measures.count()
    context["deadlines"] = next_deadlines(user, today, mine=True)
    context["recent"] = list(with_progress(Report.objects.visible_to(user).filter(organisation=own)
                                           .exclude(status__in=EDITABLE)).reverse()[:5])
    return context


def owner_context(user: AnyUser, today: dt.date) -> dict:
    from styring.indicators.scorecard import red_count

    context: dict = {
        "awaiting_approval": list(with_progress(reports_awaiting_approval(user))),
        "returned_by_me": list(with_progress(reports_returned_by(user))),
        "overdue_trusts": _overdue_trusts(user, today),
        "high_risks": _high_risks(user)[:SHOWN],
        "deadlines": next_deadlines(user, today, mine=False)[:SHOWN * 2],
    }
    context["scorecard_reds"], context["scorecard_period"] = red_count(user)
    return context


def admin_context(user: AnyUser) -> dict:
    return {"imports": list(SteeringDocument.objects.visible_to(user).select_related("created_by").order_by("-created_at")[:SHOWN])}


def start_context(user: AnyUser, today: dt.date | None = None) -> dict:
    """What the user's start page shows; ``role`` names the template's part ("trust", "owner", "admin", "none")."""
    today = today or timezone.localdate()
    access = access_of(user)
    context: dict = {"today": today, "is_admin": user.is_staff or user.is_superuser, "role": access.start_page}
    if context["role"] == "owner":
        context.update(owner_context(user, today))
    elif context["role"] == "trust":
        context.update(trust_context(user, cast(Membership, access.membership), today))
    if context["is_admin"]:
        context.update(admin_context(user))
    context["manages"] = bool(access.membership is not None and access.managed_ids)
    return context


# the navigation's label and the start page's anchor of each inbox (``reporting.inbox.inbox``)
INBOX_LABELS = {"approval": ("Til godkjenning", "til-godkjenning"), "board": ("Til styret", "til-styret"),
                "fill": ("Til utfylling", "til-utfylling")}


def nav_tasks(user: AnyUser) -> list[dict]:
    """The navigation's counts of what waits for the user: one count query for the user's role."""
    found = inbox(user)
    if found is None:
        return []
    label, anchor = INBOX_LABELS[found[0]]
    return [{"label": label, "count": found[1].count(), "anchor": anchor}]
