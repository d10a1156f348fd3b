"""The money rules' table: grants in sentences and tables."""
from __future__ import annotations

import pytest

from styring.extraction.rules import document, money
from styring.registry import load_registry

REG = load_registry()
HEAD = "Oppdragsdokument 2024\nHelse Vest RHF\n\n"


def grants(body: str) -> list[tuple[str, str, int]]:
    text = HEAD + body
    info = document.analyse(text, REG)
    return sorted((a["from"], a["to"], a["amount_nok"]) for a in money.allocations(text, info, REG))


@pytest.mark.parametrize("body, expected", [
    ("Helse Vest RHF blir tildelt 125 mill. kroner til økt aktivitet.\n", [("HOD", "HV", 125_000_000)]),
    ("Helse Vest RHF vert tildelt 12,5 millionar kroner til beredskap.\n", [("HOD", "HV", 12_500_000)]),
    ("Departementet gjev eit tilskot på 30 mill. kroner til Helse Vest RHF.\n", [("HOD", "HV", 30_000_000)]),
    ("Det er satt av 40 mill. kroner til disposisjon for Helse Vest RHF.\n", [("HOD", "HV", 40_000_000)]),
    ("Tabell 1 Tildeling til Helse Vest RHF (i 1 000 kroner)\n"
     "Formål                        Kap./post     Beløp\n"
     "Basisløyving                  732.72        15 000 000\n"
     "Tilskot til turnusteneste     732.21            42 500\n"
     "Sum                                         15 042 500\n",
     [("HOD", "HV", 42_500_000), ("HOD", "HV", 15_000_000_000)]),
    ("Tildeling av midlar (i 1000 kr)\nFormål | Kap./post | Beløp\nKvalitetsbasert finansiering | 732.75 | 250 000\n",
     [("HOD", "HV", 250_000_000)]),
    ("Helse Vest RHF har brukt 12 mill. kroner på dette.\n", []),  # spending, not a grant
    # the ministry's table with a column per RHF (any order, nynorsk names, a sum column)
    ("Tabell 3 Tildeling til dei regionale helseføretaka (i 1 000 kroner)\n"
     "Formål                        Helse Sør-Aust RHF   Helse Vest RHF   Helse Midt-Noreg RHF   Helse Nord RHF   Sum\n"
     "Basisløyving                  40 000 000           15 000 000       12 000 000             9 000 000        76 000 000\n"
     "Kvalitetsbasert finansiering  300 000              120 000          100 000                80 000           600 000\n",
     sorted([("HOD", "HSO", 40_000_000_000), ("HOD", "HV", 15_000_000_000), ("HOD", "HMN", 12_000_000_000),
             ("HOD", "HN", 9_000_000_000), ("HOD", "HSO", 300_000_000), ("HOD", "HV", 120_000_000),
             ("HOD", "HMN", 100_000_000), ("HOD", "HN", 80_000_000)])),
])
def test_grants(body, expected):
    assert grants(body) == expected
