"""Fixtures for indicators: seed 001 imported through the real extractor, and helpers for files."""
from __future__ import annotations

import csv
import io

import pytest


@pytest.fixture
def seed_001(shared_dir, orgs, make_user):
    """Helse Nord's Styringskrav og rammer 2024, imported and confirmed as owner staff would."""
    from styring.documents.services import confirm_document, import_document

    owner = make_user("HN", "owner_staff")
    path = sorted((shared_dir / "seeds").glob("001_*.txt"))[0]
    document = import_document(path, issuer_codes=["HN"], year=2024, user=owner)
    confirm_document(document, owner)
    return document


def item_with(document, words: str):
    return document.items.get(text__contains=words)


def csv_bytes(rows: list[list[object]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def hn_indicators(orgs):
    """A confirmed Helse Nord 2024 document with indicator items for FIN, UNN, NLSH and HSYK; each
    gets its series and targets from its text when saved."""
    from types import SimpleNamespace

    from styring.documents.models import SteeringDocument
    from styring.requirements.models import Item

    doc = SteeringDocument.objects.create(title="Styringskrav og rammer 2024", year=2024,
                                          status=SteeringDocument.Status.CONFIRMED)
    doc.issuers.add(orgs["HN"])
    texts = {
        "epikrise": (3, "Minst 70 prosent av epikrisene skal være sendt innen 1 dag etter utskrivning."),
        "sykefravær": (2, "Foretakene skal, med utgangspunkt i nivå i 2023, redusere sykefraværet med minimum 5 "
                          "prosent årlig, inntil styringsmålet om maksimalt 7,5 prosent sykefravær er nådd."),
        "studier": (2, "Antall kliniske behandlingsstudier skal økes med minst 15 pst. sammenliknet med 2023."),
        "intensiv": (2, "Intensivkapasiteten i ordinær drift og beredskapskapasiteten."),
    }
    items = {}
    for order, (key, (goal, text)) in enumerate(texts.items()):
        item = Item.objects.create(document=doc, order=order, kind="indicator", main_goal=goal, text=text,
                                   confirmed=True)
        item.recipients.add(*[orgs[c] for c in ("FIN", "UNN", "NLSH", "HSYK")])
        items[key] = item
    series = {key: item.indicators.get() for key, item in items.items()}
    return SimpleNamespace(document=doc, items=items, series=series)
