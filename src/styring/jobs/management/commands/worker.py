"""``styring worker``: run the background tasks (consolidated reports, large exports and imports).

With ``STYRING_TASKS=db`` (the default) it is django-tasks' database worker; with ``STYRING_TASKS=rq``
an RQ worker on Redis (``REDIS_URL``). ``styring serve`` starts one beside the web server unless told
not to (``--no-worker``, or ``STYRING_TASKS=rq``: there the worker is a service of its own).

The database worker outlives a database outage (a failover, a restart, dropped connections): it
closes its connections, waits (1, 2, 4 … up to 30 s, said in the log) and carries on. On start and
every minute it sweeps the jobs whose worker died under them (``jobs.services.sweep``) and runs the
scheduled work that is due (``jobs.schedule``: reminders, pruning), each once per installation however
many workers run."""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import TextIO, cast

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import DatabaseError, connections

from styring.jobs.schedule import run_due
from styring.jobs.services import sweep

log = logging.getLogger("styring.worker")
SWEEP_SECONDS = 60


class _Sweeper(threading.Thread):
    """Sweeps the abandoned jobs and runs the scheduled work every minute, beside the worker (a
    connection of its own)."""

    def __init__(self, every: float) -> None:
        super().__init__(name="job-sweeper", daemon=True)
        self.every, self.stopped = every, threading.Event()

    def run(self) -> None:
        _scheduled_once()
        while not self.stopped.wait(self.every):
            _sweep_once()
            _scheduled_once()
        _close_connections()


def _sweep_once() -> None:
    try:
        if count := sweep():
            log.warning("%s jobb(er) uten arbeider er startet på nytt eller markert som feilet", count)
    except DatabaseError as exc:
        log.warning("Fant ikke jobbene uten arbeider nå (%s); prøver igjen senere", exc)
        _close_connections()


def _scheduled_once() -> None:
    try:
        if ran := run_due():
            log.warning("Planlagt arbeid kjørt: %s", ", ".join(ran))
    except DatabaseError as exc:
        log.warning("Fant ikke det planlagte arbeidet nå (%s); prøver igjen senere", exc)
        _close_connections()


def _close_connections() -> None:
    with contextlib.suppress(DatabaseError):  # closing a connection the server already dropped
        connections.close_all()


def run_database_worker(*, interval: float, batch: bool, verbosity: int, stdout: OutputWrapper, stderr: OutputWrapper) -> None:
    """django-tasks' database worker, started again after a lost database connection (with back-off)."""
    from django_tasks.utils import get_random_id
    from django_tasks_db.management.commands.db_worker import Command as DbWorker
    from django_tasks_db.management.commands.db_worker import Worker

    # a command's OutputWrapper stands in for the text stream a command is given
    DbWorker(stdout=cast(TextIO, stdout), stderr=cast(TextIO, stderr)).configure_logging(verbosity)
    worker = Worker(queue_names=["default"], interval=interval, batch=batch, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id=get_random_id())
    worker.configure_signals()
    delay, last_failure = 1.0, 0.0
    while worker.running:
        try:
            _sweep_once()
            worker.run()
            return  # batch mode: nothing more to run
        except DatabaseError as exc:
            if time.monotonic() - last_failure > 120:  # a new outage: start the back-off again
                delay = 1.0
            last_failure = time.monotonic()
            log.error("Mistet forbindelsen til databasen (%s); prøver igjen om %.0f s", str(exc).strip(), delay)
            _close_connections()
            worker.running_task = False
            time.sleep(delay)
            delay = min(delay * 2, 30.0)


class Command(BaseCommand):
    help = "Kjører bakgrunnsjobbene (samlede rapporter, store eksporter og importer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true",
                            help="kjør jobbene som venter, og avslutt (database-køen)")
        parser.add_argument("--interval", type=float, default=1.0, help="sekunder mellom hver titt i køen")

    def handle(self, *args, batch: bool, interval: float, verbosity: int, **options) -> None:
        backend = getattr(settings, "STYRING_TASKS", "db")
        if backend not in ("db", "rq"):
            raise CommandError(f"STYRING_TASKS={backend}: oppgavene kjøres i forespørselen, ingen arbeider trengs.")
        sweeper = None
        if not batch:
            sweeper = _Sweeper(getattr(settings, "STYRING_JOB_SWEEP_SECONDS", SWEEP_SECONDS))
            sweeper.start()
        try:
            if backend == "db":
                run_database_worker(interval=interval, batch=batch, verbosity=verbosity, stdout=self.stdout,
                                    stderr=self.stderr)
            else:
                _sweep_once()
                call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=batch,
                             verbosity=verbosity)
        finally:
            if sweeper is not None:
                sweeper.stopped.set()
