"""The paraphrase corpus: the seeds reworded as another writer of the genre would word them.

Each rewording (``PARAPHRASES``) is a list of substitutions applied identically to the seed's text
and to its gold's text fields (items' text, grants' purpose, the calendar's labels), so an
extractor that reads the genre scores on it as on the original — items F1 ≥ 0.97, fields ≥ 0.95,
the grants, the calendar and the document's issuer unchanged. The wordings come from the genre's
vocabulary (``../shared/reference/genres.md``, ``glossary.md``): labels with and without a year or
colon, nynorsk spellings, another year, per-trust sections worded plainly, the owners named as
owners, table headers renamed and columns reordered, the amount unit worded otherwise. They are
not tuned to pass: where one fails, the rule is made general.

A substitution is ``(pattern, replacement)``: a regular expression in which a space stands for any
white space (a phrase wrapped over lines still matches) and a replacement whose words keep the
line breaks of what they replace. A rewording that changes nothing in a seed makes no case for it.
"""
from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

Sub = tuple[str, str]


@dataclass(frozen=True)
class Paraphrase:
    name: str
    subs: tuple[Sub, ...] = ()
    # a rewording that is not a list of substitutions (another year, reordered columns)
    special: str = ""
    why: str = ""


def _p(name: str, *subs: Sub, why: str = "") -> Paraphrase:
    return Paraphrase(name, tuple(subs), why=why)


_PER_TRUST = r"(?m)^(?P<b>• )Annen oppgave 2024 til "

