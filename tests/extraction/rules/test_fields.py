"""The field rules' table: lead, deadlines, reporting and trailing recipients from an item's text."""
from __future__ import annotations

import pytest

from styring.extraction.rules import fields
from styring.registry import load_registry

REG = load_registry()


@pytest.mark.parametrize("text, lead", [
    ("De regionale helseforetakene skal, under ledelse av Helse Vest RHF, utrede tilbudet.", "HV"),
    ("Dei regionale helseføretaka skal, under leiing av Helse Sør-Aust RHF, greie ut tilbodet.", "HSO"),
    ("Arbeidet ledes av Helse Nord RHF.", "HN"),
    ("Helse Midt-Norge RHF skal koordinere arbeidet med planen.", "HMN"),
    ("Helse Midt-Norge RHF skal i samarbeid med Helse Nord RHF lage en plan.", None),
    ("Helse Vest RHF skal lage en plan «under ledelse av Helse Nord RHF».", None),  # quoted
])
def test_lead(text, lead):
    assert fields.lead_of(text, REG, None) == lead


@pytest.mark.parametrize("text, expected", [
    ("Planen skal leveres innen 15. september 2024.", ["2024-09-15"]),
    ("Frist for rapportering er 1. oktober 2024.", ["2024-10-01"]),
    ("Planen skal leggjast fram innan utgangen av april.", ["2024-04-30"]),
    ("Vedtatt i styremøte 12. mars 2024.", []),
    ("Arbeidet skal starte primo 2025.", []),
])
def test_deadlines(text, expected):
    assert fields.deadlines_of(text, 2024) == expected


@pytest.mark.parametrize("text, expected", [
    ("Det skal rapporteres tertialvis.", ["tertial"]),
    ("Rapporteres i årlig melding.", ["annual"]),
    ("Helseføretaka skal gi månadleg statusrapport.", ["monthly"]),
    ("Tiltaket skal risikovurderes.", ["risk"]),
    ("Avvik meldes gjennom tertialvis avviksrapportering.", ["deviation"]),
])
def test_reporting(text, expected):
    assert fields.reporting_of(text) == expected


@pytest.mark.parametrize("body, who", [
    ("Helseføretaka skal lage rutinar innan 1. mars 2024. (FIN, UNN)", ["FIN", "UNN"]),
    ("Helseføretaka skal lage rutinar (jf. rapporten).", []),
])
def test_trailing_recipients(body, who):
    assert fields.trailing_who(body, REG, lambda s: REG.resolve(s)) == who
