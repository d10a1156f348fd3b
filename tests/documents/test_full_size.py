"""A full-size import: seed 001 with its gold extraction standing in for the extractor.

Checks that every fact of a real document lands in the register, and that the import and the
review screen stay quick at that size.
"""
from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from styring.documents import services
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def gold_001(shared_dir, monkeypatch):
    seed = next((shared_dir / "seeds").glob("001_*.txt"))
    gold = json.loads((shared_dir / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(services, "read_and_extract", lambda path, name: (seed.read_text(encoding="utf-8"), gold))
    return seed, gold


def test_seed_001_lands_whole_in_the_register(gold_001, client, make_user, orgs, media_root):
    seed, gold = gold_001
    owner = make_user("HN", "owner_staff")
    started = time.perf_counter()
    document = services.import_document(seed, issuer_codes=["HN"], year=2024, user=owner)
    assert time.perf_counter() - started < 20
    assert document.items.count() == len(gold["items"])
    assert document.reporting_deadlines.count() == len(gold["reporting_deadlines"])
    assert document.allocations.count() == len(gold["allocations"])
    for item, expected in zip(document.items.order_by("order"), gold["items"]):
        assert set(item.recipients.values_list("code", flat=True)) == set(expected["recipients"])
        assert item.deadlines == sorted(set(expected["deadlines"])) and item.ref == (expected["ref"] or "")
        assert len(item.source_spans) == len(expected["source"])
    client.force_login(owner)
    started = time.perf_counter()
    review = client.get(reverse("documents:review", args=[document.pk]))
    assert review.status_code == 200 and time.perf_counter() - started < 10
    assert review.text.count('class="st-anchor"') == sum(1 for i in gold["items"] if i["source"])
    services.confirm_document(document, owner)
    unn = Item.objects.confirmed().applying_to(orgs["UNN"]).count()
    assert unn == sum(1 for i in gold["items"] if "UNN" in i["recipients"] or "UNN" in i["informed"])
