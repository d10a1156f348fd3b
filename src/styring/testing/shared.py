"""Locate ``../shared`` (seeds, gold, registry) for tests.

Outside CI the folder may be missing and such tests skip with a reason; ``.ci/run`` sets
``STYRING_REQUIRE_SHARED=1`` so that a missing folder fails the run instead of skipping.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_path() -> Path:
    return Path(os.environ.get("STYRING_SHARED", REPO_ROOT.parent / "shared")).resolve()


def require_shared() -> Path:  # noqa: RET503 - pytest.skip and pytest.fail raise
    """Return the shared folder, or skip (fail under STYRING_REQUIRE_SHARED=1) when absent."""
    import pytest  # only the tests need it; ``shared_path`` also serves ``make demo`` in an image without pytest

    path = shared_path()
    if (path / "seeds").is_dir() and (path / "gold").is_dir():
        return path
    reason = f"../shared (seeds and gold) not found at {path}; set STYRING_SHARED to its location"
    if os.environ.get("STYRING_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " (STYRING_REQUIRE_SHARED=1: this test must run)", pytrace=False)
    pytest.skip(reason)


def seed_names() -> list[str]:
    """Names (without extension) of the seed documents that have a gold file; empty when absent."""
    path = shared_path()
    if not (path / "gold").is_dir():
        return []
    return sorted(p.stem for p in (path / "gold").glob("*.json"))


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer (``tools/score_extraction.py``) as a module."""
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None, shared
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
