"""The document rules' table: who gives a document and to whom, from its title, signature, the
words it uses of itself and the ones it tells to act."""
from __future__ import annotations

import pytest

from styring.extraction.rules import document
from styring.registry import load_registry

REG = load_registry()

CASES = [
    ("title to an RHF", "Oppdragsdokument 2024\nHelse Nord RHF\n\nTekst.\n", ["HOD"], ["HN"]),
    ("title to a trust", "Oppdrag og bestilling 2024\nSykehuset Innlandet HF\n\nTekst.\n", ["HSO"], ["SI"]),
    ("signature", "Tekst om 2024.\n\nMed vennlig hilsen\nHelse Vest RHF\n", ["HV"], None),
    ("joint owners' order", "De regionale helseforetakenes bestilling til helseforetaket for 2024.\n",
     ["HN", "HMN", "HV", "HSO"], ["SB", "PR", "SYKI", "LAT", "HDO"]),
    ("no title: the ministry, from what it refers to",
     "1 Innleiing\nDepartementet viser til Stortinget si behandling av Prop. 1 S (2023–2024).\n"
     "Helse Vest RHF skal sørgje for god kvalitet. Helse Vest RHF skal rapportere til departementet.\n",
     ["HOD"], ["HV"]),
    ("no title, bokmål, mail address",
     "Helse Sør-Øst RHF skal etablere tilbudet. Helse Sør-Øst RHF skal rapportere innen 1. mars.\n"
     "Rapporten sendes postmottak@hod.dep.no. Jf. Prop. 1 S (2023–2024).\n", ["HOD"], ["HSO"]),
    ("no title, the RHFs told to act together, the ministry's signs",
     "1 Innleiing\nDepartementet viser til Stortinget si behandling av Prop. 1 S (2023–2024).\n"
     "Dei regionale helseføretaka skal, under leiing av Helse Nord RHF, lage ein plan. Dei regionale "
     "helseføretaka skal rapportere til departementet. Føretaksmøtet vert halde i januar.\n", ["HOD"], None),
    ("an RHF told to act without the ministry's signs is not enough",
     "Helse Vest RHF skal etablere tilbudet. Helse Vest RHF skal rapportere.\n", ["HV"], None),
    ("unsigned målbilde: the target's owners", "Målbilde for Sykehusinnkjøp HF\n\nMål for Sykehusinnkjøp HF\n",
     ["HN", "HMN", "HV", "HSO"], ["SYKI"]),
    ("målbilder for several jointly owned trusts", "Målbilder for de felleseide helseforetakene\n\nTekst.\n",
     ["HN", "HMN", "HV", "HSO"], ["SB", "PR", "SYKI", "LAT", "HDO"]),
]


@pytest.mark.parametrize("name, text, issuer, addressees", CASES, ids=[c[0] for c in CASES])
def test_issuer_and_addressees(name, text, issuer, addressees):
    info = document.analyse(text, REG)
    assert info.issuer == issuer
    if addressees is not None:
        assert info.addressees == addressees
    confidence, reason = info.notes["issuer"]
    assert 0 < confidence <= 1 and reason


@pytest.mark.parametrize("text, language", [
    ("Helseføretaka skal ikkje gjere dette, men dei skal saman med kommunane …", "nn"),
    ("Helseforetakene skal ikke gjøre dette, men de skal sammen med kommunene …", "nb"),
])
def test_language(text, language):
    assert document.analyse(text, REG).language == language


@pytest.mark.parametrize("text, year", [
    ("Oppdragsdokument 2024\nHelse Nord RHF", 2024),
    ("Styringskrav og rammer for 2025", 2025),
    ("Tekst fra 2023 og 2023 og 2024", 2023),
])
def test_year(text, year):
    assert document.detect_year(text) == year


def test_obligation_subjects_count_who_is_told_to_act():
    counts = document.obligation_subjects(
        "Helse Vest RHF skal gjøre A. Helse Vest RHF må gjøre B. Dei regionale helseføretaka skal, under "
        "leiing av Helse Nord RHF, gjøre C. Vi viser til Helse Nord RHF.", REG)
    assert counts["HV"] == 2 and counts["HN"] == 0 and counts["group:de regionale helseforetakene"] == 1