PARAPHRASES: list[Paraphrase] = [
    # -- goal and indicator labels --------------------------------------------------------------
    _p("mal_label_no_year", (r"(?m)^Mål 2024:", "Mål:"), why="label without a year"),
    _p("mal_label_for_year", (r"(?m)^Mål 2024:", "Mål for 2024:"), why="label 'Mål for <year>'"),
    _p("mal_label_no_colon", (r"(?m)^Mål 2024:[\t\x20]*$", "Mål 2024"), why="label without a colon"),
    _p("kvalitative_mal", (r"(?m)^Kvalitative( ?\(|:)", r"Kvalitative mål\1"), why="'Kvalitative mål'"),
    _p("kvalitative_mal_year", (r"(?m)^Kvalitative( ?\(|:)", r"Kvalitative mål 2024\1"),
       why="'Kvalitative mål 2024' (the year inside the label)"),
    _p("indikatorar", (r"(?m)^Indikatorer\b", "Indikatorar"), why="nynorsk indicator label"),
    _p("styringsindikatorer", (r"(?m)^Indikatorer\b", "Styringsindikatorer"), why="'Styringsindikatorer'"),
    _p("styringsparametere", (r"(?m)^Indikatorer\b", "Styringsparametere"), why="'Styringsparametere'"),
    _p("kvantitative_mal", (r"(?m)^Indikatorer\b", "Kvantitative mål"), why="'Kvantitative mål'"),
    _p("kind_labels_nynorsk", (r"(?m)^Mål 2024:", "Mål for 2024:"), (r"(?m)^Kvalitative\b", "Kvalitative mål"),
       (r"(?m)^Indikatorer\b", "Indikatorar"), (r"gis følgende oppdrag", "får følgjande oppdrag"),
       why="every kind label in nynorsk"),
    # -- assignment lead-ins ----------------------------------------------------------------------
    _p("oppdrag_er_gitt", (r"gis følgende oppdrag", "er gitt følgende oppdrag"), why="'er gitt følgende oppdrag'"),
    _p("oppdrag_far", (r"gis følgende oppdrag", "får følgende oppdrag"), why="'får følgende oppdrag'"),
    _p("oppdrag_nynorsk", (r"gis følgende oppdrag", "vert gitt følgjande oppdrag"), why="nynorsk 'vert gitt følgjande'"),
    _p("styringskrav_lead", (r"gis følgende oppdrag", "gis følgende styringskrav"), why="'… styringskrav:'"),
    # -- hovedmål headings ------------------------------------------------------------------------
    _p("hovudmal", (r"Hovedmål (\d):", r"Hovudmål \1:"), why="nynorsk 'Hovudmål'"),
    _p("hovedmal_dash", (r"Hovedmål (\d): ", r"Hovedmål \1 – "), why="'Hovedmål 1 – …'"),
    # -- the reporting template's columns ----------------------------------------------------------
    _p("template_text_column", (r"Rapporteringstekst:", "Tekst for rapportering:"),
       why="the template's text column renamed"),
    _p("template_text_nynorsk", (r"Rapporteringstekst:", "Rapporteringsinnhald:"),
       why="the template's text column in nynorsk"),
    _p("template_who_column", (r"Gjelder foretak", "Gjelder helseforetak"), why="the who-column renamed"),
    _p("template_who_nynorsk", (r"Gjelder foretak", "Gjeld føretak"), why="the who-column in nynorsk"),
    _p("template_frequency", (r"Rapporterings- frekvens", "Rapporterings- form"),
       why="the frequency column named 'Rapporteringsform'"),
    _p("template_cells_nynorsk", (r"(?m)^Årlig melding", "Årleg melding"),
       why="the frequency cells in nynorsk"),
    # -- sections for one trust and information to the others -------------------------------------
    _p("per_trust_oppgaver_for", (_PER_TRUST, r"\g<b>Oppgaver for "), why="'Oppgaver for X HF'"),
    _p("per_trust_oppgave_til", (_PER_TRUST, r"\g<b>Oppgave til "), why="'Oppgave til X HF'"),
    _p("per_trust_nynorsk", (_PER_TRUST, r"\g<b>Oppgåver til "), why="nynorsk 'Oppgåver til X'"),
    _p("per_trust_year_kept", (_PER_TRUST, r"\g<b>Anna oppgåve 2024 til "), why="nynorsk with the year"),
    Paraphrase("per_trust_for_gjelder", special="for_gjelder", why="'For X HF gjelder:'"),
    _p("info_til_orientering", (r"Informasjon til øvrige", "Til orientering for øvrige"),
       why="'Til orientering for øvrige'"),
    _p("info_de_andre", (r"Informasjon til øvrige", "Til informasjon for de andre"), why="'Til informasjon for de andre'"),
    _p("info_nynorsk", (r"Informasjon til øvrige", "Orientering til dei andre"), why="nynorsk 'Orientering til dei andre'"),
    # -- money: units, owners, headings, columns --------------------------------------------------
    _p("unit_belop_1000", (r"Tall i tusen kroner", "Beløp i 1000 kr"), why="'Beløp i 1000 kr'"),
    _p("unit_paren_1000", (r"Tall i tusen kroner", "(i 1000 kr)"), why="'(i 1000 kr)'"),
    _p("unit_1_000_kroner", (r"Tall i tusen kroner", "Tall i 1 000 kroner"), why="'Tall i 1 000 kroner'"),
    _p("unit_nok_1000", (r"Tall i tusen kroner", "Beløp i tusen kr"), why="'Beløp i tusen kr'"),
    _p("owners_eierne", (r"De regionale helseforetakene bevilger", "Eierne bevilger"),
       (r"de regionale helseforetakenes bestilling", "eiernes bestilling"), why="the owners named 'eierne'"),
    _p("owners_named", (r"De regionale helseforetakene bevilger",
                        "Helse Nord RHF, Helse Midt-Norge RHF, Helse Vest RHF og Helse Sør-Øst RHF bevilger"),
       (r"de regionale helseforetakenes bestilling", "eiernes bestilling"), why="the four RHFs named in the funding"),
    _p("owners_nynorsk", (r"De regionale helseforetakene bevilger", "Dei regionale helseføretaka løyver"),
       (r"de regionale helseforetakenes bestilling", "eigarane si bestilling"), why="the owners in nynorsk"),
    _p("owners_heading", (r"Finansiering – eiernes bevilgning til", "Eiernes tilskudd til"),
       why="the funding heading worded 'Eiernes tilskudd til X'"),
    _p("owners_heading_fra", (r"Finansiering – eiernes bevilgning til", "Finansiering fra eierne til"),
       why="the funding heading worded 'Finansiering fra eierne til X'"),
    _p("unit_mill", (r"(\d) millioner kroner", r"\1 mill. kroner"), why="'mill. kroner' for 'millioner kroner'"),
    _p("budget_board_column", (r"RHF Styrets disp ", "RHF Styrets disposisjon "),
       why="the board's column written out"),
    Paraphrase("budget_columns_reordered", special="reorder_budget", why="the budget table's sum column first"),
    _p("budget_total_word", (r"Helgeland Sum", "Helgeland Totalt"), why="the budget table's total column 'Totalt'"),
    _p("budget_board_named", (r"Styret i HN RHF", "Styret i Helse Nord RHF"), why="the board's column with the RHF's name"),
    # -- headings that address a trust, the calendar, the indicator table ------------------------------
    _p("addressed_styringsbudskap", (r"Virksomhetsspesifikke oppdrag til", "Styringsbudskap til"),
       why="'Styringsbudskap til X HF'"),
    _p("addressed_krav", (r"Virksomhetsspesifikke oppdrag til", "Særskilte krav til"), why="'Særskilte krav til X HF'"),
    _p("calendar_frister", (r"Frister for tertialvis rapportering til eierne er",
                            "Rapporteringsfrister for tertialrapportene til eierne er"), why="the calendar sentence reworded"),
    _p("calendar_heading", (r"(?m)^(\x20?\d\.?\x20)Rapportering(\x20til\x20eierne)?[\t\x20]*$", r"\1Oppfølging og rapportering"),
       why="the calendar chapter 'Oppfølging og rapportering'"),
    _p("indicator_table_header", (r"Tabell 2\. Mål 2024\. Indikatorer, datakilder og publiseringsfrekvens\.",
                                  "Tabell 2. Styringsindikatorar med datakjelde og publisering."),
       (r"Helseforetak Datakilde", "Helseforetak Datakjelde"), why="the indicator table's caption and header in nynorsk"),
    # -- activity, leads, deadlines, reporting words, the year --------------------------------------
    _p("activity_heading", (r"Krav til aktivitet for", "Aktivitetskrav for"), why="'Aktivitetskrav for X'"),
    _p("lead_leiing", (r"under ledelse av", "under leiing av"), why="nynorsk lead"),
    _p("lead_ledet", (r"Arbeidet ledes av", "Arbeidet koordineres av"), why="'koordineres av'"),
    _p("deadline_senest", (r"\binnen (\d{1,2}\. )", r"senest \1"), why="'senest' for 'innen'"),
    _p("annual_nynorsk", (r"årlig melding", "årleg melding"), (r"Årlig melding", "Årleg melding"),
       why="'årleg melding' throughout"),
    Paraphrase("year_2025", special="year_shift", why="another year (every year one later)"),
]

