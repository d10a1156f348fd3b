"""Fixtures for the API: the Helse Nord cycle of the exports, and API clients with a token per role."""
from __future__ import annotations

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from styring.exports.tests.factories import build_cycle


@pytest.fixture
def cycle(orgs):
    return build_cycle()


@pytest.fixture
def api(make_user):
    """``api("UNN", "reporter")`` → an APIClient authenticated with that user's token (``.user`` set)."""

    def make(code: str | None, role: str | None = None) -> APIClient:
        user = make_user(code, role)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
        client.user = user  # type: ignore[attr-defined]
        return client

    return make
