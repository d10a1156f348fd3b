"""The layout layer's table: what each line of a small text is (list item, furniture, heading hint)."""
from __future__ import annotations

import pytest

from styring.extraction import layout
from styring.extraction.rules import structure
from styring.extraction.source import LineHint


def tagged(text: str, **kw) -> list[tuple[str, str | None, str]]:
    built = layout.build(text, lead_in=structure.introduces_list, list_line=structure.is_recipient_line, **kw)
    return [(ln.bullet_text if ln.bullet else ln.text, ln.bullet,
             "furniture" if ln.furniture else ("after" if ln.after_list else ""))
            for ln in built.lines if ln.text]


CASES = [
    # (name, text, the lines that are list items)
    ("marked bullets", "Kvalitative:\n• Første mål\n• Andre mål\n", ["Første mål", "Andre mål"]),
    ("glyph lost, one space left", "Indikatorer:\n Første indikator skal nås\n Andre indikator\n",
     ["Første indikator skal nås", "Andre indikator"]),
    ("glyph lost, wrapped at the margin",
     "Oppdrag 2024:\n Helse Vest RHF skal lage en plan for\nbedre ventetider.\n Helse Vest RHF skal rapportere.\n",
     ["Helse Vest RHF skal lage en plan for", "Helse Vest RHF skal rapportere."]),
    ("label without colon opens the list", "Indikatorar\n Ventetida skal gå ned\n Fristbrota skal vere null\n",
     ["Ventetida skal gå ned", "Fristbrota skal vere null"]),
    ("parallel short lines under a sentence",
     "De regionale helseforetakene vil at Sykehusbygg HF skal:\nBidra til god arealbruk\nVære en pådriver for gjenbruk\n\n"
     "Dette er et vanlig avsnitt som fortsetter over flere ord og avsluttes med punktum.\n",
     ["Bidra til god arealbruk", "Være en pådriver for gjenbruk"]),
    ("a name with a colon is no lead-in for short lines",
     "Helgelandssykehuset HF:\nMo i Rana\nIndikator 1\nResultat 2022: 18 %\n", []),
    ("indented lines after a sentence without colon are no list",
     "Dette er et avsnitt.\n Med et innrykk som ikke er liste\n Og en linje til\n", []),
    ("'Annen oppgave 2024 til' is a list line by its words",
     "1.1 Ventetider\n\nAnnen oppgave 2024 til Sykehuset Telemark HF\nInformasjon til øvrige\n\nTekst.\n",
     ["Annen oppgave 2024 til Sykehuset Telemark HF", "Informasjon til øvrige"]),
    ("... but not inside a sentence",
     "Noen av budskapene gis som informasjon til flere, mens de samme gis som\nAnnen oppgave 2024 til enkelte mottakere.\n",
     []),
    ("... and after a short heading line it stands on its own",
     "1.1 Integrert ettervern i samarbeid med\nkommunene\nAnnen oppgave 2024 til Sykehuset Telemark HF\n",
     ["Annen oppgave 2024 til Sykehuset Telemark HF"]),
]


@pytest.mark.parametrize("name, text, items", CASES, ids=[c[0] for c in CASES])
def test_list_items(name, text, items):
    assert [t for t, bullet, _ in tagged(text) if bullet] == items


def test_paragraph_after_a_tight_list_is_marked():
    text = "Kvalitative:\n• Første mål\n• Andre mål\n\nEt nytt avsnitt begynner her.\n"
    assert [t for t, _, tag in tagged(text) if tag == "after"] == ["Et nytt avsnitt begynner her."]


def test_spaced_list_has_no_list_end():
    text = "Kvalitative:\n\n• Første mål\n\n• Andre mål\n\nEt nytt avsnitt begynner her.\n"
    assert not [t for t, _, tag in tagged(text) if tag == "after"]


def test_page_furniture():
    text = "Innledning\n\nTekst som går over siden.\n\nSide 2 av 9\n\nMer tekst.\n"
    assert ("Side 2 av 9", None, "furniture") in tagged(text)


def test_hints_mark_headings_and_keep_them_out_of_lists():
    text = "Indikatorer:\n Første indikator\n Rapportering\n"
    built = layout.build(text, hints={2: LineHint(heading=2)}, lead_in=structure.introduces_list)
    assert built.lines[2].heading == 2 and built.lines[2].bullet is None
    assert built.lines[1].bullet == "main"
