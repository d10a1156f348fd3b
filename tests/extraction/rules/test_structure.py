"""The structure rules' table: which hovedmål a heading names, and which labels open a list."""
from __future__ import annotations

import pytest

from styring.extraction.rules import structure


@pytest.mark.parametrize("title, chapter, section", [
    ("Hovedmål 2: Styrke forskning", 2, 2),
    ("Hovudmål 3", 3, 3),
    ("Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling", 1, 1),
    ("Styrkje psykisk helsevern og tverrfagleg spesialisert rusbehandling", 1, 1),
    ("Styrke forskning, innovasjon og kompetanse og forbedre kvalitet og pasientsikkerhet", 2, 2),
    ("Styrkje forsking, innovasjon og kompetanse og betre kvalitet og pasienttryggleik", 2, 2),
    ("Rask tilgang til helsetjenester og sammenhengende pasientforløp", 3, 3),
    ("Rask tilgang til helsetenester og samanhengande pasientforløp", 3, 3),
    ("Pasientsikkerhet i helseforetakene", 2, None),  # a chapter may only touch on it, a section not
    ("Økonomiske rammer", None, None),
])
def test_named_goal(title, chapter, section):
    assert structure.named_goal(title, structure.HOVEDMAL_HINTS) == chapter
    assert structure.named_goal(title, structure.HOVEDMAL_TITLES) == section


@pytest.mark.parametrize("line, opens", [
    ("Kvalitative", True), ("Indikatorar", True), ("Indikatorer (FIN, UNN):", True), ("Oppdrag 2024", True),
    ("Mål 2024", True), ("Effekter", True), ("Helse Nord RHF er gitt følgende oppdrag", True),
    ("Innledning", False), ("Helse Nord RHF skal lage en plan", False),
])
def test_labels_that_open_a_list(line, opens):
    assert structure.introduces_list(line) is opens


@pytest.mark.parametrize("line, is_recipients", [
    ("Annen oppgave 2024 til Sykehuset Telemark HF", True), ("Anna oppgåve 2024 til Helse Førde HF", True),
    ("Informasjon til øvrige", True), ("Annen oppgave til alle", False), ("Oppdrag til helseforetakene", False),
])
def test_recipient_lines(line, is_recipients):
    assert structure.is_recipient_line(line) is is_recipients
