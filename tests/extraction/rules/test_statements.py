"""The document-wide statements' table: which items a sentence about reporting governs."""
from __future__ import annotations

import pytest

from styring.extraction.rules.statements import find_statements

CASES = [
    # sentence, mode, (kind, main_goal, origin) → governed?
    ("Helse Vest RHF skal rapportere på alle mål og oppdrag i årleg melding.", "annual",
     {("goal", None, "body"): True, ("assignment", 2, "body"): True}),
    ("Helse Vest RHF skal rapportere på alle mål og oppdrag under hovudmåla i årleg melding.", "annual",
     {("goal", 1, "body"): True, ("indicator", None, "table"): False}),
    ("Helseforetakene skal rapportere på alle oppdrag i årlig melding.", "annual",
     {("assignment", 3, "body"): True, ("goal", 3, "body"): False}),
    ("Alle styringsbudskap under hovedmål 2 skal rapporteres tertialvis.", "tertial",
     {("goal", 2, "body"): True, ("goal", 1, "body"): False}),
    ("Årlig melding skal inneholde rapporter for Mål 2024 og Annen oppgave 2024.", "annual",
     {("assignment", None, "annen"): True, ("goal", 1, "body"): True, ("assignment", 1, "body"): False}),
]


@pytest.mark.parametrize("sentence, mode, governs", CASES, ids=[c[0][:40] for c in CASES])
def test_statement_scope(sentence, mode, governs):
    (found,) = find_statements("4 Rapportering\n" + sentence + "\n")
    assert found.reporting == mode
    for (kind, goal, origin), expected in governs.items():
        assert found.governs(kind, goal, origin) is expected
    assert sentence in found.reason or found.reason.endswith("…»")


@pytest.mark.parametrize("sentence", [
    "Helse Vest RHF skal rapportere på kravene i årlig melding.",  # no "alle": not all of them
    "Tiltakene skal rapporteres i årlig melding.",
    "Alle mål skal nås innen utgangen av året.",  # no reporting
])
def test_sentences_that_govern_nothing(sentence):
    assert find_statements(sentence) == []
