"""``styring derive_indicators``: read the targets of indicator items imported before the indicators app."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from styring.indicators.derive import derive_all


class Command(BaseCommand):
    help = "Leser mål for indikatorkrav som mangler serier eller er endret (mål satt av saksbehandler beholdes)."

    def handle(self, *args, **options) -> None:
        count = derive_all()
        self.stdout.write(f"Indikatorer: {count} krav fikk nye eller oppdaterte serier og mål.")
