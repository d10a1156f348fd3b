"""Sample data for ``make demo``: confirmed documents in the register, as this year's.

With ``../shared`` beside the project: seed 001 (Helse Nord's real Styringskrav og rammer 2024).
Without it, the demo stands alone on the two sample documents written for the project in
``sample/``: the ministry's oppdragsdokument to Helse Nord RHF and Helse Nord's styringskrav og
rammer to its trusts (about a hundred items under the three hovedmål, per-trust sections, a
reporting calendar, a budget table and grants, per-hospital quality indicators in Vedlegg 3), both
imported through the same import service as a user's upload and confirmed, so the cascade runs from
the ministry to the trusts.

The demo is the current cycle, so the documents are registered for the year the demo is loaded in
(``demo_year``); their text, and so the dates read from it (items' deadlines, the reporting
calendar), stays the source's, and the title says so when the years differ. The demo's own periods,
reports, measures and sample values are dated from today (``styring.reporting.demo_data``,
``styring.indicators.demo_data``). Running it again changes nothing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from django.contrib.auth import get_user_model
from django.utils import timezone

from styring.documents.models import SteeringDocument
from styring.documents.services import ImportRejected, confirm_document, import_document
from styring.testing.shared import shared_path

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
SAMPLE = SAMPLE_DIR / "styringskrav_2026_helse_nord.txt"  # Helse Nord RHF → its trusts
MINISTRY_SAMPLE = SAMPLE_DIR / "oppdragsdokument_2026_helse_nord.txt"  # HOD → Helse Nord RHF
SAMPLE_YEAR = 2026  # the year the samples are written for
SOURCE_YEAR = 2024  # the year seed 001's text is written for


@dataclass(frozen=True)
class DemoSource:
    path: Path
    issuer: str
    kind: str
    title: str  # without the year note
    year: int  # the year the text is written for
    importer: str  # the demo user who imports and confirms it
    sample: bool  # written for the project (titled as an example)

    def title_in(self, year: int) -> str:
        if self.sample:
            return self.title + (" (eksempel)" if year == self.year else f" (eksempel, brukt som {year})")
        return self.title + ("" if year == self.year else f" (eksempel, brukt som {year})")


def demo_year() -> int:
    """The year the demo's cycle runs in: this year."""
    return timezone.localdate().year


def source_file() -> Path:
    """Helse Nord's document for the demo: seed 001 when ``../shared`` is there, else the sample."""
    seeds = sorted((shared_path() / "seeds").glob("001_*.txt"))
    return seeds[0] if seeds else SAMPLE


def sources() -> list[DemoSource]:
    """The documents to load, the ones above first."""
    path = source_file()
    styringskrav = SteeringDocument.Kind.STYRINGSKRAV
    if path == SAMPLE:
        return [
            DemoSource(MINISTRY_SAMPLE, "HOD", SteeringDocument.Kind.OPPDRAGSDOKUMENT,
                       f"Oppdragsdokument {SAMPLE_YEAR} – Helse Nord RHF", SAMPLE_YEAR, "hod", True),
            DemoSource(SAMPLE, "HN", styringskrav, f"Styringskrav og rammer {SAMPLE_YEAR} – Helse Nord RHF",
                       SAMPLE_YEAR, "hn-eier", True),
        ]
    return [DemoSource(path, "HN", styringskrav, f"Styringskrav og rammer {SOURCE_YEAR} – Helse Nord RHF",
                       SOURCE_YEAR, "hn-eier", False)]


def _load_one(source: DemoSource, stdout: SupportsWrite[str]) -> SteeringDocument | None:
    digest = hashlib.sha256(source.path.read_bytes()).hexdigest()
    existing = SteeringDocument.objects.filter(sha256=digest).first()
    if existing is not None:
        stdout.write(f"Styringsdokument: «{existing.title}» er allerede importert.")
        return existing
    user = get_user_model().objects.filter(username=source.importer).first()
    year = demo_year()
    try:
        document = import_document(source.path, issuer_codes=[source.issuer], year=year, user=user,
                                   kind=source.kind, title=source.title_in(year))
    except ImportRejected as exc:
        stdout.write(f"Styringsdokument: kunne ikke importere {source.path.name}: {exc}")
        return None
    count = confirm_document(document, user)
    stdout.write(f"Styringsdokument: «{document.title}» importert og bekreftet med {count} krav ({source.path.name}).")
    return document


def load(stdout: SupportsWrite[str]) -> SteeringDocument | None:
    """Import and confirm the demo's documents; returns Helse Nord's (None when one failed)."""
    document = None
    for source in sources():
        document = _load_one(source, stdout)
        if document is None:
            return None
    return document
