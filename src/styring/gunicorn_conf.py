"""Gunicorn settings for Styring, shared by ``styring serve``, the Dockerfile and the benchmarks.

Pages are CPU-bound Python (the report page of 150 items renders in ~20 ms), so one thread per
worker process and 2 × CPUs + 1 workers: with threads, requests in one worker only queue for
Python's global lock (the report-page benchmark measured p95 167 ms with 5 × 1 against 395 ms
with 5 × 4 on 2 CPUs). Override with WEB_CONCURRENCY and GUNICORN_THREADS.
"""
from __future__ import annotations

import os

wsgi_app = "styring.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # imports of large PDFs
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
