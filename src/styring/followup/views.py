"""The owner's follow-up: the matrix of trusts × items, completeness and timeliness, what is
overdue, one item across all trusts, and its history (also as CSV)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from styring.accounts.access import visible_organisation_ids
from styring.followup.metrics import overdue, period_status
from styring.reporting import history
from styring.reporting.entries import indicator_results, measures_for
from styring.reporting.models import Report, ReportEntry, ReportingPeriod
from styring.reporting.scope import expected_trusts
from styring.requirements.models import MAIN_GOALS, Item


def _chosen_period(request: HttpRequest):
    periods = list(ReportingPeriod.objects.visible_to(request.user).order_by("year", "admin_deadline"))
    if not periods:
        return periods, None
    wanted = request.GET.get("periode")
    chosen = next((p for p in periods if str(p.pk) == wanted), None)
    if chosen is None:
        chosen = default_period(periods, visible_organisation_ids(request.user))
    return periods, chosen


def default_period(periods: list, visible: set[int], today: dt.date | None = None) -> ReportingPeriod | None:
    """The period a follow-up page opens on: the latest whose deadline has passed, else the current
    one (the next deadline), among those with expected answers (``scope.expected_trusts``); a
    period nobody reports in (e.g. a risk assessment without risk-marked items) is skipped."""
    today = today or timezone.localdate()
    passed = [p for p in periods if p.admin_deadline and p.admin_deadline <= today]
    ahead = [p for p in periods if p not in passed]
    for period in [*reversed(passed), *ahead]:
        if expected_trusts(period, visible):
            return period
    return passed[-1] if passed else periods[0]


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    periods, period = _chosen_period(request)
    context = {"periods": periods, "period": period, "main_goals": MAIN_GOALS.items(), "kinds": Item.Kind.choices}
    if period is None:
        return render(request, "followup/matrix.html", context)
    visible = visible_organisation_ids(request.user)
    status = period_status(period, Report.objects.visible_to(request.user), visible)
    goal, kind, trust = request.GET.get("hovedmal", ""), request.GET.get("type", ""), request.GET.get("hf", "")
    items = [r.item for r in status.items]
    if goal:
        items = [i for i in items if str(i.main_goal or 0) == goal]
    if kind:
        items = [i for i in items if i.kind == kind]
    trusts = [t.organisation for t in status.trusts]
    all_trusts = trusts
    if trust:
        trusts = [t for t in trusts if t.code == trust]
    from styring.indicators.evaluation import latest_colours

    indicator_colours = latest_colours([i.pk for i in items if i.kind == Item.Kind.INDICATOR], [t.pk for t in trusts])
    # an expected answer not in: still to come before the deadline, missing after it
    pending = {t.organisation.pk for t in status.trusts if t.timeliness == "frist ikke passert"}
    rows = []
    for item in items:
        cells = []
        for org in trusts:
            entry = status.cells.get((item.pk, org.pk))
            expected = item.pk in status.scope.get(org.pk, set())
            sent = entry is not None and entry.report.is_sent
            indicator = indicator_colours.get((item.pk, org.pk))
            cells.append({"org": org, "entry": entry if entry and entry.status else None, "expected": expected,
                          "pending": org.pk in pending,
                          "sent": sent, "label": entry.look.short if entry else "",
                          "colour": entry.colour if entry else "",
                          "indicator": indicator,
                          # the trust's status against its own indicator (the rule: ReportEntry.contradicts)
                          "contradicts": bool(entry and indicator and entry.contradicts(indicator.colour))})
        rows.append({"item": item, "cells": cells})
    context.update({"rows": rows, "trusts": trusts, "all_trusts": all_trusts, "goal": goal, "kind": kind,
                    "trust": trust, "status": status})
    return render(request, "followup/matrix.html", context)


@login_required
def cell(request: HttpRequest, entry_pk: int) -> HttpResponse:
    """The text behind one cell of the matrix (htmx fragment; a page of its own without htmx)."""
    entry = ReportEntry.objects.visible_or_404(request.user, entry_pk)
    result = indicator_results([entry], entry.report.organisation_id).get(entry.item_id)
    entry.indicator_colour = result.colour if result else ""
    context = {"entry": entry, "measures": measures_for(entry), "indicator": result}
    if request.headers.get("HX-Request") == "true":
        return render(request, "followup/_cell.html", context)
    return render(request, "followup/cell.html", context)


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    periods, period = _chosen_period(request)
    context = {"periods": periods, "period": period}
    if period is not None:
        status = period_status(period, Report.objects.visible_to(request.user), visible_organisation_ids(request.user))
        context["status"] = status
        context["on_time"] = sum(1 for t in status.trusts if t.timeliness == "i tide")
    return render(request, "followup/completeness.html", context)


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    visible = visible_organisation_ids(request.user)
    periods = ReportingPeriod.objects.visible_to(request.user)  # every year: what is overdue stays overdue until it is done
    rows = overdue(periods, Report.objects.visible_to(request.user), visible)
    return render(request, "followup/overdue.html", {"rows": rows, "today": timezone.localdate()})


@login_required
def item_detail(request: HttpRequest, item_pk: int) -> HttpResponse:
    """One item across all trusts the user sees, every period, with its history."""
    item = Item.objects.visible_or_404(request.user, item_pk)
    reports = Report.objects.visible_to(request.user)
    entries = (ReportEntry.objects.filter(item=item, report__in=reports)
               .select_related("report__organisation", "report__period", "updated_by")
               .order_by("report__period__admin_deadline", "report__organisation__name"))
    events = history.item_history(item, reports)
    if request.GET.get("format") == "csv":
        response = HttpResponse(history.to_csv(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="historikk-krav-{item.pk}.csv"'
        return response
    missing = item.recipients.filter(pk__in=visible_organisation_ids(request.user)).exclude(
        pk__in=[e.report.organisation_id for e in entries if e.status and e.report.is_sent]
    ).order_by("name")
    return render(request, "followup/item.html", {"item": item, "entries": entries, "events": events,
                                                  "missing": missing})