BY_NAME = {p.name: p for p in PARAPHRASES}


def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace(" ", r"\s+"))


def _keep_breaks(old: str, new: str) -> str:
    """``new`` with the line breaks of ``old``: the white space runs of ``old`` that hold a line
    break stand between the same words of ``new`` where it has as many."""
    runs = re.findall(r"\s+", old.strip())
    words = new.split(" ")
    if "\n" not in old.strip() or len(words) < 2:
        return new
    out = [words[0]]
    for k, word in enumerate(words[1:]):
        sep = runs[k] if k < len(runs) and "\n" in runs[k] else " "
        out.append(sep + word)
    return "".join(out)


def _apply(pattern: str, repl: str, s: str) -> str:
    rx = _pattern(pattern)
    return rx.sub(lambda m: _keep_breaks(m.group(0), m.expand(repl)), s)


def _gold_strings(gold: dict, fn: Callable[[str], str]) -> dict:
    gold = copy.deepcopy(gold)
    for item in gold.get("items", []):
        item["text"] = fn(item["text"])
    for a in gold.get("allocations", []):
        if a.get("purpose"):
            a["purpose"] = fn(a["purpose"])
    for d in gold.get("reporting_deadlines", []):
        if d.get("what"):
            d["what"] = fn(d["what"])
    return gold


