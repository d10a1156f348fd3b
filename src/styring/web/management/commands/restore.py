"""``styring restore PATH``: load a backup into an empty database (SQLite or PostgreSQL, whichever
the backup came from) and check every count. See ``styring.web.backup``."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styring.web.backup import BackupError, restore


class Command(BaseCommand):
    help = "Gjenoppretter en sikkerhetskopi i en tom database og kontrollerer antallet rader i hver tabell."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Sikkerhetskopien (.tar.gz) fra styring backup")

    def handle(self, *args, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"Fant ikke {path}.")
        try:
            summary = restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for label, count in sorted(summary.counts.items()):
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(f"Gjenopprettet: {sum(summary.counts.values())} rader i {len(summary.counts)} tabeller, "
                          f"{summary.files} filer; antallene stemmer med sikkerhetskopien.")
