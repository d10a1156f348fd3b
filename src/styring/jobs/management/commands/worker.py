"""``styring worker``: run the background tasks (consolidated reports, large exports and imports).

With ``STYRING_TASKS=db`` (the default) it is django-tasks' database worker; with ``STYRING_TASKS=rq``
an RQ worker on Redis (``REDIS_URL``). ``styring serve`` starts one beside the web server unless told
not to (``--no-worker``, or ``STYRING_TASKS=rq``: there the worker is a service of its own)."""
from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Kjører bakgrunnsjobbene (samlede rapporter, store eksporter og importer)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="kjør jobbene som venter, og avslutt (database-køen)")
        parser.add_argument("--interval", type=float, default=1.0, help="sekunder mellom hver titt i køen")

    def handle(self, *args, batch: bool, interval: float, verbosity: int, **options):
        backend = getattr(settings, "STYRING_TASKS", "db")
        if backend == "db":
            call_command("db_worker", queue_name="default", interval=interval, batch=batch, reload=False,
                         startup_delay=False, verbosity=verbosity)
        elif backend == "rq":
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=batch, verbosity=verbosity)
        else:
            raise CommandError(f"STYRING_TASKS={backend}: oppgavene kjøres i forespørselen, ingen arbeider trengs.")
