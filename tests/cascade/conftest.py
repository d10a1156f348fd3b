"""Seed 001 imported with the real extractor, its links suggested on import."""
from __future__ import annotations

import pytest


def import_seed(shared_dir, user, number: str = "001", issuer: str = "HN"):
    from styring.documents import services

    seed = next((shared_dir / "seeds").glob(f"{number}_*.txt"))
    return services.import_document(seed, issuer_codes=[issuer], year=2024, user=user)


@pytest.fixture
def hn_owner(make_user):
    return make_user("HN", "owner_staff", username="hn-eier")


@pytest.fixture
def seed_001(shared_dir, hn_owner, orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return import_seed(shared_dir, hn_owner)
