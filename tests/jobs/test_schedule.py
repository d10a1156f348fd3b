"""Scheduled work runs once per installation: of N workers claiming the same slot, one runs it."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from styring.jobs.models import Job, ScheduledRun
from styring.jobs.schedule import SCHEDULE, Scheduled, claim, run_due
from styring.jobs.services import prune

OSLO_MORNING = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)  # 08:00 in Oslo


def test_the_schedule_names_the_reminders_and_the_pruning():
    assert {item.name for item in SCHEDULE} == {"remind", "prune_jobs"}


def test_a_slot_is_run_once_per_day(db):
    runs: list[str] = []
    item = Scheduled("test", dt.time(6, 0), lambda: runs.append("ran"))
    assert run_due(OSLO_MORNING, schedule=[item]) == ["test"]
    run = ScheduledRun.objects.get()
    assert (run.task, run.slot, run.error) == ("test", "2026-03-02", "") and run.finished_at is not None
    assert run_due(OSLO_MORNING + dt.timedelta(hours=3), schedule=[item]) == [] and runs == ["ran"]  # same day
    assert run_due(OSLO_MORNING + dt.timedelta(days=1), schedule=[item]) == ["test"] and len(runs) == 2


WORKER = """
import datetime as dt, sys, threading, time
import django
django.setup()
from styring.jobs import schedule
from styring.jobs.management.commands.worker import _Sweeper

runs = []
schedule.SCHEDULE = [schedule.Scheduled("test", dt.time(0, 0), lambda: runs.append(1))]
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # all workers start together
sweeper = _Sweeper(0.05)
sweeper.start()
time.sleep(1.5)  # about thirty rounds each
sweeper.stopped.set()
sweeper.join(10)
print(len(runs))
"""


@pytest.mark.django_db(transaction=True)
def test_four_worker_processes_run_the_scheduled_work_once(tmp_path):
    from tests.web.test_serve_survives import _database_url

    url = _database_url(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "styring.settings_test", "DATABASE_URL": url}
    start = str(time.time() + 10)
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, start], env={**env, "STYRING_VAR": str(tmp_path / f"w{i}")},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), [err[-2000:] for _, err in outputs]
    runs = sorted(int(out.strip().splitlines()[-1]) for out, _ in outputs)
    assert runs == [0, 0, 0, 1]  # one worker ran it; the three others found the slot taken
    if connection.vendor == "postgresql":
        assert list(ScheduledRun.objects.values_list("task", flat=True)) == ["test"]
    else:  # the workers shared a file copy of the test database
        with sqlite3.connect(url.removeprefix("sqlite:///")) as copy:
            assert copy.execute("SELECT task FROM jobs_scheduledrun").fetchall() == [("test",)]


def test_nothing_runs_before_its_time_and_a_failure_is_recorded(db, settings):
    def fail() -> None:
        raise RuntimeError("ingen e-posttjener")

    item = Scheduled("remind", dt.time(9, 0), fail)
    assert run_due(OSLO_MORNING, schedule=[item]) == [] and not ScheduledRun.objects.exists()  # 08:00 < 09:00
    assert run_due(OSLO_MORNING + dt.timedelta(hours=1), schedule=[item]) == ["remind"]
    assert ScheduledRun.objects.get().error == "RuntimeError: ingen e-posttjener"
    assert claim("remind", "2026-03-02") is None  # the slot is taken: not tried again today
    settings.STYRING_SCHEDULED_WORK = False
    assert run_due(OSLO_MORNING + dt.timedelta(days=1), schedule=[item]) == []


def test_old_finished_jobs_are_pruned_with_their_files(make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STYRING_JOB_KEEP_DAYS = 30
    user = make_user("HN", "owner_staff")
    now = timezone.now()

    def job(state: str, finished_days_ago: float | None) -> Job:
        made = Job(user=user, kind=Job.Kind.EXPORT, title=state, state=state,
                   finished_at=None if finished_days_ago is None else now - dt.timedelta(days=finished_days_ago))
        made.file.save("mal.xlsx", ContentFile(b"xlsx"), save=False)
        made.save()
        return made

    old, failed, recent, running = (job(Job.State.DONE, 31), job(Job.State.FAILED, 40), job(Job.State.DONE, 2),
                                    job(Job.State.RUNNING, None))
    ScheduledRun.objects.create(task="remind", slot="2024-01-01")
    ScheduledRun.objects.filter(slot="2024-01-01").update(started_at=now - dt.timedelta(days=400))
    assert prune(now=now) == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not old.file.storage.exists(old.file.name) and not failed.file.storage.exists(failed.file.name)
    assert recent.file.storage.exists(recent.file.name) and not ScheduledRun.objects.exists()


def test_the_real_schedule_sends_reminders_and_prunes_without_error(make_user, settings):
    settings.STYRING_BASE_URL, settings.STYRING_SEND_REMINDERS = "https://styring.example.no", False
    assert run_due(OSLO_MORNING) == ["prune_jobs"]  # no mail configured: no reminders (the demo)
    settings.STYRING_SEND_REMINDERS = True
    assert run_due(OSLO_MORNING) == ["remind"]
    assert set(ScheduledRun.objects.values_list("task", "error")) == {("remind", ""), ("prune_jobs", "")}
