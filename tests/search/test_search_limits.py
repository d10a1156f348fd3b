"""The search at the databases' limits: a 20-digit number in a long text is searched for like any
word (it overflowed an integer: a 500), and a text whose terms pass PostgreSQL's 1 MB tsvector is
still indexed (it failed the document's import)."""
from __future__ import annotations

import random

import pytest

from styring.search import index
from styring.search.backends import backend
from styring.search.models import SearchEntry
from styring.search.query import search

pytestmark = pytest.mark.django_db
NUMBER = "12345678901234567890"


def _document(orgs, text):
    from styring.documents.models import SteeringDocument

    doc = SteeringDocument.objects.create(title="Oppdragsdokument 2024", year=2024, status="confirmed", text=text)
    doc.issuers.add(orgs["HOD"])
    doc.addressees.add(orgs["HN"])
    return doc


def test_a_twenty_digit_number_in_a_long_text_is_found_with_its_snippet(orgs, make_user):
    filler = "Helseforetakene skal redusere ventetidene og styrke tilbudet. " * 60  # past index.LONG
    doc = _document(orgs, f"{filler}Saksnummer {NUMBER} gjelder 412 pasienter.")
    hits = search(make_user("HOD", "owner_staff"), NUMBER)
    assert [h.id for h in hits if h.type == "document"] == [doc.pk]
    assert f"<mark>{NUMBER}</mark>" in hits[0].snippet
    assert search(make_user("HOD", "owner_staff"), "412")[0].id == doc.pk  # digits are keys, not array indexes


def test_a_text_past_the_tsvector_limit_is_indexed(orgs, monkeypatch):
    # the analysis is not under test (and is slow on megabytes): plain words, 1.2 MB of distinct ones
    monkeypatch.setattr(index, "index_terms", lambda text: text.split())
    rng = random.Random(19)
    words = ["".join(rng.choice("abcdefghijklmnoprstuv") for _ in range(1500)) for _ in range(800)]
    doc = _document(orgs, " ".join(words))
    entry = SearchEntry.objects.get(kind="document", object_id=doc.pk)
    assert len(entry.terms) <= index.TERMS_BUDGET and entry.body.startswith(words[0])
    assert backend().ranked([words[0]], 10) == [entry.pk]
