"""A task for the tests that need a job to be running for a while (a worker killed under it)."""
from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task

from styring.jobs.services import running


@task()
def crawl(job_id: int, steps: int = 10, pause: float = 0.2, gate: str = "") -> None:
    """Wait until the file ``gate`` exists (if given), work in ``steps`` steps of ``pause`` seconds,
    then finish with a small text file that names the attempt."""
    with running(job_id) as job:
        job.advance(10, "Venter på porten")
        while gate and not Path(gate).exists():
            time.sleep(0.05)
        for step in range(steps):
            job.advance(10 + 80 * step // steps, f"Steg {step + 1} av {steps}")
            time.sleep(pause)
        job.finish(f"ferdig i forsøk {job.attempt}".encode(), "resultat.txt", "text/plain")
