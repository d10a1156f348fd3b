"""Start long work in the background and keep its job up to date.

The request creates a :class:`Job` and enqueues a task (Django's Tasks API through ``django-tasks``;
the backend is ``settings.TASKS``: the database by default, RQ/Redis in production). The task
runs inside :func:`running`, which marks the job running, lets the work report its progress, saves
the result file, and turns any failure into a Norwegian message with nothing half-saved::

    @task()
    def build(job_id: int, code: str) -> None:
        with running(job_id) as job:
            job.advance(30, "Henter rapportene")
            job.finish(data, "rapport.docx", DOCX)

A worker can die under a job (``kill -9``, a crash, a lost machine). Each run claims the job by
raising its ``attempts``; a thread beside the work touches ``heartbeat_at`` every few seconds, and
only the run holding the latest attempt may finish or fail the job. :func:`sweep` (run by the worker
when it starts and every minute, and by the job page) finds running jobs whose heartbeat has stopped:
an export or consolidated report (safe to build again) is queued once more, anything else (an import,
which may have saved) is marked failed with a Norwegian message. So a job ends, and is never finished
twice.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from styring.jobs.models import Job

log = logging.getLogger(__name__)

GENERIC_ERROR = "Noe gikk galt, og ingenting ble lagret. Prøv igjen, eller kontakt brukerstøtte hvis det skjer igjen."
SESSION_KEY = "styring_jobs"  # the user's unfinished jobs, so the next page can say when one is ready
INTERRUPTED = ("Jobben ble avbrutt fordi bakgrunnsarbeideren stoppet underveis. Start den på nytt; "
               "gjelder det en import, se først i dokumentlisten om dokumentet kom inn.")
RETRY_SAFE = {Job.Kind.EXPORT, Job.Kind.CONSOLIDATED}  # builds a file and nothing else: safe to run again
MAX_ATTEMPTS = 2


def heartbeat_seconds() -> float:
    return float(getattr(settings, "STYRING_JOB_HEARTBEAT_SECONDS", 5))


def stale_after() -> dt.timedelta:
    """How long a running job may go without a heartbeat before its worker counts as gone."""
    return dt.timedelta(seconds=float(getattr(settings, "STYRING_JOB_STALE_SECONDS", 60)))


class JobError(Exception):
    """A failure the user can act on; its message (Norwegian) is shown on the job page."""


class Superseded(Exception):
    """This run lost the job: the sweep gave it up (failed, or queued again for another run)."""


def start(request_or_user: HttpRequest | User, task: Task[..., Any], *, kind: str, title: str, source: File | None = None,
          **kwargs: object) -> Job:
    """Create the job and enqueue ``task(job_id, **kwargs)`` once the job is committed. With a request,
    the job is remembered in the session so that the user's next page gives notice when it is ready."""
    user = cast(User, getattr(request_or_user, "user", request_or_user))
    job = Job(user=user, kind=kind, title=title[:300], step="Venter på tur", task_path=task.module_path[:200],
              task_kwargs=kwargs)
    if source is not None:
        job.source.save(getattr(source, "name", "dokument"), source, save=False)

    with transaction.atomic():  # one commit for the job and, in the database queue, its task
        job.save()
        _enqueue(job, task, kwargs)
    session = getattr(request_or_user, "session", None)
    if session is not None:
        session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-19:], job.pk]
    return job


def _enqueue(job: Job, task: Task[..., Any], kwargs: dict) -> None:
    """Enqueue the job's task (inside the caller's transaction)."""
    def enqueue() -> None:
        result = task.enqueue(job.pk, **kwargs)
        job.task_id = str(result.id)[:64]
        Job.objects.filter(pk=job.pk).update(task_id=job.task_id)

    if _queue_in_database(task):
        enqueue()
    else:  # a queue outside the database must not see the job before it is committed
        transaction.on_commit(enqueue)


