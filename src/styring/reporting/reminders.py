"""Who is reminded of which deadline, and the reminder mail (``styring remind`` runs it daily).

Whom a deadline reminds is part of its step's row in ``transitions.TRANSITIONS`` (``Reminds``): the
trust's members in the row's role whom its ``who`` lets take the step, before the period's deadline
and again once it has passed, while the report has not met it (``PeriodDeadline.met_by``). Each
reminder goes once to each user per report, kind and deadline (a ``Reminder`` row), so running it
twice a day sends nothing new. The mail is rendered from templates (subject, text and HTML), as
healthchecks' ``hc/lib/emails.py`` does.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from styring.accounts.models import Membership
from styring.organisations.models import Organisation
from styring.reporting.models import PeriodDeadline, Reminder, Report, ReportingPeriod
from styring.reporting.scope import ensure_report, expected_trusts
from styring.reporting.transitions import TRANSITIONS, Transition


@dataclass(frozen=True)
class Due:
    """One reminder to send: ``user`` is to take ``step`` on ``report`` by ``deadline``."""

    report: Report
    user: User
    step: Transition
    deadline: PeriodDeadline
    kind: str  # ``ReminderKind``: before the deadline or after it

    def when(self, today: dt.date) -> str:
        """The deadline from ``today``, in words ("om 7 dager", "for 10 dager siden" …)."""
        days = (self.deadline.date - today).days
        if days > 1:
            return f"om {days} dager"
        if days == 1:
            return "i morgen"
        return "i dag" if days == 0 else f"for {-days} dager siden"


def due(today: dt.date, *, days: int = 7, overdue_days: int = 30) -> Iterator[Due]:
    """Every reminder due ``today``: deadlines up to ``days`` ahead, and passed ones up to
    ``overdue_days`` back, of the steps whose rows say whom they remind. Creates the reports that
    are reminded of (as opening them would)."""
    reminding = [t for t in TRANSITIONS.values() if t.reminds is not None]
    all_orgs = set(Organisation.objects.values_list("pk", flat=True))
    window_start, window_end = today - dt.timedelta(days=overdue_days), today + dt.timedelta(days=days)
    periods = ReportingPeriod.objects.select_related("issuer").filter(year__gte=window_start.year - 1)
    for period in periods:
        checks = [d for d in period.deadlines() if window_start <= d.date <= window_end]
        if not checks:
            continue
        for org in expected_trusts(period, all_orgs):
            report = None
            for deadline in checks:
                for step in reminding:
                    reminds = step.reminds
                    if reminds is None or reminds.deadline != deadline.kind:
                        continue
                    kind = reminds.upcoming if deadline.date >= today else reminds.overdue
                    users = [m.user for m in Membership.objects.filter(organisation=org, role=reminds.role)
                             .select_related("user") if m.user.email and m.user.is_active]
                    if not users:
                        continue
                    report = report or ensure_report(org, period)
                    if deadline.met_by(report.status):
                        continue
                    yield from (Due(report, user, step, deadline, kind) for user in users if step.who(user, report))


def send(reminder: Due, today: dt.date, base_url: str = "") -> bool:
    """Send ``reminder`` unless it was sent before (False then)."""
    report, user = reminder.report, reminder.user
    try:
        with transaction.atomic():
            Reminder.objects.create(report=report, user=user, kind=reminder.kind, deadline=reminder.deadline.date,
                                    recipients=user.email)
    except IntegrityError:
        return False  # already reminded
    passed = reminder.deadline.date < today
    send_mail("reporting/emails/reminder", user.email, {
        "reminder": reminder, "report": report, "user": user, "step": reminder.step,
        "deadline": reminder.deadline, "when": reminder.when(today), "passed": passed,
        "name": user.get_full_name() or user.username,
        "link": base_url.rstrip("/") + reverse("reporting:detail", args=[report.pk]),
    })
    return True


def send_mail(template: str, to: str, context: dict) -> None:
    """The mail ``template``: ``<template>-subject.txt`` (one line), ``-body.txt`` and ``-body.html``."""
    subject = " ".join(render_to_string(f"{template}-subject.txt", context).split())
    text = render_to_string(f"{template}-body.txt", context)
    html = render_to_string(f"{template}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
