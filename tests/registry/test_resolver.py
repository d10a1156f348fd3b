"""The alias and group resolver: each case is a rule the documents rely on."""
from __future__ import annotations

import pytest

from styring.registry import load_registry

CASES = [
    ("Oslo Universitetssykehus HF", {}, ["OUS"]),
    ("UNN HF", {}, ["UNN"]),
    ("Universitetssykehuset\nNord-Norge HF", {}, ["UNN"]),
    ("Helse Sør-Øst", {}, ["HSO"]),
    ("Helse Sør-Øst RHF", {}, ["HSO"]),
    ("HSØ", {}, ["HSO"]),
    ("Helse Nord-Trøndelag HF", {}, ["HNT"]),
    ("Helse Nord IKT", {}, ["HNIKT"]),
    ("HN IKT", {}, ["HNIKT"]),
    ("Helse Midt-Norge IT", {}, ["HEMIT"]),
    ("Helse Midt-Norge RHF", {}, ["HMN"]),
    ("Helse Nord RHF er gitt følgende oppdrag", {}, ["HN"]),
    ("(FIN, UNN, NLSH og HSYK)", {}, ["FIN", "UNN", "NLSH", "HSYK"]),
    ("Sykehuset i Vestfold HF, Sykehuset Innlandet HF", {}, ["SIV", "SI"]),
    ("Diakonhjemmet Sykehus og Lovisenberg Diakonale Sykehus", {}, ["DIAK", "LDS"]),
    ("de regionale helseforetakene", {}, ["HN", "HMN", "HV", "HSO"]),
    ("dei regionale helseføretaka", {}, ["HN", "HMN", "HV", "HSO"]),
    ("under leiing av Helse Sør-Aust RHF", {}, ["HSO"]),
    ("Helse Midt-Noreg og Universitetssjukehuset Nord-Noreg HF", {}, ["HMN", "UNN"]),
    # nynorsk forms made from the bokmål names, not listed one by one
    ("Luftambulansetenesten HF og Sjukehusinnkjøp HF", {}, ["LAT", "SYKI"]),
    ("Sjukehusbygg HF, Sjukehuset Innlandet HF og Sjukehusapoteka Vest HF", {}, ["SB", "SI", "SAV"]),
    ("Helsetenestens driftsorganisasjon for nødnett HF", {}, ["HDO"]),
    ("HELSE NORD RHF", {}, ["HN"]),
    ("de felleseide helseforetakene", {}, ["SB", "PR", "SYKI", "LAT", "HDO"]),
    ("sykehusforetakene", {"region": "HN"}, ["FIN", "UNN", "NLSH", "HSYK"]),
    ("sykehusforetakene", {"region": "HSO"}, []),
    ("helseforetakene", {"addressees": ["UNN", "NLSH"]}, ["UNN", "NLSH"]),
    ("helseføretaka", {"addressees": ["HBE"]}, ["HBE"]),
    ("alle helseforetak", {}, []),
    ("under leiing av Helse Vest", {}, ["HV"]),
    ("Helsedirektoratet og FHI", {}, ["HDIR", "FHI"]),
    ("Sykehusbygg HF, Sykehusbygg", {}, ["SB"]),
    # not inside other words, and lower-case words are not codes
    ("finansiering", {}, []),
    ("unntak for si", {}, []),
    ("Helseforetaksloven", {}, []),
]


@pytest.mark.parametrize("text,context,expected", CASES)
def test_resolve(text, context, expected):
    assert load_registry().resolve(text, **context) == expected


def test_every_organisation_resolves_from_its_name_and_aliases():
    reg = load_registry()
    for org in reg.all():
        if org.kind == "sykehus":
            continue  # hospitals: see the next test
        assert reg.resolve(org.name) == [org.code], org.name
        for alias in org.aliases:
            assert reg.resolve(alias) == [org.code], alias


def test_hospitals_are_in_the_register_under_their_trust_but_not_read_from_running_text():
    """"Tromsø", "Bodø" in a steering document name places, not addressees."""
    reg = load_registry()
    assert {o.code for o in reg.sites("UNN")} == {"UNN-TRO", "UNN-HAR", "UNN-NAR", "UNN-LYB"}
    assert reg.get("NLSH-BOD").owners == ("NLSH",)
    for site in (o for o in reg.all() if o.kind == "sykehus"):
        assert reg.resolve(site.name) in ([], [site.owners[0]]), site.name  # "UNN Tromsø" is UNN at most
    assert reg.resolve("Nordlandssykehuset Bodø og UNN Tromsø") == ["NLSH", "UNN"]


def test_owners_and_children():
    reg = load_registry()
    assert reg.get("SB").owners == ("HN", "HMN", "HV", "HSO")
    assert {o.code for o in reg.children("HN")} >= {"FIN", "UNN", "NLSH", "HSYK", "SANO", "HNIKT", "SB"}


def test_the_register_answers_what_extraction_asked_its_own_lists():
    """The RHFs, the ministry above them, what is a trust and the codes a table cell may hold come
    from the register, not from lists inside the extractor."""
    reg = load_registry()
    assert reg.rhfs() == ["HN", "HMN", "HV", "HSO"]
    assert reg.ministry() == ["HOD"]
    assert reg.jointly_owned() == ["SB", "PR", "SYKI", "LAT", "HDO"]
    assert reg.is_trust("UNN") and reg.is_trust("SB") and reg.is_trust("DIAK")
    assert not reg.is_trust("HN") and not reg.is_trust("HOD") and not reg.is_trust("HDIR")
    assert reg.is_owner_level("HN") and reg.is_owner_level("HOD") and not reg.is_owner_level("UNN")
    codes = reg.code_spellings()
    assert "HN IKT" in codes and "UNN" in codes and codes.index("HN IKT") < codes.index("UNN")  # longest first
