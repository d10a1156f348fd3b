"""A table of small tests per way of stating a target: the text, then what is read from it."""
from __future__ import annotations

import pytest

from styring.indicators.parsing import parse_targets


def read(text: str) -> list[tuple[str, str, str]]:
    """(series, kind, described target) for each series the text sets."""
    return [(name, t.kind, t.describe()) for name, t in parse_targets(text).series]


@pytest.mark.parametrize("text, expected", [
    ("Minst 70 prosent av epikrisene skal være sendt innen 1 dag etter utskrivning.", "≥ 70 %"),
    ("Andel pakkeforløp gjennomført innenfor standard forløpstid skal være minst 70 prosent.", "≥ 70 %"),
    ("Helseføretaka skal overhalde minst 95 % av avtalane.", "≥ 95 %"),
    ("Sykefraværet skal være maksimalt 7,5 prosent.", "≤ 7,5 %"),
    ("Andel pasienter med behandlingsplan skal være minst 80 pst.", "≥ 80 %"),
    ("Gjennomsnittlig ventetid skal være lavere enn 50 dager.", "< 50 dager"),
    ("UNN: minst kr +40 mill.", "≥ 40 mill. kr"),
    ("Helse Nord IKT: Minst økonomisk balanse (null)", "≥ 0 mill. kr"),
])
def test_threshold(text, expected):
    assert read(text) == [("", "threshold", expected)]


@pytest.mark.parametrize("text, expected", [
    ("Den polikliniske aktiviteten innen psykisk helsevern skal være høyere i 2024 sammenlignet med 2023.",
     "høyere enn 2023"),
    ("Forbruket av bredspektrede antibiotika skal holdes på samme nivå, eller lavere, enn i 2019.",
     "samme nivå som eller lavere enn 2019"),
    ("Forbruket skal være på samme nivå som eller lavere enn i 2019.", "samme nivå som eller lavere enn 2019"),
    ("Andelen pasienter som mottar video- eller telefonkonsultasjoner skal øke sammenliknet med 2023",
     "høyere enn 2023"),
    ("Redusere innleie.", "lavere enn året før"),
    ("Reduksjon i andel ikke-planlagte reinnleggelser innenfor somatikk.", "lavere enn året før"),
])
def test_against_a_baseline_year(text, expected):
    assert read(text) == [("", "baseline", expected)]


def test_the_unit_named_in_the_text():
    text = "Forbruket av bredspektrede antibiotika skal holdes på samme nivå, eller lavere, enn i 2019 (målt i DDD/100 liggedøgn)."
    assert parse_targets(text).series[0][1].unit == "DDD/100 liggedøgn"


@pytest.mark.parametrize("text, expected, unit", [
    ("Antall kliniske behandlingsstudier skal for regionen samlet sett økes med minst 15 pst. sammenliknet med 2023.",
     "økning på minst 15 % fra 2023", ""),
    ("Andelen anskaffelser på Sykehusinnkjøpavtaler skal økes med 10 prosentpoeng sammenlignet med 2023.",
     "økning på minst 10 prosentpoeng fra 2023", "%"),
    ("Ventetiden skal reduseres med minst 10 prosent sammenlignet med 2023.", "reduksjon på minst 10 % fra 2023", ""),
])
def test_relative_change(text, expected, unit):
    [(name, target)] = parse_targets(text).series
    assert (name, target.kind, target.describe(), target.unit) == ("", "change", expected, unit)


def test_glide_path():
    text = ("Foretakene skal, med utgangspunkt i nivå i 2023, redusere sykefraværet med minimum 5 prosent årlig, "
            "inntil styringsmålet om maksimalt 7,5 prosent sykefravær er nådd.")
    [(name, target)] = parse_targets(text).series
    assert (target.kind, target.better, target.value, target.baseline_year, target.goal, target.unit) == \
        ("glide", "lower", 5.0, 2023, 7.5, "%")


def test_several_series_under_one_indicator():
    text = ("Gjennomsnittlig ventetid skal reduseres sammenliknet med 2023 for somatikk, psykisk helsevern for barn og "
            "unge, psykiske helsevern for voksne og TSB. Målsetningen på sikt er gjennomsnittlig ventetid lavere enn "
            "50 dager for somatikk, 40 dager for psykisk helsevern voksne, 35 dager for psykisk helsevern barn og unge "
            "og 30 dager for TSB.")
    assert read(text) == [
        ("somatikk", "baseline", "lavere enn 2023 (mål på sikt < 50 dager)"),
        ("psykisk helsevern voksne", "baseline", "lavere enn 2023 (mål på sikt < 40 dager)"),
        ("psykisk helsevern barn og unge", "baseline", "lavere enn 2023 (mål på sikt < 35 dager)"),
        ("TSB", "baseline", "lavere enn 2023 (mål på sikt < 30 dager)"),
    ]


def test_a_list_of_series_alone_is_a_threshold_each():
    assert read("Ventetiden skal være lavere enn 50 dager for somatikk og 40 dager for psykisk helsevern.") == [
        ("somatikk", "threshold", "< 50 dager"), ("psykisk helsevern", "threshold", "< 40 dager")]


def test_one_series_per_sentence_named_by_its_subject():
    text = ("Antall lærlinger i helsefagarbeiderfaget skal økes sammenlignet med 2023. "
            "Andel helsefagarbeidere skal være minimum 5 prosent av totalt antall årsverk.")
    assert read(text) == [("Antall lærlinger i helsefagarbeiderfaget", "baseline", "høyere enn 2023"),
                          ("Andel helsefagarbeidere", "threshold", "≥ 5 %")]


@pytest.mark.parametrize("text, expected", [
    ("Reperfusjonsbehandling: Resultat 2022: 48 % (grense gul 70 %, grense grønn 85 %)", ("higher", "grønn ≥ 85 %, gul ≥ 70 %")),
    ("Andel med HbA1C > 75 mmol: Resultat 2022: 13 % (grense gul 14 %, grense grønn 12 %)", ("lower", "grønn ≤ 12 %, gul ≤ 14 %")),
])
def test_limits_with_a_direction(text, expected):
    [(_, target)] = parse_targets(text).series
    assert (target.better, target.describe()) == expected


@pytest.mark.parametrize("text, note", [
    ("Intensivkapasiteten (kategori 2- og 3-senger) i ordinær drift.", "Fant ikke"),
    ("Realveksten i kostnader innen psykisk helsevern skal være høyere enn realveksten i driftsbevilgningene.", "Fant ikke"),
    ("Bransjeprogram IA: Ved UNN og Nordlandssykehuset skal minimum 30 prosent av enhetene være i gang. Ved øvrige "
     "foretak er kravet 10 prosent.", "ulikt for ulike foretak"),
])
def test_what_is_left_to_the_reviewer(text, note):
    parsed = parse_targets(text)
    assert not parsed.found and note in parsed.note


def test_a_reference_to_an_attachment():
    parsed = parse_targets("Utvalgte kvalitetsindikatorer, jf. vedlegg nr. 3")
    assert parsed.attachment == 3 and parsed.series == []


def test_numbers_that_are_not_targets_are_left_alone():
    assert read("Pasienter under 18 år skal få tilbud innen 10 dager.") == []