def _queue_in_database(task: Task[..., Any]) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


class Running:
    """The job as the task sees it: report progress, finish with a file or a link."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.attempt = job.attempts

    def _mine(self):
        """The job, as long as this run still holds it."""
        return Job.objects.filter(pk=self.job.pk, state=Job.State.RUNNING, attempts=self.attempt)

    @property
    def user(self) -> User:
        return self.job.user

    def advance(self, progress: int, step: str = "") -> None:
        self.job.progress = max(0, min(99, int(progress)))
        if step:
            self.job.step = step[:200]
        if not self._mine().update(progress=self.job.progress, step=self.job.step, heartbeat_at=timezone.now()):
            raise Superseded

    def finish(self, data: bytes | None = None, filename: str = "", content_type: str = "", *,
               url: str = "", label: str = "") -> None:
        job = self.job
        if data is not None:
            job.file.save(filename, ContentFile(data), save=False)
            job.filename, job.content_type = filename[:200], content_type[:120]
        job.result_url, job.result_label = url[:300], label[:200]
        job.state, job.progress, job.step, job.finished_at = Job.State.DONE, 100, "Ferdig", timezone.now()
        done = self._mine().update(
            file=job.file.name or "", filename=job.filename, content_type=job.content_type, result_url=job.result_url,
            result_label=job.result_label, state=job.state, progress=100, step=job.step, finished_at=job.finished_at)
        if not done:  # the sweep gave the job to another run (or failed it): this result is not the job's
            if job.file:
                job.file.delete(save=False)
            raise Superseded


class _Heartbeat(threading.Thread):
    """Touches the job's ``heartbeat_at`` every few seconds while its work runs (with a connection of its own)."""

    def __init__(self, handle: Running) -> None:
        super().__init__(name=f"job-{handle.job.pk}-heartbeat", daemon=True)
        self.handle, self.stopped = handle, threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_seconds()):
                try:
                    if not self.handle._mine().update(heartbeat_at=timezone.now()):
                        return
                except DatabaseError as exc:  # the database is away for a moment: try again next beat
                    log.warning("job %s: heartbeat failed (%s)", self.handle.job.pk, exc)
                    connection.close()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


