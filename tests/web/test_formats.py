"""Money, dates and long texts are shown one way on every page (the built-in ``formats`` filters)."""
from __future__ import annotations

import datetime as dt

from django.template import engines

from styring.lib.formats import kroner, shorten, thousands


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_money():
    assert kroner(24300000) == "24\u00a0300\u00a0000\u00a0kr"
    assert kroner("24300000") == "24\u00a0300\u00a0000\u00a0kr" and kroner(None) == "" and kroner("x") == ""
    assert thousands(-1500) == "−1\u00a0500"
    assert render("{{ a|kr }} / {{ a|tusen }}", a=24300000) == "24\u00a0300\u00a0000\u00a0kr / 24\u00a0300\u00a0000"


def test_dates_in_norwegian_from_dates_and_iso_strings():
    assert render("{{ d|dato }}", d="2024-05-15") == "15. mai 2024"
    assert render("{{ d|dato }}", d=dt.date(2024, 10, 1)) == "1. oktober 2024"
    assert render('{{ d|dato:"j.n.Y" }}', d="2024-10-01") == "1.10.2024"
    assert render("{{ d|dato }}", d="snart") == "snart" and render("{{ d|dato }}", d=None) == ""


def test_long_texts_are_cut_at_a_word_boundary():
    text = "Helseforetakene skal redusere ventetiden for pasienter i psykisk helsevern"
    cut = shorten(text, 30)
    assert cut == "Helseforetakene skal redusere…" and len(cut) <= 30
    assert shorten("kort tekst", 30) == "kort tekst"
    assert shorten("Ettlangtordutenmellomrom" * 3, 10) == "Ettlangto…"
    assert render("{{ t|kort:30 }}", t=text) == cut
