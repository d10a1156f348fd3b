"""Scheduled work runs once per installation: of N workers claiming the same slot, one runs it."""
from __future__ import annotations

import datetime as dt
import threading

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


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_run_a_slot_once():
    runs: list[str] = []
    item = Scheduled("test", dt.time(6, 0), lambda: runs.append(threading.current_thread().name))
    start = threading.Barrier(4)
    results: dict[str, list[str]] = {}

    def worker(name: str) -> None:
        try:
            start.wait()
            results[name] = run_due(OSLO_MORNING, schedule=[item])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",), name=f"w{i}") for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 4 and len(runs) == 1
    assert sorted(results.values()) == [[], [], [], ["test"]] and results[runs[0]] == ["test"]
    run = ScheduledRun.objects.get()
    assert (run.task, run.slot, run.error) == ("test", "2026-03-02", "") and run.finished_at is not None
    assert run_due(OSLO_MORNING + dt.timedelta(hours=3), schedule=[item]) == [] and len(runs) == 1  # same day
    assert run_due(OSLO_MORNING + dt.timedelta(days=1), schedule=[item]) == ["test"] and len(runs) == 2


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
