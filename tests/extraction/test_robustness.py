"""Robustness on shapes the seeds do not have: PDF-like text (running headers, "Side N av M",
hyphenation, dash and Symbol-font bullets, no blank lines), recipient headings, dotted numbering,
and transformations of the seeds that keep their gold valid."""
from __future__ import annotations

import json
import re

import pytest

from styring.extraction import extract, extract_file
from styring.testing.shared import load_scorer, require_shared, seed_names

from .test_shapes import DATA, by_text, facts

SEEDS = seed_names() or ["(no shared folder)"]
HV_TRUSTS = ["HBE", "HST", "HFO", "HFD", "SAV", "HDS"]


def test_helse_vest_styringsdokument_nynorsk_pdf_text():
    result = extract_file(DATA / "hv_styringsdokument_nn.txt")
    assert facts(result["document"]) == {"issuer": ["HV"], "year": 2024, "language": "nn"}
    items = result["items"]
    texts = [it["text"] for it in items]
    # running headers, page numbers, chapter headings and the reporting chapter are no items
    assert not any("Side" in t or "Styringsdokument 2024" in t for t in texts)
    assert not any(t.startswith(("Rask tilgang", "Rapportering", "Innleiing")) for t in texts)
    assert [it["kind"] for it in items] == ["goal", "goal", "indicator"] + ["assignment"] * 5
    # "–" bullets under a label are the list's own bullets, not sub-bullets
    assert by_text(result, "Ventetida for barn")["kind"] == "goal"
    first = by_text(result, "Helseføretaka skal etablere felles rutinar")
    assert first["ref"] == "2.1" and first["main_goal"] == 1
    assert first["recipients"] == ["HBE", "HST"]  # "(Helse Bergen HF, Helse Stavanger HF)" at its end
    assert first["deadlines"] == ["2024-09-01"]
    second = by_text(result, "Helseføretaka skal, under leiing av Helse Fonna HF")
    assert second["ref"] == "2.2" and second["lead"] == "HFO" and second["deadlines"] == ["2024-11-15"]
    assert second["text"].endswith("Brukarorganisasjonane skal involverast.")
    assert second["recipients"] == HV_TRUSTS
    # "Helse Førde HF skal:" gives the numbered items below it to Helse Førde; "Alle helseføretak" to all
    opne = by_text(result, "opne eit nytt poliklinisk tilbod")
    assert opne["ref"] == "1" and opne["recipients"] == ["HFD"] and opne["main_goal"] == 3
    assert opne["deadlines"] == ["2024-03-01"]
    # "Helseføretaka skal rapportere på alle krav i årleg melding" (the introduction) adds annual
    # reporting to every item, beside what each item says of itself
    assert by_text(result, "rapportere tertialvis")["reporting"] == ["tertial", "annual"]
    korridor = by_text(result, "Helseføretaka skal redusere talet på korridorpasientar")
    assert korridor["ref"] == "3" and korridor["recipients"] == HV_TRUSTS
    assert korridor["reporting"] == ["monthly", "annual"]
    assert all("annual" in it["reporting"] for it in items)
    assert result["reporting_deadlines"] == [
        {"date": "2024-05-15", "what": "1. tertial"},
        {"date": "2025-01-31", "what": "årlig melding"},
    ]


def test_hod_oppdragsdokument_with_symbol_font_bullets_and_running_headers():
    result = extract_file(DATA / "hod_oppdrag_f0b7.txt")
    assert facts(result["document"]) == {"issuer": ["HOD"], "year": 2024, "language": "nb"}
    items = result["items"]
    assert [it["kind"] for it in items] == ["goal", "goal", "indicator", "assignment", "assignment", "indicator", "assignment"]
    assert all(it["recipients"] == ["HMN"] and it["ref"] is None for it in items)
    assert [it["main_goal"] for it in items] == [1, 1, 1, 1, 1, 3, 3]
    plan = by_text(result, "De regionale helseforetakene skal, under ledelse av Helse Vest RHF")
    assert plan["lead"] == "HV" and plan["deadlines"] == ["2024-10-01"]
    assert plan["text"].endswith("Planen skal omfatte barn og unge.")
    spise = by_text(result, "Helse Midt-Norge RHF skal i samarbeid med Helse Nord RHF")
    assert spise["lead"] is None  # "i samarbeid med" is no lead
    assert spise["deadlines"] == ["2024-09-15"]
    assert "Oppdragsdokument" not in spise["text"]  # the running header after it is furniture
    assert by_text(result, "Helse Midt-Norge RHF skal innen utgangen av mai")["deadlines"] == ["2024-05-31"]