@contextmanager
def running(job_id: int, *, expected: tuple[type[BaseException], ...] = ()) -> Iterator[Running]:
    """Run the body as the job's work. ``JobError`` and the ``expected`` exceptions carry a message
    for the user; any other failure is logged and shown as a general Norwegian error. The work should
    save in one transaction (or not at all) so a failure leaves nothing half-saved; a file the job
    had already stored is removed."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.finished:
        log.warning("job %s already %s; not run again", job.pk, job.state)
        raise JobError("Jobben er allerede ferdig.")
    now = timezone.now()
    # the claim: only one run moves the job from queued to running, and it holds the new attempt
    claimed = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED, attempts=job.attempts).update(
        state=Job.State.RUNNING, started_at=now, heartbeat_at=now, progress=5, step="Starter",
        attempts=F("attempts") + 1)
    if not claimed:
        log.warning("job %s is run by another worker (%s); not run twice", job.pk, job.state)
        raise JobError("Jobben kjøres allerede.")
    job.state, job.started_at, job.heartbeat_at, job.progress, job.step = Job.State.RUNNING, now, now, 5, "Starter"
    job.attempts += 1
    handle = Running(job)
    heartbeat = _Heartbeat(handle)
    heartbeat.start()
    try:
        yield handle
    except Superseded:
        log.warning("job %s: attempt %s gave up, the job was taken over", job.pk, handle.attempt)
    except (JobError, *expected) as exc:  # type: ignore[misc]
        _fail(handle, str(exc) or GENERIC_ERROR)
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(handle, GENERIC_ERROR)
        raise
    else:
        if not job.finished:
            try:
                handle.finish()
            except Superseded:
                log.warning("job %s: attempt %s gave up, the job was taken over", job.pk, handle.attempt)
    finally:
        heartbeat.stop()
        if job.source and job.finished:
            job.source.delete(save=False)
            Job.objects.filter(pk=job.pk).update(source="")


def _fail(handle: Running, message: str) -> None:
    job = handle.job
    if job.file:
        job.file.delete(save=False)
    job.state, job.error, job.finished_at = Job.State.FAILED, message, timezone.now()
    job.filename = job.content_type = job.result_url = ""
    handle._mine().update(state=job.state, error=message, finished_at=job.finished_at, file="", filename="",
                          content_type="", result_url="")


def is_abandoned(job: Job) -> bool:
    """Running, but no sign of life from its worker for ``stale_after()``."""
    last = job.heartbeat_at or job.started_at
    return job.state == Job.State.RUNNING and last is not None and timezone.now() - last > stale_after()


def sweep(*, now: dt.datetime | None = None, jobs: QuerySet[Job] | None = None) -> int:
    """Give up the running jobs whose worker is gone (no heartbeat for ``stale_after()``): queue a job
    that is safe to run again once more, fail any other with a Norwegian message. Returns how many."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    stale = (Job.objects.all() if jobs is None else jobs).filter(state=Job.State.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
    count = 0
    for job in stale.only("pk", "kind", "attempts", "task_path", "task_kwargs", "task_id", "source"):
        # the same conditions again, in the update: a run that beat (or ended) meanwhile keeps its job
        mine = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, attempts=job.attempts).filter(
            Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True))
        task_id = job.task_id
        retry = job.kind in RETRY_SAFE and job.attempts < MAX_ATTEMPTS and job.task_path
        with transaction.atomic():
            if retry:
                if not mine.update(state=Job.State.QUEUED, progress=0, heartbeat_at=None,
                                   step=f"Startes på nytt (forsøk {job.attempts + 1} av {MAX_ATTEMPTS}): "
                                        "bakgrunnsarbeideren stoppet underveis"):
                    continue
                _enqueue(job, import_string(job.task_path), job.task_kwargs)
                log.warning("job %s: its worker is gone; queued again (attempt %s)", job.pk, job.attempts + 1)
            else:
                if not mine.update(state=Job.State.FAILED, error=INTERRUPTED, finished_at=now, step=""):
                    continue
                log.warning("job %s: its worker is gone; marked failed", job.pk)
            _forget_task(task_id, now)
        if not retry and job.source:
            job.source.delete(save=False)
            Job.objects.filter(pk=job.pk).update(source="")
        count += 1
    return count


def _forget_task(task_id: str, now: dt.datetime) -> None:
    """The database queue's record of a task whose worker is gone: failed, not running for ever."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        key = uuid.UUID(task_id)
    except ValueError:  # no task, or one in another queue (RQ keeps its own)
        return
    DBTaskResult.objects.filter(id=key, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now)


def keep_for() -> dt.timedelta:
    """How long a finished job and its file are kept (``STYRING_JOB_KEEP_DAYS``)."""
    return dt.timedelta(days=float(getattr(settings, "STYRING_JOB_KEEP_DAYS", 30)))


def prune(*, now: dt.datetime | None = None) -> int:
    """Delete the jobs that finished longer ago than ``keep_for()``, with their files in the storage;
    and the record of scheduled runs older than a year. Returns how many jobs went."""
    from styring.jobs.models import ScheduledRun

    now = now or timezone.now()
    old = Job.objects.filter(state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=now - keep_for())
    count = 0
    for job in old.only("pk", "file", "source"):
        for field in (job.file, job.source):
            if field:
                field.delete(save=False)
        if Job.objects.filter(pk=job.pk).delete()[0]:
            count += 1
    ScheduledRun.objects.filter(started_at__lt=now - dt.timedelta(days=366)).delete()
    if count:
        log.info("pruned %s finished job(s) older than %s", count, keep_for())
    return count
