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
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from styring.jobs.models import Job

log = logging.getLogger(__name__)

GENERIC_ERROR = "Noe gikk galt, og ingenting ble lagret. Prøv igjen, eller kontakt brukerstøtte hvis det skjer igjen."
SESSION_KEY = "styring_jobs"  # the user's unfinished jobs, so the next page can say when one is ready


class JobError(Exception):
    """A failure the user can act on; its message (Norwegian) is shown on the job page."""


def start(request_or_user, task, *, kind: str, title: str, source=None, **kwargs: Any) -> Job:
    """Create the job and enqueue ``task(job_id, **kwargs)`` once the job is committed. With a request,
    the job is remembered in the session so that the user's next page gives notice when it is ready."""
    user = getattr(request_or_user, "user", request_or_user)
    job = Job(user=user, kind=kind, title=title[:300], step="Venter på tur")
    if source is not None:
        job.source.save(getattr(source, "name", "dokument"), source, save=False)

    def enqueue() -> None:
        result = task.enqueue(job.pk, **kwargs)
        job.task_id = str(result.id)[:64]
        Job.objects.filter(pk=job.pk).update(task_id=job.task_id)

    with transaction.atomic():  # one commit for the job and, in the database queue, its task
        job.save()
        if _queue_in_database(task):
            enqueue()
        else:  # a queue outside the database must not see the job before it is committed
            transaction.on_commit(enqueue)
    session = getattr(request_or_user, "session", None)
    if session is not None:
        session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-19:], job.pk]
    return job


def _queue_in_database(task) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


class Running:
    """The job as the task sees it: report progress, finish with a file or a link."""

    def __init__(self, job: Job):
        self.job = job

    @property
    def user(self):
        return self.job.user

    def advance(self, progress: int, step: str = "") -> None:
        self.job.progress = max(0, min(99, int(progress)))
        if step:
            self.job.step = step[:200]
        Job.objects.filter(pk=self.job.pk).update(progress=self.job.progress, step=self.job.step)

    def finish(self, data: bytes | None = None, filename: str = "", content_type: str = "", *,
               url: str = "", label: str = "") -> None:
        job = self.job
        if data is not None:
            job.file.save(filename, ContentFile(data), save=False)
            job.filename, job.content_type = filename[:200], content_type[:120]
        job.result_url, job.result_label = url[:300], label[:200]
        job.state, job.progress, job.step, job.finished_at = Job.State.DONE, 100, "Ferdig", timezone.now()
        job.save()


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
    job.state, job.started_at, job.progress, job.step = Job.State.RUNNING, timezone.now(), 5, "Starter"
    job.save(update_fields=["state", "started_at", "progress", "step"])
    handle = Running(job)
    try:
        yield handle
    except (JobError, *expected) as exc:  # type: ignore[misc]
        _fail(job, str(exc) or GENERIC_ERROR)
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, GENERIC_ERROR)
        raise
    else:
        if not job.finished:
            handle.finish()
    finally:
        if job.source:
            job.source.delete(save=False)
            Job.objects.filter(pk=job.pk).update(source="")


def _fail(job: Job, message: str) -> None:
    if job.file:
        job.file.delete(save=False)
    job.state, job.error, job.finished_at = Job.State.FAILED, message, timezone.now()
    job.filename = job.content_type = job.result_url = ""
    job.save()
