"""Document shapes with no seed: a nynorsk oppdragsdokument from HOD and a målbilde."""
from __future__ import annotations

from pathlib import Path

from styring.extraction import extract, extract_file

DATA = Path(__file__).parent / "data"


def by_text(result, start):
    return next(it for it in result["items"] if it["text"].startswith(start))


def facts(document: dict) -> dict:
    """The document's facts without the extractor's review notes."""
    return {k: v for k, v in document.items() if k != "review"}


def test_nynorsk_oppdragsdokument():
    result = extract_file(DATA / "oppdrag_nn.txt")
    assert facts(result["document"]) == {"issuer": ["HOD"], "year": 2024, "language": "nn"}
    kinds = [it["kind"] for it in result["items"]]
    assert kinds.count("goal") == 2
    assert all(it["recipients"] == ["HV"] for it in result["items"])
    goal = by_text(result, "Pasientane skal oppleve")
    assert goal["kind"] == "goal" and goal["main_goal"] == 1
    task = by_text(result, "Dei regionale helseføretaka skal, under leiing av Helse Sør-Aust RHF")
    assert task["kind"] == "assignment"
    assert task["lead"] == "HSO"  # nynorsk name
    assert task["deadlines"] == ["2024-10-01"]
    assert "Kommunane skal involverast" in task["text"]  # "o" sub-bullets belong to the item
    late = by_text(result, "Helse Vest RHF skal leggje fram ein plan")
    assert late["deadlines"] == ["2024-04-30"] and late["main_goal"] == 3
    # the indicator table repeats two bullets (merged, two sources) and adds one new indicator
    repeated = by_text(result, "Ventetida i psykisk helsevern")
    text = (DATA / "oppdrag_nn.txt").read_text(encoding="utf-8")
    # its bullet, its table row, and the sentence that makes all items reported in årleg melding
    assert [text[s["start"]:s["end"]] for s in repeated["source"]] == [
        "Ventetida i psykisk helsevern for barn og unge skal vere under 35 dagar.",
        "Ventetida i psykisk helsevern for barn og unge skal vere under 35 dagar. Under 35 dagar NPR Tertialvis",
        "Helse Vest RHF skal rapportere på alle mål og oppdrag i årleg melding.",
    ]
    assert repeated["reporting"] == ["annual"]
    assert sum(1 for it in result["items"] if it["text"].startswith("Ventetida")) == 1
    new = by_text(result, "Delen korridorpasientar skal vere null.")
    assert new["kind"] == "indicator"
    assert {"from": "HOD", "to": "HV"}.items() <= result["allocations"][0].items()


def test_unsigned_malbilde_is_given_by_the_targets_owners():
    text = (DATA / "malbilde.txt").read_text(encoding="utf-8").replace("Med vennlig hilsen\nHelse Sør-Øst RHF", "")
    assert extract(text)["document"]["issuer"] == ["HN", "HMN", "HV", "HSO"]


def test_malbilde():
    result = extract_file(DATA / "malbilde.txt")
    assert result["document"]["issuer"] == ["HSO"]  # signed by Helse Sør-Øst RHF
    items = result["items"]
    assert all(it["kind"] == "goal" for it in items)
    assert all(it["recipients"] == ["SYKI"] for it in items)
    assert [it["ref"] for it in items if it["ref"]] == ["1", "2", "3"]
    statement = items[0]
    assert statement["text"].startswith("Mål for Sykehusinnkjøp HF")
    assert "foretrukne innkjøpspartneren" in statement["text"]
    bullets = [it for it in items if it["text"].startswith(("bidra", "ha et", "utvikle"))]
    assert len(bullets) == 3


def test_supplementary_document_recipients_and_informed():
    text = """Tilleggsdokument til oppdrag og bestilling 2024

1. Rask tilgang til helsetjenester og sammenhengende pasientforløp

1.1 Behandlingstilbud - Lymfødem

• Annen oppgave 2024 til Sykehuset Telemark HF.
• Informasjon til øvrige

Helse Sør-Øst RHF ber om at tilbudet blir etablert f.o.m. 1.9.2024. Arbeidet ledes av Helse Sør-Øst RHF.

Med vennlig hilsen
Helse Sør-Øst RHF

Mottakere:
SYKEHUSET TELEMARK HF
SYKEHUSET I VESTFOLD HF
OSLO UNIVERSITETSSYKEHUS HF
"""
    result = extract(text)
    (item,) = result["items"]
    assert item["ref"] == "1.1" and item["main_goal"] == 3
    assert item["recipients"] == ["STHF"]
    assert sorted(item["informed"]) == ["OUS", "SIV"]
    assert item["deadlines"] == ["2024-09-01"]
    assert item["lead"] == "HSO"
    assert item["text"].startswith("Behandlingstilbud - Lymfødem Helse Sør-Øst RHF ber om")
    assert len(item["source"]) == 2
    assert result["document"]["issuer"] == ["HSO"]


