"""A web node behind a balancer runs the web server alone: ``STYRING_WEB_ONLY=1`` or ``--no-worker``."""
from __future__ import annotations

import sys

import gunicorn.app.wsgiapp  # type: ignore[import-untyped]
import pytest
from django.core.management import call_command

from styring.web.management.commands import serve


@pytest.fixture
def started(monkeypatch):
    """What ``styring serve`` started: gunicorn alone in this process, or the supervisor of both."""
    seen: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve hands gunicorn its own argv
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: seen.append(("web", list(sys.argv))))
    monkeypatch.setattr(serve, "supervise", lambda web, worker: seen.append(("web+worker", web)) or 0)
    return seen


def test_web_only_serves_without_a_worker(started, settings):
    settings.STYRING_TASKS, settings.STYRING_WEB_ONLY = "db", True
    call_command("serve", "127.0.0.1:8101")
    assert [kind for kind, _ in started] == ["web"] and "127.0.0.1:8101" in started[0][1]
    call_command("serve", "127.0.0.1:8102", no_worker=True)
    assert [kind for kind, _ in started] == ["web", "web"]


def test_the_embedded_default_serves_with_its_worker(started, settings):
    settings.STYRING_TASKS, settings.STYRING_WEB_ONLY = "db", False
    call_command("serve", "127.0.0.1:8103")
    assert [kind for kind, _ in started] == ["web+worker"] and "127.0.0.1:8103" in started[0][1]
