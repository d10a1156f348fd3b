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
# X-Forwarded-Proto (and gunicorn's other scheme headers) are trusted only behind our own proxy
# (STYRING_TRUSTED_PROXY=1, as in the settings); gunicorn by default trusts them from 127.0.0.1, so
# anyone on the machine or a proxy that passes the header through could make a request "HTTPS".
TRUSTED_PROXY = os.environ.get("STYRING_TRUSTED_PROXY", "0").strip().lower() in {"1", "true", "yes", "on"}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if TRUSTED_PROXY else ""
secure_scheme_headers = ({"X-FORWARDED-PROTOCOL": "ssl", "X-FORWARDED-PROTO": "https", "X-FORWARDED-SSL": "on"}
                         if TRUSTED_PROXY else {})  # gunicorn's default behind the proxy; none without one
