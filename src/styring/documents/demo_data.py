"""Sample data for ``make demo``: one confirmed Helse Nord 2024 document in the register.

Seed 001 from ``../shared`` when it is there (Helse Nord's real Styringskrav og rammer 2024),
otherwise the short synthetic sample bundled in ``sample/``. Running it again changes nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model

from styring.documents.models import SteeringDocument
from styring.documents.services import ImportRejected, confirm_document, import_document
from styring.testing.shared import shared_path

SAMPLE = Path(__file__).resolve().parent / "sample" / "styringskrav_helse_nord_eksempel.txt"


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
    try:
        document = import_document(
            path, issuer_codes=["HN"], year=2024, user=user, kind=SteeringDocument.Kind.STYRINGSKRAV,
            title="Styringskrav og rammer 2024 – Helse Nord RHF",
        )
    except ImportRejected as exc:
        stdout.write(f"Styringsdokument: kunne ikke importere {path.name}: {exc}")
        return None
    count = confirm_document(document, user)
    stdout.write(f"Styringsdokument: «{document.title}» importert og bekreftet med {count} krav ({path.name}).")
    return document
