"""A test corpus that measures how the extractor generalises: the seed documents (and the short
synthetic documents under ``tests/data``) rewritten in shapes the rules were not written
against, each with the gold it must still score against.

    python -m tests.extraction.corpus [--show N] [--only 001] [--variant docx]

builds every case in memory, extracts it with ``styring.extraction.extract_file`` and scores it
with the shared scorer; ``tests/test_corpus.py`` asserts the bar (items F1 ≥ 0.97, fields ≥ 0.95,
reporting deadlines and allocations still 1.0 where a variant rewrote them).

Variants (``VARIANTS``): text transforms of the seeds (``text.py``: bullet glyphs lost, no
title page, the calendar in one sentence, grant tables in prose and prose grants in a table,
headings renumbered in style, combinations), the seed as a Word file built the way Word builds
one (``word.py``) and as a PDF whose bullets are in a symbol font or drawn (``pdf.py``). Seeds
and variants are read back into blocks by the corpus's own reader (``blocks.py``), never by the
extractor's layout layer.

Gold: a seed's gold from ``../shared/gold``, adjusted mechanically where a transform rewrote
text an item quotes (``text.adjust_gold``). A synthetic document has no hand-made gold: its
reference is the extractor's result on the .txt itself (its facts are asserted in
``test_shapes``/``test_robustness``), so its Word and PDF builds must give what the text gives.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str  # "text" | "docx" | "pdf"
    steps: tuple[str, ...] = ()  # text transforms, in order (text.TRANSFORMS)
    bullet: str = ""  # how a PDF sets its bullets (pdfgen.Line.bullet)
    checks: tuple[str, ...] = ()  # also exact: "deadlines", "allocations", "document"
    synthetic: bool = False  # also built for the synthetic documents


VARIANTS = [
    Variant("no_glyphs_space", "text", ("no_glyphs_space",)),
    Variant("no_glyphs_indent", "text", ("no_glyphs_indent",)),
    Variant("no_title", "text", ("no_title",), checks=("document",)),
    Variant("calendar_sentence", "text", ("calendar_sentence",), checks=("deadlines",)),
    Variant("grants_prose", "text", ("grants_prose",), checks=("allocations",)),
    Variant("grants_table", "text", ("grants_table",), checks=("allocations",)),
    Variant("headings_toggled", "text", ("headings_toggled",)),
    Variant("headings_kapittel", "text", ("headings_kapittel",)),
    Variant("no_glyphs_no_title", "text", ("no_title", "no_glyphs_space"), checks=("document",)),
    Variant("combo_all", "text", ("no_title", "no_signature", "calendar_sentence", "grants_prose",
                                  "headings_kapittel", "no_glyphs_indent"),
            checks=("document", "deadlines", "allocations")),
    Variant("docx", "docx", checks=("document", "deadlines", "allocations"), synthetic=True),
    Variant("pdf_symbol", "pdf", bullet="symbol-subset", checks=("document", "deadlines", "allocations"),
            synthetic=True),
    Variant("pdf_dot", "pdf", bullet="dot", checks=("document", "deadlines", "allocations")),
    Variant("pdf_pua", "pdf", bullet="symbol-pua", checks=("document", "deadlines", "allocations")),
]
BY_NAME = {v.name: v for v in VARIANTS}


def _paraphrase_variants() -> list[Variant]:
    from tests.extraction.corpus.paraphrase import PARAPHRASES

    return [Variant(p.name, "paraphrase", checks=("document", "deadlines", "allocations")) for p in PARAPHRASES]


# The paraphrase corpus (``paraphrase.py``): the seeds reworded, text and gold alike.
PARAPHRASE_VARIANTS = _paraphrase_variants()
PARAPHRASE_BY_NAME = {v.name: v for v in PARAPHRASE_VARIANTS}


@dataclass
class Built:
    seed: str
    variant: Variant
    filename: str
    data: bytes
    gold: dict
    notes: list[str] = field(default_factory=list)


def seed_ids(shared: Path | None) -> list[str]:
    """The seeds (by gold file name) and the synthetic documents ("data/malbilde")."""
    out = []
    if shared is not None and (shared / "gold").is_dir():
        out += sorted(p.stem for p in (shared / "gold").glob("*.json"))
    out += [f"data/{p.stem}" for p in sorted(DATA.glob("*.txt"))]
    return out


def short(seed: str) -> str:
    return seed if seed.startswith("data/") else seed.split("_")[0]


def _source(seed: str, shared: Path | None) -> tuple[str, dict]:
    if seed.startswith("data/"):
        return _synthetic(seed)
    if shared is None:
        raise ValueError(f"{seed} needs ../shared (seeds and gold)")
    text = (shared / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "gold" / f"{seed}.json").read_text(encoding="utf-8"))
    return text, gold


@cache
def _synthetic(seed: str) -> tuple[str, dict]:
    from styring.extraction import extract

    text = (DATA / f"{seed[5:]}.txt").read_text(encoding="utf-8")
    return text, json.loads(json.dumps(extract(text, filename=f"{seed[5:]}.txt"), ensure_ascii=False))


def _blocks(text: str):
    from tests.extraction.corpus.blocks import parse_cached

    return list(parse_cached(text))


_BUILT: dict[tuple[str, str, str], Built | None] = {}


def build(seed: str, variant: Variant, shared: Path | None) -> Built | None:
    """The case built in memory; None when the variant does not apply to the seed (a transform
    that finds nothing to change, a synthetic document for a seed-only variant)."""
    key = (str(shared), seed, variant.name)
    if key not in _BUILT:
        _BUILT[key] = _build(seed, variant, shared)
    return _BUILT[key]


def _build(seed: str, variant: Variant, shared: Path | None) -> Built | None:
    if seed.startswith("data/") and not variant.synthetic:
        return None
    text, gold = _source(seed, shared)
    stem = seed.split("/")[-1]
    if variant.kind == "text":
        from tests.extraction.corpus.text import transform

        out = transform(text, gold, list(variant.steps))
        if out is None:
            return None
        new_text, new_gold, notes = out
        _check_gold_in_text(new_text, new_gold, seed, variant)
        return Built(seed, variant, f"{stem}.{variant.name}.txt", new_text.encode("utf-8"), new_gold, notes)
    if variant.kind == "paraphrase":
        from tests.extraction.corpus.paraphrase import BY_NAME as PARAPHRASES
        from tests.extraction.corpus.paraphrase import reword

        done = reword(text, gold, PARAPHRASES[variant.name])
        if done is None:
            return None
        _check_gold_in_text(done.text, done.gold, seed, variant)
        return Built(seed, variant, f"{stem}.{variant.name}.txt", done.text.encode("utf-8"), done.gold, done.notes)
    if variant.kind == "docx":
        from tests.extraction.corpus.word import docx_bytes

        return Built(seed, variant, f"{stem}.docx", docx_bytes(_blocks(text)), gold)
    if variant.kind == "pdf":
        from tests.extraction.corpus.pdf import pdf_bytes

        return Built(seed, variant, f"{stem}.{variant.name}.pdf", pdf_bytes(_blocks(text), variant.bullet), gold)
    raise ValueError(variant.kind)


def _check_gold_in_text(text: str, gold: dict, seed: str, variant: Variant) -> None:
    """Every gold item's words are still in the rewritten text, as often as the item has them
    (single letters, the bullets "o" among them, left out): a transform that drops an item's
    text is a bug of the corpus, not a failure of the extractor."""
    import re
    from collections import Counter

    def words(s: str) -> Counter:
        return Counter(w for w in re.findall(r"[0-9a-zæøåéüö]+", s.lower()) if len(w) > 1)

    body = words(text)
    for item in gold["items"]:
        own = words(item["text"])
        missing = sum((own - body).values())
        if missing > 0.02 * sum(own.values()):
            raise AssertionError(f"{seed} {variant.name}: the transform lost gold item {item['text'][:60]!r}")


DOCUMENT_FACTS = ("issuer", "year", "language")


def document_facts(result: dict) -> dict:
    """The document-level facts the gold states (the extractor may say more, e.g. its review)."""
    doc = result.get("document") or {}
    return {k: doc.get(k) for k in DOCUMENT_FACTS}


def run(built: Built, folder: Path) -> dict:
    """Write the case to ``folder`` and extract it as a user's upload would be."""
    from styring.extraction import extract_file

    path = folder / built.filename.replace("/", "_")
    path.write_bytes(built.data)
    return json.loads(json.dumps(extract_file(path), ensure_ascii=False))
