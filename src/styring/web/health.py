"""``/helse/``: is this node fit to take requests? For the load balancer's health check (HAProxy in
``deploy/haproxy.cfg``, a container orchestrator's probe): the database answers a query, and a shared
cache, when one is configured (a per-process memory cache always answers), takes a write and gives it
back. 200 with ``ok`` per part, or 503 naming the part that failed; no session, no login, nothing
cached by the browser or a proxy."""
from __future__ import annotations

import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"feil: {exc.__class__.__name__}"
    return "ok"


def _cache() -> str | None:
    cache = caches["default"]
    if cache.__class__.__name__ == "LocMemCache":
        return None  # per process: nothing shared to check
    key, value = f"styring-health-{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, timeout=10)
        answer = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # any client error (connection refused, timeout) means the cache is down
        return f"feil: {exc.__class__.__name__}"
    return "ok" if answer == value else "feil: svarte ikke med det som ble lagret"


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    parts = {"database": _database()}
    if (cache := _cache()) is not None:
        parts["cache"] = cache
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse({"status": "ok" if healthy else "feil", **parts}, status=200 if healthy else 503)
