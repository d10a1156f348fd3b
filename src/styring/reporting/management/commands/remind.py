"""``styring remind``: e-mail reporters and approvers before each deadline and when it has passed.

Run daily (cron). Each reminder goes once to each user per report, kind and deadline (recorded as
a ``Reminder``), so running it twice a day sends nothing new.

- administrative deadline: the trust's reporters, while the report is not sent;
- board deadline: the trust's approvers, while the report is not board-approved.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from styring.accounts.models import Membership, Role
from styring.organisations.models import Organisation
from styring.reporting.models import PeriodDeadline, Reminder, ReminderKind, ReportingPeriod
from styring.reporting.scope import ensure_report, expected_trusts

# who is reminded of each kind of deadline, and with which reminder before and after it
REMINDED = {
    "admin": (Role.REPORTER, ReminderKind.ADMIN_UPCOMING, ReminderKind.ADMIN_OVERDUE),
    "board": (Role.APPROVER, ReminderKind.BOARD_UPCOMING, ReminderKind.BOARD_OVERDUE),
}


class Command(BaseCommand):
    help = "Sender påminnelser om rapporteringsfrister (N dager før og når fristen er passert)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Hvor mange dager før fristen (standard 7).")
        parser.add_argument("--overdue-days", type=int, default=30,
                            help="Minn om passerte frister inntil så mange dager etter fristen (standard 30).")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="Dagens dato (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--base-url", default="", help="Adressen til Styring i lenkene, f.eks. https://styring.example.org")

    def handle(self, *args, days: int, overdue_days: int, today, base_url: str, **options):
        today = today or timezone.localdate()
        sent = 0
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
                    role, upcoming, overdue = REMINDED[deadline.kind]
                    kind = upcoming if deadline.date >= today else overdue
                    users = [m.user for m in Membership.objects.filter(organisation=org, role=role).select_related("user")
                             if m.user.email and m.user.is_active]
                    if not users:
                        continue
                    report = report or ensure_report(org, period)
                    if deadline.met_by(report.status):
                        continue
                    for user in users:
                        sent += self._remind(report, user, kind, deadline, today, base_url)
        self.stdout.write(f"Sendte {sent} påminnelser.")

    def _remind(self, report, user, kind: str, period_deadline: PeriodDeadline, today: dt.date, base_url: str) -> int:
        deadline = period_deadline.date
        try:
            with transaction.atomic():
                Reminder.objects.create(report=report, user=user, kind=kind, deadline=deadline, recipients=user.email)
        except IntegrityError:
            return 0  # already reminded
        days_left = (deadline - today).days
        when = (f"om {days_left} dager" if days_left > 1 else "i morgen" if days_left == 1 else "i dag") if days_left >= 0 \
            else f"for {-days_left} dager siden"
        what = period_deadline.label
        verb = "går ut" if days_left >= 0 else "gikk ut"
        subject = f"Påminnelse: {report.period} for {report.organisation.name} – frist {deadline:%d.%m.%Y}"
        link = base_url.rstrip("/") + reverse("reporting:detail", args=[report.pk])
        body = (
            f"Hei {user.get_full_name() or user.username},\n\n"
            f"Fristen for {what} av {report.period} for {report.organisation.name} {verb} {when} "
            f"({deadline:%d.%m.%Y}). Rapporten har status «{report.get_status_display()}».\n\n"
            f"Åpne rapporten: {link}\n\nHilsen Styring\n"
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        return 1
