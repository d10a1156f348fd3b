"""``styring reindex``: rebuild the search index (after bulk loads, which send no signals)."""
from django.core.management.base import BaseCommand

from styring.search.index import rebuild


class Command(BaseCommand):
    help = "Bygg søkeindeksen på nytt fra databasen."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Indekserte {rebuild()} oppføringer.")