def test_reporting_template_merges_into_items():
    text = """Styringskrav og rammer 2024 fra Helse Nord RHF til helseforetakene

Helseforetakene gis følgende oppdrag:
1. Helseforetakene skal innføre ny løsning for sluttsamtaler.
2. Helseforetakene skal rapportere tertialvis på innleie.

Vedlegg 2 Rapporteringsmal
Krav nr Krav tekst Gjelder
foretak Rapporterings-
frekvens Rapporteringstekst:
1 Helseforetakene skal innføre ny løsning for
sluttsamtaler.
FIN,
UNN
Årlig melding
(tertialvis
avviksrapportering)
Rapporteringstekst:
2 Helseforetakene skal rapportere tertialvis på innleie.
Alle Skal risikovurderes
innen 01.03.2024
Tertialrapporter og
Årlig melding
Rapporteringstekst:
Indikator Redusert overtid. Alle Tertialrapporter og
Årlig melding
Rapporteringstekst:
"""
    result = extract(text)
    items = {it["ref"] or it["text"]: it for it in result["items"]}
    assert set(items) == {"1", "2", "Redusert overtid."}
    assert items["1"]["reporting"] == ["annual", "deviation"]
    assert len(items["1"]["source"]) == 2
    assert items["2"]["reporting"] == ["tertial", "annual", "risk"]
    assert items["2"]["deadlines"] == ["2024-03-01"]
    assert items["Redusert overtid."]["kind"] == "indicator"


def test_numbered_with_parenthesis_and_lettered_sub_points():
    result = extract(
        "Styringsdokument 2024 frå Helse Vest RHF til helseføretaka\n\n"
        "Helseføretaka gis følgende oppdrag:\n"
        "1) Helseføretaka skal etablere ny rutine innan 1. mars 2024.\n"
        "2) Helse Bergen HF skal leie arbeidet med ein felles plan.\n"
        "   a) planen skal omfatte barn\n"
        "   b) planen skal omfatte vaksne\n"
    )
    first, second = result["items"]
    assert result["document"]["issuer"] == ["HV"]
    assert first["ref"] == "1" and first["deadlines"] == ["2024-03-01"]
    assert "HBE" in first["recipients"]
    assert second["ref"] == "2" and second["lead"] == "HBE"
    assert second["text"].endswith("planen skal omfatte vaksne")


def test_title_naming_several_trusts_subsection_goals_and_calendar_heading():
    """An owner's document titled for three of its trusts: they are the addressees and the owner
    gives it; sub-headings that are hovedmål titles without the word ("2.1 Styrke psykisk
    helsevern …") set the hovedmål; the calendar under "Oppfølging og rapportering" is read."""
    result = extract_file(DATA / "hmn_oppdrag_flere_hf.txt")
    assert result["document"]["issuer"] == ["HMN"]
    assert all(sorted(it["recipients"]) == ["HMR", "HNT", "STO"] for it in result["items"])
    assert [it["main_goal"] for it in result["items"]] == [1, 1, 1, 1, 3, 3]
    # "Mål 2024:" with no "Kvalitative:"/"Indikatorer:" under it: a bullet with a figure is an
    # indicator, one without is a goal
    assert [it["kind"] for it in result["items"][:2]] == ["goal", "indicator"]
    assert by_text(result, "Helse Møre og Romsdal HF skal")["deadlines"] == ["2024-06-30"]
    assert result["reporting_deadlines"] == [
        {"date": "2024-05-20", "what": "1. tertial"}, {"date": "2024-09-20", "what": "2. tertial"},
        {"date": "2025-02-15", "what": "årlig melding"},
    ]


def test_nynorsk_malbilete():
    """A nynorsk målbilete: the trust's nynorsk name resolves, nobody signs it so its four owners
    give it, and the bullets under "Dei regionale helseføretaka vil at X skal:" are goals for X."""
    result = extract_file(DATA / "malbilete_nn.txt")
    assert facts(result["document"]) == {"issuer": ["HN", "HMN", "HV", "HSO"], "year": 2025, "language": "nn"}
    items = result["items"]
    assert all(it["kind"] == "goal" and it["recipients"] == ["LAT"] for it in items)
    assert items[0]["text"].startswith("Mål for Luftambulansetenesten HF")
    assert [it["text"] for it in items[1:4]] == [
        "sikre stabil drift av ambulanseflya og ambulansehelikoptra",
        "ha ein beredskap som svarar til behova i alle regionane",
        "vidareutvikle samarbeidet med AMK-sentralane",
    ]
    assert [it["ref"] for it in items[4:]] == ["1", "2"]


