"""The analysis search and the cascade share: bokmål stemming on top of the bokmål/nynorsk fold."""
from __future__ import annotations

import pytest

from styring.language import STOPWORDS, fold, index_terms, stem, terms


@pytest.mark.parametrize(("nynorsk", "bokmal"), [
    ("helseføretak", "helseforetak"),
    ("helseføretaka", "helseforetakene"),
    ("leiing", "ledelse"),
    ("leiinga", "ledelsen"),
    ("sjukehus", "sykehus"),
    ("sjukehusa", "sykehusene"),
    ("tenestetilbodet", "tjenestetilbudet"),
    ("løysingar", "løsninger"),
    ("oppgåvedelinga", "oppgavedelingen"),
    ("forbetringsarbeid", "forbedringsarbeid"),
    ("avdelingsleiar", "avdelingsleder"),
    ("barnevernsinstitusjonar", "barnevernsinstitusjoner"),
])
def test_the_written_forms_share_one_stem(nynorsk, bokmal):
    assert stem(nynorsk) == stem(bokmal)


@pytest.mark.parametrize(("a", "b"), [
    ("helseforetak", "helseforetakene"),
    ("sykehus", "sykehusene"),
    ("rapportering", "rapporteringen"),
    ("kapasitet", "kapasiteten"),
    ("institusjon", "institusjonene"),
])
def test_bokmal_inflections_share_one_stem(a, b):
    assert stem(a) == stem(b)


def test_a_sentence_reads_the_same_in_either_written_form():
    nn = "Dei regionale helseføretaka skal, under leiing av Helse Vest RHF, styrkje tilbodet til barn og unge."
    nb = "De regionale helseforetakene skal, under ledelse av Helse Vest RHF, styrke tilbudet til barn og unge."
    assert terms(nn) == terms(nb)


def test_function_words_are_left_out_unless_asked_for():
    assert "skal" in STOPWORDS and "ikkje" not in STOPWORDS  # stop words are bokmål keys
    assert terms("Dei skal ikkje") == []
    assert terms("de skal", keep_stopwords=True) == ["de", "skal"]


def test_distinct_words_stay_distinct():
    assert stem("sykehus") != stem("sykefravær")
    assert stem("ledelse") != stem("lege")
    assert fold("tilbod") == "tilbud"


@pytest.mark.parametrize(("compound", "part"), [
    ("sykefravær", "fravær"),
    ("sykefraværsarbeid", "sykefravær"),
    ("sykefraværsarbeid", "arbeid"),
    ("helsefagarbeiderlærlinger", "lærlinger"),
    ("helsefagarbeiderlærlinger", "helsefagarbeider"),
    ("barnevernsinstitusjonar", "institusjon"),
    ("beredskapskapasiteten", "kapasitet"),
    ("KI-løsninger", "løsning"),
    ("kvalitetsregistre", "register"),
])
def test_a_compound_holds_the_keys_of_its_parts(compound, part):
    from styring.language import keys

    assert stem(part) in keys(compound)
    assert stem(part) in index_terms(f"Det gjelder {compound} i år.")


@pytest.mark.parametrize("word", ["samarbeid", "ledelse", "forbedring", "rapportering", "institusjon", "kommunikasjon"])
def test_a_word_that_is_no_compound_is_not_split(word):
    from styring.language import split_compound

    assert split_compound(fold(word)) == ()


@pytest.mark.parametrize(("a", "b"), [
    ("helsefagarbeidar", "helsefagarbeidere"),
    ("helsefagarbeidarar", "helsefagarbeider"),
    ("ledere", "leder"),
    ("jordmødre", "jordmor"),
    ("sjukefråvær", "sykefraværet"),
])
def test_nynorsk_and_inflected_forms_share_one_key(a, b):
    assert stem(a) == stem(b)


def test_an_abbreviation_and_its_long_form_are_indexed_both_ways():
    assert "tsb" in index_terms("Tilbudet innen tverrfaglig spesialisert rusbehandling styrkes.")
    assert set(terms("tverrfaglig spesialisert rusbehandling")) <= set(index_terms("Ventetiden i TSB skal ned."))
    assert "bup" in index_terms("Ventetid i psykisk helsevern for barn og unge.")
    assert "phv" in index_terms("Ventetid i psykisk helsevern for barn og unge.")


def test_a_very_long_word_is_no_compound():
    # a pasted hash or URL in a document: splitting it was cubic in its length (minutes for 1,500 characters)
    from styring.language import MAX_COMPOUND, part_keys, split_compound

    long_word = "sykefravær" * 150
    assert split_compound(long_word) == () and part_keys(long_word) == ()
    assert split_compound("sykefraværsarbeid") and len("sykefraværsarbeid") < MAX_COMPOUND
