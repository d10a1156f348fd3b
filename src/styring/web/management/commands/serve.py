"""``styring serve [ADDR:PORT]``: run Styring under gunicorn (the production entry point), with the
background worker beside it (``styring worker``) when the tasks wait in the database (the default).

Ctrl-C stops both: the terminal sends it to the worker as well, and the worker is also stopped when
gunicorn exits (SIGTERM in a container). With ``STYRING_TASKS=rq`` the worker is a service of its
own (compose.yaml), and ``--no-worker`` leaves it out."""
from __future__ import annotations

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


def start_worker() -> subprocess.Popen:
    """``styring worker`` as a child process, stopped when this process exits (not when a forked
    gunicorn worker does: it inherits the exit handler, so the handler checks whose it is)."""
    process = subprocess.Popen([sys.executable, "-m", "styring.cli", "worker", "-v", "1"])
    owner = os.getpid()

    def stop() -> None:
        if os.getpid() != owner or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()

    atexit.register(stop)
    return process


class Command(BaseCommand):
    help = "Starter Styring med gunicorn (innstillinger i styring/gunicorn_conf.py) og bakgrunnsarbeideren."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, help="antall prosesser (standard: én per CPU, minst 2)")
        parser.add_argument("--threads", type=int, help="tråder per prosess (standard: 1)")
        parser.add_argument("--no-worker", action="store_true",
                            help="ikke start bakgrunnsarbeideren (den kjøres som egen tjeneste)")

    def handle(self, *args, addrport, workers, threads, no_worker, **options):
        from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

        if not no_worker and getattr(settings, "STYRING_TASKS", "db") == "db":
            start_worker()
        sys.argv = ["gunicorn", "--config", "python:styring.gunicorn_conf", "--bind", addrport]
        if workers:
            sys.argv += ["--workers", str(workers)]
        if threads:
            sys.argv += ["--threads", str(threads)]
        run()
