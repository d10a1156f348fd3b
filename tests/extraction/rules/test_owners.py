"""The RHFs giving a document together, as owners: their group, all four by name, or "the owners"
in a text about a jointly owned trust — not one seed's sentence."""
from __future__ import annotations

import pytest

from styring.extraction.rules.document import owners_as_one
from styring.registry import load_registry

JOINT = [
    "Dette dokumentet sammenstiller de regionale helseforetakenes bestilling til helseforetaket for 2024.",
    "De regionale helseforetakene bevilger for 2024 inntil 45,9 millioner kroner.",
    "Dei regionale helseføretaka løyver for 2025 12 millionar kroner til Pasientreiser HF.",
    "Helse Nord RHF, Helse Midt-Norge RHF, Helse Vest RHF og Helse Sør-Øst RHF bevilger for 2024 10 mill. kroner.",
    "Eierne bevilger for 2024 inntil 45,9 millioner kroner til Sykehusbygg HF.",
    "Dokumentet er eiernes bestilling til Sykehusinnkjøp HF for 2025.",
    "Eigarane løyver for 2025 til Luftambulansetenesta og Pasientreiser HF.",
]
NOT_JOINT = [
    "Helse Nord RHF bevilger 10 mill. kroner til UNN.",  # one RHF
    "Helse Nord RHF og Helse Vest RHF bevilger til Sykehusbygg HF.",  # not all four
    "Eierne bevilger 10 mill. kroner til UNN.",  # "the owners" of a trust that one RHF owns
    "De regionale helseforetakene skal samarbeide om oppdragsdokumentet.",  # told to act, not ordering
    "Det vises til de regionale helseforetakenes oppdragsdokument for 2024.",
]


@pytest.mark.parametrize("text", JOINT)
def test_owners_named_as_one(text):
    assert owners_as_one(text, load_registry()) is not None


@pytest.mark.parametrize("text", NOT_JOINT)
def test_not_the_owners_together(text):
    assert owners_as_one(text, load_registry()) is None


def test_a_sentence_of_the_owners_ends_the_trusts_task():
    """"Eierne bevilger …" after a trust's task is the owners speaking, not more of the task."""
    from styring.extraction.rules import items

    reg = load_registry()
    assert items.other_actor(reg, "Eierne bevilger for 2024 inntil 45,9 millioner kroner i rammetilskudd.")
    assert items.other_actor(reg, "Eigarane løyver for 2025 12 millionar kroner.")
    assert not items.other_actor(reg, "Helseforetaket skal styre mot et resultat i balanse.")
