"""``styring serve [ADDR:PORT]``: run Styring under gunicorn (the production entry point), with the
background worker (``styring worker``) beside it when the tasks wait in the database (the default).

With a worker, this command is a small supervisor of the two processes: Ctrl-C or SIGTERM (a
container stopping) stops both. The web server never depends on the worker: if the worker ends (a
crash, ``kill -9``, a lost database) it is started again after 1, 2, 4 … up to 60 seconds (back to 1
once it has run a minute), and the log says so each time; the jobs it left are taken up by the sweep
(``jobs.services.sweep``). If the web server ends, the worker is stopped too. With
``STYRING_TASKS=rq`` the worker is a service of its own (compose.yaml), and ``--no-worker`` (or
``STYRING_WEB_ONLY=1``, for the web nodes behind a balancer) leaves it out; gunicorn then runs in this
process as before."""
from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from types import FrameType

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

log = logging.getLogger("styring.serve")
RESTART_MAX_SECONDS = 60.0
STEADY_SECONDS = 60.0  # a worker that ran this long before it ended starts again at once (after 1 s)


def supervise(web: list[str], worker: list[str], *, grace: float = 30) -> int:
    """Run the web server and the worker side by side until the web server ends or this process is
    told to stop; restart the worker whenever it ends. Then stop both (SIGTERM, then SIGKILL after
    ``grace`` seconds). Returns the web server's exit code (0 when stopped by a signal)."""
    # Each in a session of its own: Ctrl-C reaches only this process, which stops them once, cleanly.
    # our own commands (this interpreter running gunicorn and the worker), never user input
    server = subprocess.Popen(web, start_new_session=True)  # noqa: S603
    helper: subprocess.Popen | None = subprocess.Popen(worker, start_new_session=True)  # noqa: S603
    started, delay, restart_at = time.monotonic(), 1.0, 0.0
    stopping: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping and server.poll() is None:
            if helper is not None and helper.poll() is not None:
                if time.monotonic() - started > STEADY_SECONDS:
                    delay = 1.0
                log.error("Bakgrunnsarbeideren stoppet (kode %s); starter den igjen om %.0f s. Nettstedet kjører "
                          "videre.", helper.returncode, delay)
                helper, restart_at = None, time.monotonic() + delay
                delay = min(delay * 2, RESTART_MAX_SECONDS)
            if helper is None and time.monotonic() >= restart_at:
                helper, started = subprocess.Popen(worker, start_new_session=True), time.monotonic()  # noqa: S603
                log.warning("Bakgrunnsarbeideren er startet igjen (prosess %s).", helper.pid)
            time.sleep(0.2)
        running = [p for p in (server, helper) if p is not None]
        for p in running:
            if p.poll() is None:
                p.terminate()
        deadline = time.monotonic() + grace
        for p in running:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopping else (server.returncode or 0)


class Command(BaseCommand):
    help = "Starter Styring med gunicorn (innstillinger i styring/gunicorn_conf.py) og bakgrunnsarbeideren."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, help="antall prosesser (standard: én per CPU, minst 2)")
        parser.add_argument("--threads", type=int, help="tråder per prosess (standard: 1)")
        parser.add_argument("--no-worker", action="store_true",
                            help="ikke start bakgrunnsarbeideren (den kjøres som egen tjeneste)")

    def handle(self, *args: object, addrport: str, workers: int | None, threads: int | None, no_worker: bool,
               **options: object) -> None:
        argv = ["gunicorn", "--config", "python:styring.gunicorn_conf", "--bind", addrport]
        if workers:
            argv += ["--workers", str(workers)]
        if threads:
            argv += ["--threads", str(threads)]
        if no_worker or getattr(settings, "STYRING_WEB_ONLY", False) or getattr(settings, "STYRING_TASKS", "db") != "db":
            from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

            sys.argv = argv
            run()
            return
        code = supervise([sys.executable, "-m", *argv], [sys.executable, "-m", "styring.cli", "worker", "-v", "1"])
        if code:
            sys.exit(code)
