"""``styring serve [ADDR:PORT]``: run Styring under gunicorn (the production entry point)."""
from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Starter Styring med gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", "4")))

    def handle(self, *args, addrport, workers, threads, **options):
        from gunicorn.app.wsgiapp import run

        sys.argv = [
            "gunicorn", "styring.wsgi:application", "--bind", addrport,
            "--workers", str(workers), "--threads", str(threads), "--access-logfile", "-",
        ]
        run()
