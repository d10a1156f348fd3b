"""A task for the tests that need a job to be running for a while (a worker killed under it)."""
from __future__ import annotations

import time

from django_tasks import task

from styring.jobs.services import running


@task()
def crawl(job_id: int, steps: int = 10, pause: float = 0.2) -> None:
    """Work in ``steps`` steps of ``pause`` seconds each, then finish with a small text file."""
    with running(job_id) as job:
        for step in range(steps):
            job.advance(10 + 80 * step // steps, f"Steg {step + 1} av {steps}")
            time.sleep(pause)
        job.finish(f"ferdig i forsøk {job.attempt}".encode(), "resultat.txt", "text/plain")
