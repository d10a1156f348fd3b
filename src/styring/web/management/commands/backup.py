"""``styring backup PATH``: one consistent archive of the database (history included), the uploaded
files and a manifest with versions and counts. See ``styring.web.backup``."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styring.web.backup import BackupError, backup


class Command(BaseCommand):
    help = "Lager en sikkerhetskopi (database med historikk, opplastede filer og et manifest) i én .tar.gz-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Filen som skal lages, f.eks. styring-2026-12-01.tar.gz")

    def handle(self, *args, path: Path, **options) -> None:
        if path.exists():
            raise CommandError(f"{path} finnes allerede; velg et nytt filnavn.")
        try:
            summary = backup(path)
        except BackupError as exc:
            path.unlink(missing_ok=True)
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Sikkerhetskopi: {path} ({sum(summary.counts.values())} rader i "
                          f"{len(summary.counts)} tabeller, {summary.files} filer).")
