"""The general rules behind the genre corpus, each on a short document of its own: families as
profiles, a trust's section, target-picture states, unnumbered hovedmål headings by place, a
reporting table whatever its header says, grants by chapter/post, the calendar in a sentence."""
from __future__ import annotations

from styring.extraction import extract
from styring.extraction.rules import profiles


def _items(result: dict) -> dict[str, dict]:
    """The items by their first six words."""
    return {" ".join(it["text"].split()[:6]): it for it in result["items"]}


def test_the_family_comes_from_the_title_and_who_gives_it():
    assert profiles.choose("Protokoll frå føretaksmøte i Helse Vest RHF\n\nSak 1", ["HOD"]).name == "protocol"
    assert profiles.choose("Forslag til målbilde for Sykehusbygg HF\n", ["HN", "HMN", "HV", "HSO"]).name == "target_picture"
    assert profiles.choose("Oppdrag og bestilling 2025 – Sykehusbygg HF\n", ["HN", "HMN", "HV", "HSO"]).name == "joint_order"
    assert profiles.choose("Oppdrag og bestilling 2025 – Sørlandet sykehus HF\n", ["HSO"]).name == "rhf_steering"
    assert profiles.choose("Tilleggsdokument til oppdragsdokumentet 2025\n", ["HOD"]).name == "supplement"
    assert profiles.choose("Notat om sykehusbygg\n", []) is profiles.GENERIC


def test_a_line_naming_a_trust_opens_its_section_and_its_paragraphs_are_its_tasks():
    text = (
        "Styringsdokument 2025 for Helse Bergen HF og Helse Fonna HF\n\n"
        "1 Krav til kvart helseføretak\n\n"
        "Helse Fonna HF\n\n"
        "Helse Fonna HF skal greie ut ein felles modell for akuttmottaka i Haugesund og på Stord.\n\n"
        "Helse Bergen HF\n\n"
        "Helse Bergen HF skal leggje fram ein plan for nytt laboratoriebygg innan 1. september 2025.\n"
    )
    items = _items(extract(text))
    assert items["Helse Fonna HF skal greie ut"]["recipients"] == ["HFO"]
    bergen = items["Helse Bergen HF skal leggje fram"]
    assert bergen["recipients"] == ["HBE"] and bergen["deadlines"] == ["2025-09-01"]


def test_a_target_pictures_listed_states_are_goals_of_the_sections_trust_with_or_without_skal():
    text = (
        "Forslag til målbilde for de felleseide helseforetakene 2025\n\n"
        "1 Pasientreiser HF\n\n"
        "Reiser med rekvisisjon:\n\n"
        "• Reisene samordnes slik at ventetiden blir kortest mulig.\n\n"
        "Pasientreiser HF skal bidra til at:\n\n"
        "• pasientene opplever reiseordningen som enkel\n\n"
        "2 Sykehusinnkjøp HF\n\n"
        "Følgende effekter skal leveres:\n\n"
        "1. Leverandørmarkedet er bredt nok til å sikre forsyningen.\n"
    )
    result = extract(text)
    assert result["document"]["issuer"] == ["HN", "HMN", "HV", "HSO"]
    got = [(it["kind"], it["recipients"], it["ref"]) for it in result["items"]]
    assert got == [("goal", ["PR"], None), ("goal", ["PR"], None), ("goal", ["SYKI"], "1")]


def test_unnumbered_hovedmal_headings_by_their_words_or_their_place():
    text = (
        "Styringskrav og rammer 2025\n\n"
        "Dette dokumentet gir styringskrav fra Helse Nord RHF til helseforetakene for 2025.\n\n"
        "Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling\n\n"
        "Kvalitative mål (FIN og UNN):\n\n"
        "• Pasienter i rusbehandling har en plan for oppfølging etter utskrivning.\n\n"
        "Bedre kvalitet gjennom forskning og kompetanse\n\n"
        "Kvalitative mål (FIN og UNN):\n\n"
        "• Kliniske studier er en del av pasienttilbudet.\n\n"
        "Øvrige krav\n\n"
        "Kvalitative mål (FIN og UNN):\n\n"
        "• Sykefraværet går ned.\n"
    )
    assert [it["main_goal"] for it in extract(text)["items"]] == [1, 2, None]


def test_a_reporting_table_gives_its_rows_reporting_whatever_its_header_says():
    text = (
        "Oppdrag og bestilling 2025\nSørlandet sykehus HF\n\n"
        "1 Styrke psykisk helsevern og rusbehandling\n\n"
        "Helse Sør-Øst RHF ber Sørlandet sykehus HF om å:\n\n"
        "1. etablere et ambulant akutteam for barn og unge i Arendal\n"
        "2. redusere bruken av tvang i psykisk helsevern i tråd med den regionale handlingsplanen\n\n"
        "2 Rapportering\n\n"
        "Nr.   Oppdrag                                          Rapporteringsform\n"
        "1     Etablere et ambulant akutteam for barn og unge   Tertialvis\n"
        "2     Redusere bruken av tvang i psykisk helsevern     Årlig melding\n"
    )
    assert [it["reporting"] for it in extract(text)["items"]] == [["tertial"], ["annual"]]


def test_a_grant_table_by_chapter_and_post_in_thousands_skips_rows_without_an_amount():
    text = (
        "Oppdragsdokument 2025\nHelse Vest RHF\n\n"
        "Oppdrag\n\n• Helse Vest RHF skal greie ut akuttilbodet i psykisk helsevern.\n\n"
        "Vedlegg 1 Tildeling av midlar\n\n"
        "Kap.   Post   Formål                      Beløp (i 1000 kr)\n"
        "732    72     Basisløyving                22 415 617\n"
        "732    76     Innsatsstyrt finansiering   1)\n"
        "732    77     Poliklinisk verksemd\n"
        "770    70     Tannhelsetenester           61 280\n"
    )
    got = [(a["from"], a["to"], a["amount_nok"]) for a in extract(text)["allocations"]]
    assert got == [("HOD", "HV", 22_415_617_000), ("HOD", "HV", 61_280_000)]


def test_a_sentence_that_gives_a_report_its_deadline_is_the_calendar_a_letters_date_is_not():
    text = (
        "Oppdragsdokument 2025\nHelse Vest RHF\n\n"
        "Oppdrag\n\n• Helse Vest RHF skal greie ut akuttilbodet i psykisk helsevern.\n\n"
        "Rapportering\n\n"
        "Styret si årlege melding for 2025\nskal sendast departementet innan 15. mars 2026. Frist for styret si\n"
        "risikovurdering er 1. mars 2025. Brevet om rapporten for 1. tertial er\ndatert 20. juni 2025.\n"
    )
    dates = [d["date"] for d in extract(text)["reporting_deadlines"]]
    assert dates == ["2025-03-01", "2026-03-15"]


def test_items_as_a_statements_subject_take_its_reporting():
    text = (
        "Oppdragsdokument 2025\nHelse Vest RHF\n\n"
        "Krav under hovudmåla skal rapporterast i årleg melding.\n\n"
        "1 Hovudmål 1: Styrke psykisk helsevern og tverrfagleg spesialisert rusbehandling\n\n"
        "Oppdrag\n\n"
        "• Helse Vest RHF skal greie ut akuttilbodet i psykisk helsevern.\n\n"
        "2 Andre krav\n\n"
        "• Helse Vest RHF skal rapportere på økonomien.\n"
    )
    assert [it["reporting"] for it in extract(text)["items"]] == [["annual"], []]
