"""``make demo``'s document: imported and confirmed once, whatever the number of runs."""
from __future__ import annotations

from io import StringIO

import pytest

from styring.documents import demo_data
from styring.documents.models import SteeringDocument
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db


def test_demo_document_is_imported_confirmed_and_idempotent(fake_extractor, write_doc, orgs, media_root, monkeypatch):
    path = write_doc("demo.txt", "#assignment 1 1 UNN\nUNN skal vise demoen.", "#goal - 2 FIN\nEt mål for FIN.")
    monkeypatch.setattr(demo_data, "source_file", lambda: path)
    out = StringIO()
    document = demo_data.load(out)
    assert document.is_confirmed and document.year == demo_data.demo_year() and list(document.issuers.values_list("code", flat=True)) == ["HN"]
    assert "importert og bekreftet med 2 krav" in out.getvalue()
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() == 1
    again = StringIO()
    assert demo_data.load(again) == document and "allerede importert" in again.getvalue()
    assert SteeringDocument.objects.count() == 1


def test_demo_uses_seed_001_when_shared_is_there_else_the_bundled_sample(shared_dir):
    assert demo_data.source_file().name.startswith("001_")
    assert demo_data.SAMPLE.is_file()


def test_bundled_sample_is_read_by_the_real_extractor(orgs, media_root, monkeypatch):
    """The fallback for machines without ../shared must itself yield a usable register."""
    monkeypatch.setattr(demo_data, "source_file", lambda: demo_data.SAMPLE)
    document = demo_data.load(StringIO())
    items = document.items.all()
    assert items.count() == 7
    kinds = list(items.order_by("order").values_list("kind", flat=True))
    assert kinds.count("goal") == 1 and kinds.count("indicator") == 3 and kinds.count("assignment") == 3
    assert any(i.deadlines == ["2024-09-15"] for i in items.filter(lead__code="UNN"))
    assert document.reporting_deadlines.exists()
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() >= 5
