"""An oppdragsdokument is given by the owner of whom its title names: HOD for an RHF, the RHF for a trust."""
from __future__ import annotations

import pytest

from styring.extraction import extract

BODY = """
1. Innledning

Oppdragsdokumentet er en del av styringen av foretaket og bygger på Prop. 1 S (2023–2024).

2. Rask tilgang til helsetjenester og sammenhengende pasientforløp

Mål 2024:

Kvalitative:
• Ventetidene skal reduseres.

Oppdrag 2024:
• Foretaket skal, under ledelse av Helse Vest RHF, utrede felles løsninger for ventelister innen 1. oktober 2024.
"""


@pytest.mark.parametrize(
    "title, issuer, addressee",
    [
        ("Oppdragsdokument 2024\n\nHelse Nord RHF\n", ["HOD"], "HN"),
        ("Oppdragsdokument 2024\nHelse Sør-Øst RHF\n", ["HOD"], "HSO"),
        ("Oppdragsdokument 2024 for St. Olavs hospital HF\n", ["HMN"], "STO"),
        ("Oppdragsdokument 2024\n\nHelse Bergen HF\n", ["HV"], "HBE"),
        ("Oppdrag og bestilling 2024\n\nSykehuset Innlandet HF\n", ["HSO"], "SI"),
        ("Styringsdokument 2024 Helse Stavanger HF\n", ["HV"], "HST"),
        ("Oppdragsdokument 2024\nSykehusbygg HF\n", ["HN", "HMN", "HV", "HSO"], "SB"),
    ],
)
def test_title_names_the_addressee_and_the_owner_gives_it(title, issuer, addressee):
    result = extract(title + BODY)
    assert result["document"]["issuer"] == issuer
    assert [i["kind"] for i in result["items"]] == ["goal", "assignment"]
    for item in result["items"]:
        assert item["recipients"] == [addressee]
        assert item["main_goal"] == 3
    assert result["items"][1]["lead"] == "HV"
    assert result["items"][1]["deadlines"] == ["2024-10-01"]


def test_a_title_with_an_rhf_on_its_document_to_trusts_names_the_giver():
    text = "Styringskrav og rammer 2024\nHelse Nord RHF\n" + BODY.replace("Foretaket skal", "Helseforetakene skal")
    result = extract(text)
    assert result["document"]["issuer"] == ["HN"]
    assert "HOD" not in result["items"][1]["recipients"]