def test_name_list_broken_by_a_page_break():
    text = (
        "Tilleggsdokument til oppdrag og bestilling 2024\n\n"
        "1. Rask tilgang til helsetjenester og sammenhengende pasientforløp\n\n"
        "1.1 Ventetider\n\n"
        "• Annen oppgave 2024 til Sykehuset Telemark HF, Sykehuset i Vestfold HF og\n"
        "\n\fSide 2 av 9\n\n"
        "Oslo universitetssykehus HF\n\n"
        "Helse Sør-Øst RHF ber om at ventetidene blir redusert innen 1. desember 2024.\n"
    )
    (item,) = extract(text)["items"]
    assert item["ref"] == "1.1"
    assert sorted(item["recipients"]) == ["OUS", "SIV", "STHF"]
    assert item["text"].startswith("Ventetider Helse Sør-Øst RHF ber om")
    assert item["deadlines"] == ["2024-12-01"]


def test_whitespace_squeezed_but_sources_point_into_the_text():
    text = (
        "Oppdragsdokument 2024\nHelse Nord RHF\n\n"
        "Oppdrag 2024\n"
        "•  Helse\u00a0Nord  RHF  skal\tetablere ny\u00a0rutine innen 1.\u00a0mars 2024.\n"
    )
    (item,) = extract(text)["items"]
    assert item["text"] == "Helse Nord RHF skal etablere ny rutine innen 1. mars 2024."
    assert item["deadlines"] == ["2024-03-01"]
    src = item["source"][0]
    assert text[src["start"]:src["end"]].startswith("Helse\u00a0Nord")
    assert text[src["start"]:src["end"]].endswith("2024.")


# -- seeds through transformations that keep the gold valid ---------------------------------------

def _pages(text: str, every: int, furniture) -> str:
    lines = text.split("\n")
    out = []
    page = 1
    for i, line in enumerate(lines):
        out.append(line)
        if i and i % every == 0:
            page += 1
            out.extend(furniture(page))
    return "\n".join(out)


TRANSFORMS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr_only": lambda t: t.replace("\n", "\r"),
    "tabs": lambda t: re.sub(r"(?m)^ {2,}", "\t", t).replace("  ", "\t"),
    "nbsp": lambda t: re.sub(r"(?<=\d) (?=\d)|(?<=\.) (?=\d)", "\u00a0", t).replace(" RHF", "\u00a0RHF").replace(" HF", "\u00a0HF"),
    "double_space": lambda t: t.replace(" ", "  "),
    "extra_blank_lines": lambda t: t.replace("\n\n", "\n\n\n\n"),
    "no_blank_lines": lambda t: re.sub(r"\n\s*\n", "\n", t),
    "trailing_spaces": lambda t: re.sub(r"(?m)$", "  ", t),
    "stripped_lines": lambda t: "\n".join(line.strip() for line in t.split("\n")),
    "form_feeds": lambda t: _pages(t, 50, lambda p: ["\f"]),
    "page_numbers": lambda t: _pages(t, 45, lambda p: ["", f"Side {p} av 40", ""]),
    "running_header": lambda t: _pages(t, 45, lambda p: ["", "Oppdrag og bestilling 2024", f"Side {p} av 40", ""]),
    "soft_hyphens": lambda t: t.replace("helseforetak", "helse\u00adforetak"),
    "arrow_bullets": lambda t: re.sub(r"(?m)^(\s*)o(?=\s)", r"\1○", t.replace("•", "➢")),
    "wingdings_bullets": lambda t: t.replace("•", "\uf0d8"),
}
ENCODINGS = {"cp1252": "cp1252", "utf-8-sig": "utf-8-sig"}


@pytest.mark.shared
@pytest.mark.parametrize("transform", list(TRANSFORMS) + list(ENCODINGS))
@pytest.mark.parametrize("name", SEEDS)
def test_seed_transform_keeps_its_score(name, transform, tmp_path):
    shared = require_shared()
    scorer = load_scorer(shared)
    text = (shared / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.txt"
    if transform in ENCODINGS:
        path.write_bytes(text.encode(ENCODINGS[transform], errors="replace"))
    else:
        path.write_bytes(TRANSFORMS[transform](text).encode("utf-8"))
    gold = json.loads((shared / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    pred = json.loads(json.dumps(extract_file(path), ensure_ascii=False))
    out, lines = scorer.score(gold, pred, show=10)
    assert out["item_f1"] >= 0.97, "\n".join(lines)
    assert out["fields"] >= 0.95, "\n".join(lines)
