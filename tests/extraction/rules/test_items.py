"""The item rules' table: which sentences of prose oblige a trust, and the fallback for an unknown
layout."""
from __future__ import annotations

import pytest

from styring.extraction import layout
from styring.extraction.rules import items
from styring.registry import load_registry

REG = load_registry()


@pytest.mark.parametrize("sentence, obliged", [
    ("Helseforetaket skal utarbeide en plan.", True),
    ("Pasientreiser HF bes om å igangsette arbeidet.", True),
    ("Det forutsettes at helseforetaket styrer mot balanse.", True),
    ("Helseføretaket må sikre god drift.", True),
    ("Helse Nord RHF skal følge opp.", False),  # an RHF is not the trust the section is for
    ("Styret har det overordnede ansvaret.", False),
    ("Helseforetakets styre skal behandle rapportene.", False),  # a possessive: someone else acts
])
def test_obliged(sentence, obliged):
    assert items.obliged(REG, sentence) is obliged


def test_fallback_takes_obliging_points_of_an_unknown_layout():
    text = ("Noe bakgrunn.\n\n"
            "• Helseforetaket skal levere en plan for beredskap innen 1. mai.\n"
            "• Bakgrunnen er beskrevet i rapporten fra 2023.\n"
            "Følgende gjelder:\n"
            "1. Sende oversikt over alle avtaler til eierne\n")
    built = layout.build(text)
    drafts = items.obligation_fallback(built.lines, text, ["SB"])
    texts = [" ".join(text[s:e] for g in d.groups for s, e in g) for d in drafts]
    assert texts == ["Helseforetaket skal levere en plan for beredskap innen 1. mai."]
    assert drafts[0].recipients == ["SB"] and drafts[0].confidence() == 0.5
