"""Links suggested on import: seed 001's trust requirements to Helse Nord's 100-series (HOD's
assignments), measured against the hand-made list, and the suggestions' life (confirm, reject)."""
from __future__ import annotations

import pytest

from styring.requirements.cascade import Text, suggest
from styring.requirements.models import ItemLink
from tests.cascade.true_links import TRUE_LINKS, precision_recall

pytestmark = pytest.mark.django_db


def test_seed_001_links_are_suggested_with_high_precision(seed_001):
    pairs = {(link.child.ref, link.parent.ref)
             for link in ItemLink.objects.filter(child__document=seed_001).select_related("child", "parent")}
    precision, recall, wrong, missed = precision_recall(pairs)
    assert precision >= 0.9, wrong
    assert recall >= 0.7, missed
    link = ItemLink.objects.get(child__document=seed_001, child__ref="1", parent__ref="104")
    assert link.status == ItemLink.Status.SUGGESTED and link.confidence >= 0.5
    assert any("ambulant" in reason for reason in link.reasons)


def test_a_nynorsk_item_is_linked_to_its_bokmal_original():
    original = Text(1, "104", 1, "Helse Vest RHF skal planlegge for at alle barnevernsinstitusjoner er tilknyttet et "
                                 "ambulant spesialisthelsetjenesteteam forankret i psykisk helsevern barn og unge.")
    other = Text(2, "105", 1, "Helse Vest RHF skal avklare hvordan spesialisert rusbehandling til barn og unge skal tilbys.")
    child = Text(3, "1", 1, "Helseføretaka skal sikre at alle barnevernsinstitusjonar vert knytte til eit ambulant "
                            "spesialisthelsetenesteteam forankra i psykisk helsevern for barn og unge.")
    found = suggest([child], {3: [original, other]})
    assert [(s.child, s.parent) for s in found] == [(3, 1)]


def test_a_reference_by_number_links_even_different_words():
    parent = Text(1, "113", 2, "Helse Nord RHF skal tilby medisinske undersøkelser ved Statens barnehus.")
    child = Text(2, "8", 2, "Finnmarkssykehuset følger opp, jf. oppdrag 113.")
    assert [s.parent for s in suggest([child], {2: [parent]})] == [1]


def test_confirming_and_rejecting_is_recorded_and_not_suggested_again(seed_001, hn_owner):
    from styring.requirements.links import suggest_links

    link = ItemLink.objects.get(child__document=seed_001, child__ref="1", parent__ref="104")
    link.decide(hn_owner, confirm=True)
    wrong = ItemLink.objects.filter(child__document=seed_001).exclude(pk=link.pk).first()
    wrong.decide(hn_owner, confirm=False)
    assert link.history.first().history_user == hn_owner
    before = ItemLink.objects.count()
    assert suggest_links(seed_001) == []  # every pair already has its row
    assert ItemLink.objects.count() == before
    assert ItemLink.objects.get(pk=wrong.pk).status == ItemLink.Status.REJECTED
    assert len(TRUE_LINKS) == 16
