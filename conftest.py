"""Project-wide pytest fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from styring.testing.shared import require_shared


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder (seeds, gold, reference); skips or fails as CI requires."""
    return require_shared()
