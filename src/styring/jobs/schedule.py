"""Scheduled work, once per installation however many workers run it.

Every worker (``styring worker``, on any machine) looks every minute at :data:`SCHEDULE`; for each
piece of work whose time of day has come, it tries to claim today's slot by inserting a
:class:`~styring.jobs.models.ScheduledRun` row. The database's unique (task, slot) pair lets exactly
one claimant win; the others see the row and do nothing. So N workers send the reminders once a day
and prune the old job results once a day. The reminders are sent only where mail is configured
(``STYRING_SEND_REMINDERS``, on when ``EMAIL_HOST`` is set): the demo and a test server send none. A run that fails is recorded with its error and is not
tried again until the next slot (the reminders are idempotent per user and deadline anyway)."""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from styring.jobs.models import ScheduledRun

log = logging.getLogger("styring.schedule")


@dataclass(frozen=True)
class Scheduled:
    name: str
    at: dt.time  # local time of day from which today's run is due
    run: Callable[[], object]
    setting: str = ""  # the setting that turns it on, when it is not always on

    @property
    def enabled(self) -> bool:
        return not self.setting or bool(getattr(settings, self.setting, False))

    def slot(self, now: dt.datetime) -> str | None:
        """Today's slot if its time has come (local time), else None."""
        local = timezone.localtime(now)
        return local.date().isoformat() if local.time() >= self.at else None


def _remind() -> None:
    call_command("remind", base_url=getattr(settings, "STYRING_BASE_URL", ""), verbosity=0)


def _prune() -> None:
    from styring.jobs.services import prune

    prune()


SCHEDULE: list[Scheduled] = [
    Scheduled("prune_jobs", dt.time(3, 0), _prune),
    Scheduled("remind", dt.time(6, 0), _remind, "STYRING_SEND_REMINDERS"),
]


def node_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def claim(task: str, slot: str) -> ScheduledRun | None:
    """This process's claim on (task, slot), or None when another claimant has it already."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(task=task, slot=slot, node=node_name())
    except IntegrityError:
        return None


def run_due(now: dt.datetime | None = None, schedule: list[Scheduled] | None = None) -> list[str]:
    """Run the scheduled work that is due and not yet claimed by anyone; returns what this process ran."""
    if not getattr(settings, "STYRING_SCHEDULED_WORK", True):
        return []
    now = now or timezone.now()
    ran = []
    for item in SCHEDULE if schedule is None else schedule:
        slot = item.slot(now)
        if not item.enabled or slot is None or ScheduledRun.objects.filter(task=item.name, slot=slot).exists():
            continue
        run = claim(item.name, slot)
        if run is None:
            continue
        error = ""
        try:
            item.run()
        except Exception as exc:  # recorded and logged; the worker and the other work carry on
            log.exception("Planlagt arbeid %s (%s) feilet", item.name, slot)
            error = f"{type(exc).__name__}: {exc}"[:5000]
        ScheduledRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), error=error)
        ran.append(item.name)
    return ran