def test_hod_supplementary_document_with_heading_labels_and_a_grant_sentence():
    """HOD's tilleggsdokument to one RHF: bullets under a numbered heading that is itself a label
    ("3 Nye oppdrag") are assignments; "Helse Vest RHF tildeles 125 mill. kroner til …" is a grant
    from HOD."""
    result = extract_file(DATA / "hod_tillegg_nb.txt")
    assert facts(result["document"]) == {"issuer": ["HOD"], "year": 2024, "language": "nb"}
    first, second = result["items"]
    assert first["kind"] == second["kind"] == "assignment"
    assert first["recipients"] == ["HV"] and first["deadlines"] == ["2024-10-01"]
    assert second["lead"] == "HMN" and second["deadlines"] == ["2024-12-31"]
    assert result["allocations"] == [{"from": "HOD", "to": "HV", "amount_nok": 125_000_000, "year": 2024,
                                      "purpose": "økt aktivitet i psykisk helsevern"}]


def test_ber_om_list_for_one_trust_ends_at_the_next_heading():
    """"Helse Sør-Øst RHF ber helseforetaket om å:" opens a list of tasks for the trust the
    document is titled for; a heading after a bullet without a full stop still ends the item."""
    result = extract_file(DATA / "hso_oppdrag_ber_om.txt")
    assert result["document"]["issuer"] == ["HSO"]
    items = result["items"]
    assert [it["kind"] for it in items] == ["assignment"] * 3
    assert all(it["recipients"] == ["STHF"] for it in items)
    assert items[0]["deadlines"] == ["2024-12-31"]  # "innen utgangen av 2024"
    assert items[2]["text"] == "delta i det regionale arbeidet med felles akuttmedisinsk plan"


def test_unknown_layout_still_yields_its_obligations():
    """A document whose headings and lists none of the rules know: the bullets and numbered points
    that oblige someone become assignments for the addressee (here from the title), and background
    bullets without an obligation do not."""
    result = extract_file(DATA / "ukjent_oppsett.txt")
    assert result["document"]["issuer"] == ["HSO"]
    items = result["items"]
    assert [(it["kind"], it["ref"]) for it in items] == [("assignment", None), ("assignment", None),
                                                          ("assignment", "1"), ("assignment", "2")]
    assert all(it["recipients"] == ["SI"] for it in items)
    assert items[0]["deadlines"] == ["2024-09-01"]
    assert not any("føringer fra departementet" in it["text"] for it in items)


def test_hod_oppdragsdokument_with_table_of_contents_and_grant_to_disposal():
    """HOD's oppdragsdokument with a table of contents (no items from it), hovedmål sub-chapters
    titled without the word, the labels under them, the annual report's date and "N mill. kroner
    til disposisjon for Helse Nord RHF" as the grant."""
    result = extract_file(DATA / "hod_oppdrag_innhold_nb.txt")
    assert facts(result["document"]) == {"issuer": ["HOD"], "year": 2024, "language": "nb"}
    items = result["items"]
    assert [(it["kind"], it["main_goal"]) for it in items] == [
        ("goal", 1), ("indicator", 1), ("assignment", 1), ("assignment", 1), ("assignment", 3)]
    assert all(it["recipients"] == ["HN"] for it in items)
    assert items[3]["lead"] == "HV" and items[3]["reporting"] == ["annual"]
    assert items[4]["reporting"] == ["tertial"]
    assert result["reporting_deadlines"] == [{"date": "2025-03-15", "what": "årlig melding"}]
    assert result["allocations"] == [{"from": "HOD", "to": "HN", "amount_nok": 10_234_000_000, "year": 2024,
                                      "purpose": "til disposisjon"}]


def test_malbilder_with_a_heading_per_trust():
    """Målbilder for several trusts where each section is headed by the trust's name alone: the
    effects and the goals under it are that trust's, and lists whose marks were lost still split."""
    text = (
        "Målbilder for de felleseide helseforetakene\n\n"
        "Styrene i de regionale helseforetakene vedtok målbilder for de felleseide helseforetakene.\n\n"
        "Sykehusbygg HF\n\n"
        "Sykehusbygg HF skal være et nasjonalt kompetansemiljø for sykehusbygging.\n\n"
        "Effekter\n1. Bedre og mer forutsigbare sykehusprosjekter\n2. Lavere kostnader gjennom standardisering\n\n"
        "De regionale helseforetakene vil at Sykehusbygg HF skal:\n"
        " Bidra til at sykehusprosjekter gjennomføres innenfor vedtatte rammer\n"
        " Utvikle og dele kunnskap om sykehusbygg\n\n"
        "Pasientreiser HF\n\n"
        "De regionale helseforetakene vil at Pasientreiser HF skal:\n"
        " Videreutvikle digitale tjenester for pasientene\n"
        " Redusere klimaavtrykket fra pasientreiser\n"
    )
    result = extract(text)
    assert result["document"]["issuer"] == ["HN", "HMN", "HV", "HSO"]
    assert [(it["ref"], it["recipients"]) for it in result["items"]] == [
        ("1", ["SB"]), ("2", ["SB"]), (None, ["SB"]), (None, ["SB"]), (None, ["PR"]), (None, ["PR"])]
    assert all(it["kind"] == "goal" for it in result["items"])
