"""Fixtures for the background jobs: the exports' Helse Nord cycle, and the worker run for real."""
from __future__ import annotations

import signal

import pytest
from django.core.management import call_command

from tests.exports.factories import build_cycle


@pytest.fixture
def cycle(orgs):
    return build_cycle()


def run_waiting_tasks() -> int:
    """Run every task waiting in the database queue with the database worker's own code: the whole
    ``styring worker --batch`` where the test commits (a transactional or browser test), else its
    ``run_task`` on each waiting task (SQLite cannot take the worker's exclusive lock inside the
    transaction a test runs in)."""
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().count()
    if not connection.in_atomic_block:
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("worker", batch=True, verbosity=0)
        finally:  # the worker takes over Ctrl-C; give it back to pytest
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        return waiting
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test")
    for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
        result.claim(worker.worker_id)
        worker.run_task(result)
    return waiting


@pytest.fixture
def run_worker():
    return run_waiting_tasks


@pytest.fixture
def start_job(client, django_capture_on_commit_callbacks):
    """POST as the logged-in client and enqueue the task when the request's transaction commits."""

    def post(url: str, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post
