"""Property test: any text — random or a mutated seed — gives contract-valid output or an
ExtractionError, never another exception."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styring.extraction import ExtractionError, contract_object, extract
from styring.registry import load_registry
from styring.testing.shared import shared_path

KINDS = {"goal", "indicator", "assignment"}
REPORTING = {"monthly", "tertial", "annual", "deviation", "risk"}
CODES = {o.code for o in load_registry().all()}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _seed_texts() -> list[str]:
    seeds = shared_path() / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []
    from pathlib import Path

    data = Path(__file__).parent / "data"
    texts += [p.read_text(encoding="utf-8") for p in sorted(data.glob("*.txt"))]
    # keep the property test fast: slices of the long seeds
    out = []
    for t in texts:
        out += [t[i:i + 12000] for i in range(0, len(t), 12000)]
    return out


SEED_TEXTS = _seed_texts()


def check_contract(result: dict, text: str) -> None:
    assert set(result) == {"document", "items", "reporting_deadlines", "allocations"}
    doc = result["document"]
    assert set(doc) == {"issuer", "year", "language", "review"}
    for note in doc["review"].values():
        assert 0.0 <= note["confidence"] <= 1.0 and isinstance(note["reason"], str)
    assert doc["language"] in ("nb", "nn")
    assert all(c in CODES for c in doc["issuer"])
    assert doc["year"] is None or isinstance(doc["year"], int)
    assert result["items"]
    for it in result["items"]:
        assert set(it) == {"kind", "ref", "main_goal", "text", "recipients", "informed", "lead", "deadlines",
                           "reporting", "source", "review", "shown_text"}
        assert 0.0 <= it["review"]["confidence"] <= 1.0
        assert all(isinstance(r, str) and r for r in it["review"]["reasons"])
        assert it["kind"] in KINDS
        assert it["ref"] is None or (isinstance(it["ref"], str) and it["ref"])
        assert it["main_goal"] in (None, 1, 2, 3)
        assert isinstance(it["text"], str) and it["text"].strip()
        assert all(c in CODES for c in it["recipients"] + it["informed"])
        assert it["lead"] is None or it["lead"] in CODES
        assert all(ISO.match(d) for d in it["deadlines"])
        assert set(it["reporting"]) <= REPORTING
        assert it["source"]
        for s in it["source"]:
            assert 0 <= s["start"] < s["end"] <= len(text)
    plain = contract_object(result)  # what `styring extract --json` prints: the contract, nothing more
    assert set(plain["document"]) == {"issuer", "year", "language"}
    assert all(set(it) == {"kind", "ref", "main_goal", "text", "recipients", "informed", "lead", "deadlines",
                           "reporting", "source"} for it in plain["items"])
    for d in result["reporting_deadlines"]:
        assert ISO.match(d["date"]) and isinstance(d["what"], str)
    for a in result["allocations"]:
        assert isinstance(a["amount_nok"], int)


def run(text: str) -> None:
    try:
        result = extract(text)
    except ExtractionError as err:
        assert str(err)
        return
    check_contract(result, text)


ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPRSTUVWÆØÅ0123456789 .,:;()•o–-«»\n\t\f"))
WORDS = st.sampled_from([
    "Mål 2024:", "Kvalitative", "Indikatorer (FIN, UNN):", "Oppdrag 2024", "•", "o", "1.", "101.", "a)",
    "Helseforetakene gis følgende oppdrag:", "Helse Nord RHF", "skal", "innen 15. september 2024",
    "under ledelse av Helse Vest RHF", "Annen oppgave 2024 til UNN HF", "Informasjon til øvrige",
    "Gjelder foretak", "Rapporteringstekst:", "Årlig melding", "«", "»", "\n", "\n\n", "3 Hovedmål 1:",
    "Med vennlig hilsen", "Vedlegg 1", "Tabell 2 Indikatorer", "Virksomhetsspesifikke oppdrag til Sykehusbygg HF",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text(text):
    run(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_random_structure(text):
    run(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.sampled_from(SEED_TEXTS),
    st.lists(st.tuples(st.integers(0, 11999), st.integers(0, 300), st.sampled_from(["", "\n", "•", "«", "Mål 2024:\n", "1. ", "æøå"])), max_size=8),
)
def test_mutated_seed_text(text, edits):
    for pos, length, insert in edits:
        pos = pos % (len(text) + 1)
        text = text[:pos] + insert + text[pos + length:]
    run(text)
