"""Sample data for ``make demo``: one confirmed Helse Nord document in the register, as this year's.

Seed 001 from ``../shared`` when it is there (Helse Nord's real Styringskrav og rammer 2024),
otherwise the short synthetic sample bundled in ``sample/``. The demo is the current cycle, so the
document is registered for the year the demo is loaded in (``DEMO_YEAR``); its text, and so the
dates read from it (items' deadlines, the reporting calendar), stay the 2024 document's, and its
title says so. The demo's own periods, reports, measures and sample values are dated from today
(``styring.reporting.demo_data``, ``styring.indicators.demo_data``). Running it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model

from styring.documents.models import SteeringDocument
from styring.documents.services import ImportRejected, confirm_document, import_document
from styring.testing.shared import shared_path

SAMPLE = Path(__file__).resolve().parent / "sample" / "styringskrav_helse_nord_eksempel.txt"
SOURCE_YEAR = 2024  # the year the seed's text is written for


def demo_year() -> int:
    """The year the demo's cycle runs in: this year."""
    return dt.date.today().year


def source_file() -> Path:
    seeds = sorted((shared_path() / "seeds").glob("001_*.txt"))
    return seeds[0] if seeds else SAMPLE


def load(stdout) -> SteeringDocument | None:
    path = source_file()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    existing = SteeringDocument.objects.filter(sha256=digest).first()
    if existing is not None:
        stdout.write(f"Styringsdokument: «{existing.title}» er allerede importert.")
        return existing
    user = get_user_model().objects.filter(username="hn-eier").first()
    year = demo_year()
    title = "Styringskrav og rammer 2024 – Helse Nord RHF"
    if year != SOURCE_YEAR:
        title += f" (eksempel, brukt som {year})"
    try:
        document = import_document(
            path, issuer_codes=["HN"], year=year, user=user, kind=SteeringDocument.Kind.STYRINGSKRAV, title=title,
        )
    except ImportRejected as exc:
        stdout.write(f"Styringsdokument: kunne ikke importere {path.name}: {exc}")
        return None
    count = confirm_document(document, user)
    stdout.write(f"Styringsdokument: «{document.title}» importert og bekreftet med {count} krav ({path.name}).")
    return document
