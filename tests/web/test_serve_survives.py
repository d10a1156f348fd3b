"""Production-like (DEBUG off, ``styring serve`` with its worker as a subprocess): the site outlives a
database that drops every connection (a failover, a restart) and a task worker killed with ``kill -9``;
the worker is started again, reconnects, and the job it was running ends (run again, here)."""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from styring.jobs.models import Job
from styring.jobs.services import start
from tests.jobs.tasks import crawl

pytestmark = pytest.mark.django_db(transaction=True)


class Served:
    def __init__(self, process: subprocess.Popen, base: str, cookie: str, log: Path):
        self.process, self.base, self.cookie, self.log = process, base, cookie, log

    def get(self, path: str, timeout: float = 5) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, headers={"Cookie": self.cookie})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:  # refused, reset, timed out
            return 0, ""

    def wait_for(self, check, what: str, timeout: float = 30) -> float:
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if check():
                return time.monotonic() - began
            assert self.process.poll() is None, f"styring serve ended: {self.log.read_text()[-3000:]}"
            time.sleep(0.1)
        raise AssertionError(f"{what} not within {timeout} s; log: {self.log.read_text()[-3000:]}")

    def job_status(self, job: Job) -> str:
        return self.get(reverse("jobs:status", args=[job.pk]))[1]

    def worker_pids(self) -> set[int]:
        """The ``styring worker`` processes ``serve`` started (its children)."""
        pids = set()
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
                    cmdline = (proc / "cmdline").read_bytes().split(b"\0")
                except (OSError, IndexError, ValueError):
                    continue
                if ppid == self.process.pid and b"worker" in cmdline:
                    pids.add(int(proc.name))
        return pids


def _free_port() -> int:
    if port := os.environ.get("STYRING_TEST_SERVE_PORT"):
        return int(port)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp_path: Path) -> str:
    """The test database, as the server subprocess reaches it (SQLite: a file copy of the in-memory one)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.ensure_connection()
    target = tmp_path / "styring.sqlite3"
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{target}"


def _static_manifest(static_root: Path) -> None:
    """The manifest production's static storage reads, naming each static file as itself: pages render
    without the minutes ``collectstatic`` takes (this test is not about static files)."""
    from django.contrib.staticfiles import finders

    paths = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            name = "/".join(filter(None, [getattr(storage, "prefix", None), path.replace(os.sep, "/")]))
            paths[name] = name
    static_root.mkdir(parents=True, exist_ok=True)
    (static_root / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))


@pytest.fixture
def served(tmp_path, client, make_user):
    """``styring serve`` on a free port over the test database, logged in as a Helse Nord staff member."""
    client.force_login(make_user("HN", "owner_staff"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "STYRING_INSECURE_DEV_KEY"}}
    log = tmp_path / "serve.log"
    _static_manifest(tmp_path / "var" / "static")

    def serve() -> Served:
        env.update(
            SECRET_KEY=settings.SECRET_KEY, DEBUG="0", DATABASE_URL=_database_url(tmp_path),
            STYRING_VAR=str(tmp_path / "var"), STYRING_TASKS="db", WEB_CONCURRENCY="2", GUNICORN_ACCESS_LOG="",
            STYRING_JOB_HEARTBEAT_SECONDS="0.3", STYRING_JOB_STALE_SECONDS="2", STYRING_JOB_SWEEP_SECONDS="0.5",
            DB_CONN_MAX_AGE="60", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
        with log.open("wb") as out:
            process = subprocess.Popen([sys.executable, "-m", "styring.cli", "serve", f"127.0.0.1:{port}"],
                                       env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        served = Served(process, f"http://127.0.0.1:{port}", cookie, log)
        started.append(served)
        served.wait_for(lambda: served.get("/")[0] == 200, "the home page", timeout=60)
        return served

    started: list[Served] = []
    yield serve
    for s in started:
        if s.process.poll() is None:
            os.killpg(s.process.pid, signal.SIGTERM)
            try:
                s.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(s.process.pid, signal.SIGKILL)
                s.process.wait()


def test_the_web_outlives_its_worker_killed_and_the_job_is_run_again(served, tmp_path):
    user = Job._meta.get_field("user").related_model.objects.get()
    gate = tmp_path / "gate"  # the job waits, running, until the worker under it is killed
    job = start(user, crawl, kind=Job.Kind.EXPORT, title="Eksport som avbrytes", steps=2, pause=0.1, gate=str(gate))
    site = served()
    site.wait_for(lambda: "Pågår" in site.job_status(job), "the job running")
    (worker,) = site.worker_pids()
    os.kill(worker, signal.SIGKILL)
    gate.touch()

    for _ in range(20):  # the next two seconds: the site answers every request, and serve keeps running
        assert site.get("/")[0] == 200
        time.sleep(0.1)
    assert site.process.poll() is None
    site.wait_for(lambda: site.worker_pids() - {worker}, "a new worker", timeout=10)
    site.wait_for(lambda: "Ferdig" in site.job_status(job) or "Jobben feilet" in site.job_status(job),
                  "the job ended", timeout=30)
    assert "Ferdig" in site.job_status(job)  # (SQLite: the server has a copy of the database; ask it)
    assert site.get(reverse("jobs:download", args=[job.pk])) == (200, "ferdig i forsøk 2")  # run again once, finished once
    log = site.log.read_text()
    assert "Bakgrunnsarbeideren stoppet (kode -9); starter den igjen om 1 s. Nettstedet kjører videre." in log
    assert "Bakgrunnsarbeideren er startet igjen" in log


def test_the_site_answers_again_soon_after_the_database_drops_every_connection(served):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend drops a PostgreSQL server's connections; SQLite has no server to lose")
    site = served()
    answers: list[tuple[float, int]] = []
    stop = threading.Event()

    def load() -> None:  # pages that read the database (the session, the user, the jobs)
        while not stop.is_set():
            answers.append((time.monotonic(), site.get(reverse("jobs:list"))[0]))

    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        site.wait_for(lambda: sum(1 for _, code in answers if code == 200) >= 10, "the site under load")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            assert cursor.fetchone()[0] >= 2  # the web workers' and the task worker's connections
        dropped = time.monotonic()
        site.wait_for(lambda: sum(1 for when, code in answers if when > dropped + 0.5 and code == 200) >= 10,
                      "the site answering again", timeout=10)
        back = time.monotonic()
        time.sleep(1.5)
    finally:
        stop.set()
        for t in threads:
            t.join()
    after = [code for when, code in answers if when > back]
    assert after and set(after) == {200}, after  # recovered for good, not by chance
    assert site.process.poll() is None

    # the task worker reconnected too: a job started now is run
    user = Job._meta.get_field("user").related_model.objects.get()
    job = start(user, crawl, kind=Job.Kind.EXPORT, title="Eksport etter omstart", steps=1, pause=0)
    site.wait_for(lambda: "Ferdig" in site.job_status(job), "the job after the drop", timeout=15)
