"""``/helse/``, the load balancer's health check: 200 while the database answers (and the shared cache,
when there is one), 503 naming the part that does not; no login and nothing cached."""
from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_a_healthy_node_answers_ok_without_login(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}  # a per-process cache is not checked
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_a_node_without_its_database_is_taken_out(client, monkeypatch):
    from styring.web import health

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["status"] == "feil" and response.json()["database"] == "feil: DatabaseError"


def test_a_shared_cache_is_checked_and_a_dead_one_takes_the_node_out(client, tmp_path):
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # takes writes, forgets them
    with override_settings(CACHES=dummy):
        response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["cache"] == "feil: svarte ikke med det som ble lagret"
    shared = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(tmp_path)}}
    with override_settings(CACHES=shared):
        assert client.get("/helse/").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_only_get(client):
    assert client.post("/helse/").status_code == 405
