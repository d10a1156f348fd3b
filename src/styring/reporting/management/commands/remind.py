"""``styring remind``: e-mail the trusts' members before each deadline and when it has passed.

Run daily (cron). Whom each deadline reminds is in the workflow table (``reporting.reminders``);
each reminder goes once to each user per report, kind and deadline, so running it twice a day
sends nothing new.
"""
from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from styring.reporting import reminders


class Command(BaseCommand):
    help = "Sender påminnelser om rapporteringsfrister (N dager før og når fristen er passert)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Hvor mange dager før fristen (standard 7).")
        parser.add_argument("--overdue-days", type=int, default=30,
                            help="Minn om passerte frister inntil så mange dager etter fristen (standard 30).")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="Dagens dato (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--base-url", default="", help="Adressen til Styring i lenkene, f.eks. https://styring.example.org")

    def handle(self, *args: object, days: int, overdue_days: int, today: dt.date | None, base_url: str, **options: object) -> None:
        today = today or timezone.localdate()
        sent = sum(reminders.send(due, today, base_url)
                   for due in reminders.due(today, days=days, overdue_days=overdue_days))
        self.stdout.write(f"Sendte {sent} påminnelser.")
