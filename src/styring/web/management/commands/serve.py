"""``styring serve [ADDR:PORT]``: run Styring under gunicorn (the production entry point), with the
background worker (``styring worker``) beside it when the tasks wait in the database (the default).

With a worker, this command is a small supervisor of the two processes: Ctrl-C or SIGTERM (a
container stopping) stops both, and if one of them ends the other is stopped too, so a broken worker
is never left unnoticed behind a running web server. With ``STYRING_TASKS=rq`` the worker is a
service of its own (compose.yaml), and ``--no-worker`` leaves it out; gunicorn then runs in this
process as before."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


def supervise(commands: list[list[str]], *, grace: float = 30) -> int:
    """Run the commands side by side until one ends or this process is told to stop; then stop the
    others (SIGTERM, then SIGKILL after ``grace`` seconds). Returns the exit code of the first to end."""
    # Each in a session of its own: Ctrl-C reaches only this process, which stops them once, cleanly.
    processes = [subprocess.Popen(command, start_new_session=True) for command in commands]
    stopping: list[int] = []

    def stop(signum: int, frame) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(0.2)
        first = next((p for p in processes if p.returncode is not None), None)
        for p in processes:
            if p.poll() is None:
                p.terminate()
        deadline = time.monotonic() + grace
        for p in processes:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if first is None else (first.returncode or 0)


class Command(BaseCommand):
    help = "Starter Styring med gunicorn (innstillinger i styring/gunicorn_conf.py) og bakgrunnsarbeideren."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, help="antall prosesser (standard: én per CPU, minst 2)")
        parser.add_argument("--threads", type=int, help="tråder per prosess (standard: 1)")
        parser.add_argument("--no-worker", action="store_true",
                            help="ikke start bakgrunnsarbeideren (den kjøres som egen tjeneste)")

    def handle(self, *args, addrport, workers, threads, no_worker, **options):
        argv = ["gunicorn", "--config", "python:styring.gunicorn_conf", "--bind", addrport]
        if workers:
            argv += ["--workers", str(workers)]
        if threads:
            argv += ["--threads", str(threads)]
        if no_worker or getattr(settings, "STYRING_TASKS", "db") != "db":
            from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

            sys.argv = argv
            run()
            return
        code = supervise([[sys.executable, "-m", *argv], [sys.executable, "-m", "styring.cli", "worker", "-v", "1"]])
        if code:
            sys.exit(code)