def _subs(text: str, gold: dict, subs: tuple[Sub, ...]) -> tuple[str, dict]:
    for pattern, repl in subs:
        text = _apply(pattern, repl, text)
        gold = _gold_strings(gold, functools.partial(_apply, pattern, repl))
    return text, gold


def _year_shift(text: str, gold: dict) -> tuple[str, dict]:
    """Every year one later, in the text and everywhere in the gold (dates, years, texts)."""
    rx = re.compile(r"(?<![\d])(20[1-3]\d)(?![\d])")

    def shift(s: str) -> str:
        return rx.sub(lambda m: str(int(m.group(1)) + 1), s)

    def walk(x):
        if isinstance(x, str):
            return shift(x)
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            return {k: (v + 1 if k == "year" and isinstance(v, int) else walk(v)) for k, v in x.items()}
        return x

    return shift(text), walk(gold)


_FOR_GJELDER = re.compile(r"(?m)^(?P<b>• )Annen oppgave 2024 til (?P<names>(?:(?!\n[ \t]*\n|\n•)[\s\S])+?)\.?(?P<end>[ \t]*)$(?=\n[ \t]*\n)")


def _for_gjelder(text: str, gold: dict) -> tuple[str, dict]:
    """"• Annen oppgave 2024 til A HF, B HF og C." → "• For A HF, B HF og C gjelder:"."""
    return _FOR_GJELDER.sub(lambda m: f"{m.group('b')}For {m.group('names').rstrip()} gjelder:{m.group('end')}", text), gold


_AMOUNTS = r"(?:-?\d{1,3}(?:[ \u00a0]\d{3})*|-)"
_BUDGET_ROW = re.compile(rf"(?m)^(?P<name>[^\d\n-][^\d\n]*?)(?P<gap>\s{{2,}})(?P<a>{_AMOUNTS})(?P<g1>\s+)(?P<b>{_AMOUNTS})"
                         rf"(?P<g2>\s+)(?P<c>{_AMOUNTS})(?P<g3>\s+)(?P<d>{_AMOUNTS})(?P<tail>[ \t]*)$")


def _reorder_budget(text: str, gold: dict) -> tuple[str, dict]:
    """The thousand-kroner budget table with its total column first ("Samlet beløp | Basis… |
    Resultatbasert … | Øremerkede …"): header and every row."""
    head = re.search(r"Basisbevilgning \nResultatbasert \n\nfinansiering \nØremerkede \n\ntilskudd Samlet beløp ", text)
    if head is None:
        return text, gold
    text = text[:head.start()] + "Samlet beløp \nBasisbevilgning \nResultatbasert \n\nfinansiering \nØremerkede \n\ntilskudd " \
        + text[head.end():]
    start = head.start()
    end = text.find("\n\n", start + 200)
    block = _BUDGET_ROW.sub(lambda m: f"{m.group('name')}{m.group('gap')}{m.group('d')}{m.group('g1')}{m.group('a')}"
                            f"{m.group('g2')}{m.group('b')}{m.group('g3')}{m.group('c')}{m.group('tail')}", text[start:end])
    return text[:start] + block + text[end:], gold


SPECIALS: dict[str, Callable[[str, dict], tuple[str, dict]]] = {
    "year_shift": _year_shift, "for_gjelder": _for_gjelder, "reorder_budget": _reorder_budget,
}


@dataclass
class Reworded:
    text: str
    gold: dict
    notes: list[str] = field(default_factory=list)


def reword(text: str, gold: dict, paraphrase: Paraphrase) -> Reworded | None:
    """The seed and its gold reworded, or None when the rewording changes nothing in this seed."""
    if paraphrase.special:
        new_text, new_gold = SPECIALS[paraphrase.special](text, copy.deepcopy(gold))
    else:
        new_text, new_gold = _subs(text, gold, paraphrase.subs)
    if new_text == text:
        return None
    return Reworded(new_text, new_gold, [paraphrase.why] if paraphrase.why else [])
