"""``styring serve [ADDR:PORT]``: run Styring under gunicorn (the production entry point)."""
from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Starter Styring med gunicorn (innstillinger i styring/gunicorn_conf.py)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, help="antall prosesser (standard: én per CPU, minst 2)")
        parser.add_argument("--threads", type=int, help="tråder per prosess (standard: 1)")

    def handle(self, *args, addrport, workers, threads, **options):
        from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

        sys.argv = ["gunicorn", "--config", "python:styring.gunicorn_conf", "--bind", addrport]
        if workers:
            sys.argv += ["--workers", str(workers)]
        if threads:
            sys.argv += ["--threads", str(threads)]
        run()
