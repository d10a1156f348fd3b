"""Fixtures for the exports: a Helse Nord cycle with reports for UNN and FIN."""
from __future__ import annotations

import pytest

from tests.exports.factories import build_cycle


@pytest.fixture
def cycle(orgs):
    return build_cycle()
