"""A job: one piece of long work a user started (a consolidated report, an import, a large export),
run by a background task. Who started it, what it is, how far it has come, and its file or error."""
from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from styring.accounts.access import VisibleQuerySet, access_of
from styring.accounts.types import AnyUser


def _result_path(job: Job, filename: str) -> str:
    return f"jobber/{uuid.uuid4().hex}/{PurePath(filename).name}"


class JobQuerySet(VisibleQuerySet["Job"]):
    not_found = "Fant ikke jobben."

    def visible_to(self, user: AnyUser) -> JobQuerySet:
        """A job and its file are seen by the user who started it, and by administrators."""
        access = access_of(user)
        if not access.is_authenticated:
            return self.none()
        if access.is_superuser:
            return self.all()
        return self.filter(user_id=user.pk) if user.pk is not None else self.none()

    def visible_or_404(self, user: AnyUser, pk: int) -> Job:
        return self.visible_to(user).get_or_404(pk=pk)


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "I kø"
        RUNNING = "running", "Pågår"
        DONE = "done", "Ferdig"
        FAILED = "failed", "Feilet"

    class Kind(models.TextChoices):
        CONSOLIDATED = "consolidated", "Samlet rapport"
        EXPORT = "export", "Eksport"
        IMPORT = "import", "Import av dokument"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField("hva", max_length=300)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField("steg", max_length=200, blank=True)
    source = models.FileField(upload_to=_result_path, blank=True, max_length=300)  # an upload awaiting import
    file = models.FileField(upload_to=_result_path, blank=True, max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    result_url = models.CharField(max_length=300, blank=True)  # where a result that is not a file is seen
    result_label = models.CharField(max_length=200, blank=True)
    error = models.TextField("feilmelding", blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # what to enqueue again when a worker died under a job that is safe to run again (services.sweep)
    task_path = models.CharField(max_length=200, blank=True)
    task_kwargs = models.JSONField(default=dict, blank=True)
    # each run claims the job by raising the count; only the run holding the latest attempt may finish it
    attempts = models.PositiveSmallIntegerField("forsøk", default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # the running worker's last sign of life
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"]), models.Index(fields=["state", "heartbeat_at"])]
        verbose_name = "bakgrunnsjobb"
        verbose_name_plural = "bakgrunnsjobber"

    def __str__(self) -> str:
        return self.title

    @property
    def waiting_long(self) -> bool:
        """Queued for over two minutes: the worker is busy with others, or not running."""
        from django.utils import timezone

        return self.state == self.State.QUEUED and (timezone.now() - self.created_at).total_seconds() > 120

    @property
    def seconds_running(self) -> int | None:
        from django.utils import timezone

        if self.state != self.State.RUNNING or self.started_at is None:
            return None
        return int((timezone.now() - self.started_at).total_seconds())

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ScheduledRun(models.Model):
    """One run of a piece of scheduled work (reminders, pruning) in one slot (a day): the row is the
    claim. Every worker on every machine tries to insert it; the unique pair lets exactly one win, so
    the work runs once per installation however many workers there are (``jobs.schedule``)."""

    task = models.CharField("oppgave", max_length=60)
    slot = models.CharField("periode", max_length=40)
    node = models.CharField("kjørt av", max_length=200, blank=True)
    started_at = models.DateTimeField("startet", auto_now_add=True)
    finished_at = models.DateTimeField("ferdig", null=True, blank=True)
    error = models.TextField("feilmelding", blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="scheduled_run_once_per_slot")]
        verbose_name = "planlagt kjøring"
        verbose_name_plural = "planlagte kjøringer"

    def __str__(self) -> str:
        return f"{self.task} {self.slot}"
