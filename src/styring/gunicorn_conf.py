"""Gunicorn settings for Styring, shared by ``styring serve``, the Dockerfile and the benchmarks.

Pages are CPU-bound Python (the report page of 150 items takes ~15 ms of CPU), so sync workers, one
per CPU: a request then runs on a CPU of its own instead of sharing it with others in flight, and
the slowest requests under load finish sooner (report page, 50 users on 2 CPUs, PostgreSQL: p95
~145 ms with 2 workers against ~200 ms with 5; threads only queue for Python's global lock). A
long request (a 40-trust consolidated export, a large PDF import) holds its worker meanwhile; on a
small machine that serves such jobs often, raise WEB_CONCURRENCY. Override the threads with
GUNICORN_THREADS.
"""
from __future__ import annotations

import os

wsgi_app = "styring.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # imports of large PDFs
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# Recycle a worker after about a thousand requests (jittered so they do not all restart at once): a
# worker that built large documents gives its memory back to the system.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
