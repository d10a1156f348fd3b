"""The start page per role: what is waiting for the user, and the next deadlines.

- A trust's reporter: the reports to fill in and send (with their deadlines and "12 av 77 utfylt"),
  the returned ones first with the owner's comment, the periods whose report is not started yet,
  the trust's open measures past their due date (out of how many are open), and the trust's deadlines of the next 30 days.
- A trust's approver: the sent reports waiting for the board.
- Owner staff (RHF/HOD): the reports waiting for approval, the returned ones waiting for the trusts,
  the trusts with something overdue, red indicators and high risks, the next deadlines.
- Admins: the admin and the import log (the latest imported documents).

Everything is read through ``styring.selectors`` (what the user may see) and the stages' own
functions (the follow-up's overdue list, the scorecard's red count, the årshjul's deadlines).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from styring.accounts.access import Action, can, managed_organisation_ids, membership
from styring.accounts.models import Role
from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation
from styring.reporting.models import EDITABLE, RiskAssessment
from styring.reporting.scope import expected_trusts
from styring.selectors import (
    reports_awaiting_approval,
    reports_awaiting_board,
    reports_returned_by,
    reports_to_fill,
    visible_documents,
    visible_measures,
    visible_organisation_ids,
    visible_periods,
    visible_reports,
    visible_risks,
)

HORIZON = 30  # days of deadlines ahead
SHOWN = 8  # rows per list before "see all"


@dataclass
class OverdueTrust:
    organisation: Organisation
    count: int
    first: dt.date
    what: list[str] = field(default_factory=list)


def with_progress(reports):
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


def _periods_to_start(user: AnyUser, organisation, today: dt.date) -> list:
    """The owners' periods the trust is expected in and has not started, whose administrative
    deadline is ahead or passed less than a tertial ago."""
    started = visible_reports(user).filter(organisation=organisation).values("period_id")
    owners = organisation.owners.values("pk")
    periods = (visible_periods(user).filter(issuer__in=owners, year__gte=today.year - 1).exclude(pk__in=started)
               .filter(Q(admin_deadline__isnull=True) | Q(admin_deadline__gte=today - dt.timedelta(days=120)))
               .order_by("admin_deadline"))
    return [p for p in periods if expected_trusts(p, {organisation.pk})]


def _high_risks(user: AnyUser) -> list[RiskAssessment]:
    """Each visible risk's latest assessment, the high and very high ones, highest first."""
    latest: dict[int, RiskAssessment] = {}
    for a in (RiskAssessment.objects.filter(risk__in=visible_risks(user).values("pk"))
              .select_related("risk__organisation", "period").order_by("period__year", "period__admin_deadline")):
        latest[a.risk_id] = a
    high = [a for a in latest.values() if a.score >= 10]
    return sorted(high, key=lambda a: (-a.score, a.risk.organisation.name))


def _overdue_trusts(user: AnyUser, today: dt.date) -> list[OverdueTrust]:
    from styring.followup.metrics import overdue

    by_org: dict[int, OverdueTrust] = {}
    for o in overdue(visible_periods(user), visible_reports(user), visible_organisation_ids(user), today):
        row = by_org.setdefault(o.organisation.pk, OverdueTrust(o.organisation, 0, o.deadline))
        row.count += 1
        row.first = min(row.first, o.deadline)
        row.what.append(o.what)
    return sorted(by_org.values(), key=lambda r: (-r.count, r.organisation.name))


def trust_context(user: AnyUser, m, today: dt.date) -> dict:
    own = m.organisation
    context: dict = {}
    if can(user, Action.REPORT, own):
        reports = list(with_progress(reports_to_fill(user)))
        context["returned"] = [r for r in reports if r.is_returned]
        context["open_reports"] = [r for r in reports if not r.is_returned]
        context["to_start"] = _periods_to_start(user, own, today)
    elif can(user, Action.BOARD_APPROVE, own):
        context["awaiting_board"] = list(with_progress(reports_awaiting_board(user)))
        context["returned"] = list(with_progress(visible_reports(user).filter(
            organisation=own, status__in=EDITABLE).exclude(return_comment="")))
    open_measures = visible_measures(user).filter(organisation=own, closed_at__isnull=True)
    late = open_measures.filter(due_date__lt=today).select_related("item").order_by("due_date", "pk")
    context["measures"] = list(late[:SHOWN])  # "Åpne tiltak etter frist": only those past their due date
    context["measures_total"] = late.count()
    context["measures_open"] = open_measures.count()
    context["deadlines"] = next_deadlines(user, today, mine=True)
    context["recent"] = list(with_progress(visible_reports(user).filter(organisation=own)
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
    return {"imports": list(visible_documents(user).select_related("created_by").order_by("-created_at")[:SHOWN])}


def start_context(user: AnyUser, today: dt.date | None = None) -> dict:
    """What the user's start page shows; ``role`` names the template's part ("trust", "owner", "admin", "none")."""
    today = today or timezone.localdate()
    m = membership(user)
    context: dict = {"today": today, "is_admin": user.is_staff or user.is_superuser}
    if m is not None and m.role == Role.OWNER_STAFF:
        context.update(role="owner", **owner_context(user, today))
    elif m is not None:
        context.update(role="trust", **trust_context(user, m, today))
    elif context["is_admin"]:
        context.update(role="admin")
    else:
        context.update(role="none")
    if context["is_admin"]:
        context.update(admin_context(user))
    context["manages"] = bool(m is not None and managed_organisation_ids(user))
    return context


def nav_tasks(user: AnyUser) -> list[dict]:
    """The navigation's counts of what waits for the user: one count query for the user's role."""
    m = membership(user)
    if m is None:
        return []
    if m.role == Role.OWNER_STAFF:
        return [{"label": "Til godkjenning", "count": reports_awaiting_approval(user).count(),
                 "anchor": "til-godkjenning"}]
    if m.role == Role.APPROVER:
        return [{"label": "Til styret", "count": reports_awaiting_board(user).count(), "anchor": "til-styret"}]
    if m.role == Role.REPORTER:
        return [{"label": "Til utfylling", "count": reports_to_fill(user).count(), "anchor": "til-utfylling"}]
    return []
