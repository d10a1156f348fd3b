"""A job whose worker died (kill -9, a crash) does not stay «Pågår» for ever: the sweep queues it once
more when it is safe to build again, or fails it with a Norwegian message; a run that lost its job can
never finish it, so no job is finished twice. (The worker killed for real: web/tests/test_serve_survives.py.)"""
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from styring.jobs.models import Job
from styring.jobs.services import INTERRUPTED, SESSION_KEY, JobError, running, start, sweep
from tests.jobs.tasks import crawl

pytestmark = pytest.mark.django_db


def _died(job: Job, *, attempts: int = 1, seconds_ago: int = 600) -> None:
    """What a worker killed under the job leaves behind: the job and its task running, no heartbeat since."""
    then = timezone.now() - dt.timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=attempts, started_at=then,
                                         heartbeat_at=then, progress=10, step="Henter rapportene")
    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=then)


def test_an_export_whose_worker_died_is_run_again_once_and_finishes(
        client, make_user, cycle, start_job, run_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("HN", "owner_staff"))
    start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]), {"format": "docx"})
    job = Job.objects.get()
    first_task = job.task_id
    _died(job)
    assert sweep() == 1

    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.attempts == 1 and job.task_id != first_task
    assert DBTaskResult.objects.get(id=first_task).status == "FAILED"  # the dead run's task, not running for ever
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    page = client.get(reverse("jobs:detail", args=[job.pk])).text
    assert "Bakgrunnsarbeideren stoppet mens jobben pågikk, så den er startet på nytt" in page
    assert "forsøk 2 av 2" in page

    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.attempts == 2 and job.file
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200

    _died(job, attempts=2)  # a finished job is never touched; a live heartbeat keeps the job its run's
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    assert sweep() == 0


def test_a_job_that_may_not_run_again_fails_with_a_message_on_its_page_and_the_start_page(
        client, make_user, cycle, start_job, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("HN", "owner_staff"))
    start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]), {"format": "docx"})
    export = Job.objects.get()
    _died(export, attempts=2)  # its second run died too: no third
    importing = Job.objects.create(user=export.user, kind=Job.Kind.IMPORT, title="Import av «stor.pdf»")
    _died(importing)  # an import may have saved before its worker died: never run again
    session = client.session
    session[SESSION_KEY] = [export.pk, importing.pk]
    session.save()

    # no worker runs at all: the job page itself gives the job up
    page = client.get(reverse("jobs:detail", args=[importing.pk])).text
    assert "Jobben feilet" in page and INTERRUPTED in page and "Pågår" not in page
    importing.refresh_from_db()
    assert importing.state == Job.State.FAILED and importing.finished_at

    assert sweep() == 1
    export.refresh_from_db()
    assert export.state == Job.State.FAILED and export.error == INTERRUPTED
    home = client.get("/").text
    assert f"«{export.title}» feilet: Jobben ble avbrutt" in home.replace("&laquo;", "«").replace("&raquo;", "»")
    assert home.count("feilet: Jobben ble avbrutt fordi bakgrunnsarbeideren stoppet underveis") == 1  # the export


def test_a_job_is_claimed_once_and_a_run_that_lost_it_cannot_finish_it(make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = make_user("HN", "owner_staff")
    job = start(user, crawl, kind=Job.Kind.EXPORT, title="Eksport", steps=1, pause=0)
    assert job.task_path == "tests.jobs.tasks.crawl" and job.task_kwargs == {"steps": 1, "pause": 0}
    with running(job.pk) as run:
        with pytest.raises(JobError, match="kjøres allerede"), running(job.pk):  # a second worker on the same task
            pass
        Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
        assert sweep() == 1  # this run looked dead: the job is queued again for a new run
        run.finish(b"sent resultat", "gammel.txt", "text/plain")  # refused, quietly
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and not job.file and job.attempts == 1
    assert not list((tmp_path / "media").rglob("gammel*.txt"))  # the lost run's file is not left behind

    with running(job.pk) as run:  # the new run holds attempt 2 and finishes
        run.finish(b"nytt resultat", "ny.txt", "text/plain")
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.attempts == 2 and job.file.read() == b"nytt resultat"


@pytest.mark.django_db(transaction=True)
def test_a_running_job_beats_and_is_not_swept(make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STYRING_JOB_HEARTBEAT_SECONDS = 0.05
    settings.STYRING_JOB_STALE_SECONDS = 0.5
    job = start(make_user("HN", "owner_staff"), crawl, kind=Job.Kind.EXPORT, title="Eksport")
    with running(job.pk) as run:
        started = Job.objects.get(pk=job.pk).heartbeat_at
        deadline = time.monotonic() + 5
        while Job.objects.get(pk=job.pk).heartbeat_at == started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Job.objects.get(pk=job.pk).heartbeat_at > started  # the thread beside the work beats
        time.sleep(0.6)  # longer than the stale time, with no progress reported: still alive
        assert sweep() == 0
        run.finish(b"ok", "ok.txt", "text/plain")
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE
