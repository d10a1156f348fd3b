"""Production's queue: the same job through the RQ backend on the Redis beside the app (a database of
Redis of its own, emptied first), run by an RQ worker with django-tasks-rq's job class."""
from __future__ import annotations

import io
import os

import django_rq
import pytest
from django.urls import reverse
from django_tasks_rq import Job as RQJob
from docx import Document
from rq import SimpleWorker

from styring.jobs.models import Job

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = os.environ.get("STYRING_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_the_consolidated_report_runs_through_redis(client, make_user, cycle, settings, tmp_path, start_job):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 300}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=RQJob)
    try:
        queue.connection.ping()
    except Exception as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_TEST_URL} ({exc}): start redis-server", pytrace=False)
    queue.empty()
    client.force_login(make_user("HN", "owner_staff"))
    start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]))
    job = Job.objects.get()
    assert job.state == Job.State.QUEUED and queue.job_ids == [job.task_id]

    SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    body = [p.text for p in Document(io.BytesIO(job.file.read())).paragraphs]
    assert any(t.startswith("Foretak med krav i perioden: 2 av ") and t.endswith(" levert") for t in body) and queue.count == 0
