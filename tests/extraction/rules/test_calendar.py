"""The calendar rules' table: which dates are reporting deadlines, and their labels."""
from __future__ import annotations

import pytest

from styring.extraction.rules import calendar, document
from styring.registry import load_registry

REG = load_registry()


def deadlines(body: str) -> list[tuple[str, str]]:
    text = "Oppdragsdokument 2024\nHelse Vest RHF\n\n6 Oppfølging og rapportering\n" + body
    info = document.analyse(text, REG)
    return [(d["date"], d["what"]) for d in calendar.reporting_deadlines(text, info)]


@pytest.mark.parametrize("body, expected", [
    ("Frister for tertialvis rapportering er 16. mai for 1. tertial og 13. september for 2. tertial.\n",
     [("2024-05-16", "1. tertial"), ("2024-09-13", "2. tertial")]),
    ("Styret si årlege melding for 2024 skal sendast til departementet innan 15. mars 2025.\n",
     [("2025-03-15", "årlig melding")]),
    ("Årleg melding blir behandla i føretaksmøtet 16. juni 2025.\n", []),  # a meeting, not a deadline
    ("Føretaksmøtet 16. januar 2024 fastsette krava. Årleg melding skal sendast innan 1. mars 2025.\n",
     [("2025-03-01", "årlig melding")]),
    ("1. tertial:\n15. mai 2024\n2. tertial:\n15. september 2024\n",
     [("2024-05-15", "1. tertial"), ("2024-09-15", "2. tertial")]),
    ("Estimert årsresultat skal oversendes innen 12. januar 2025.\n", [("2025-01-12", "estimert årsresultat")]),
])
def test_reporting_deadlines(body, expected):
    assert deadlines(body) == expected


def test_a_sentence_that_gives_the_annual_report_its_deadline_counts_under_any_heading():
    text = ("Oppdragsdokument 2024\nHelse Vest RHF\n\n5 Føretaksmøte og styre\n"
            "Føretaksmøtet blir halde 20. juni 2025. Styret si årlege melding for 2024 skal sendast til "
            "departementet innan 15. mars 2025.\n")
    info = document.analyse(text, REG)
    assert [(d["date"], d["what"]) for d in calendar.reporting_deadlines(text, info)] == [("2025-03-15", "årlig melding")]
