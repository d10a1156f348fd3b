"""Fixtures for the API: the Helse Nord cycle of the exports (API clients per role: ``api`` in the root conftest)."""
from __future__ import annotations

import pytest

from tests.exports.factories import build_cycle


@pytest.fixture
def cycle(orgs):
    return build_cycle()
