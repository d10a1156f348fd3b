"""One archive with everything Styring holds, and loading it back into an empty database.

    backup(path)   → a .tar.gz: ``manifest.json`` (versions, migrations, counts per table, files with
                     their SHA-256), ``data/<model>.json`` (every table, the history included, read in
                     one transaction so the tables agree) and ``media/`` (uploaded documents and
                     attachments).
    restore(path)  → into a database without users, documents or reports: migrate, empty it, load,
                     and check every count against the manifest; the files are checked and written
                     first. Nothing is half-loaded: a mismatch rolls the database back.

The data is Django's JSON serialisation (natural keys for users and content types), so a backup of
SQLite restores into PostgreSQL and the other way round. Not kept: sessions and API tokens (everyone
logs in again), content types and permissions (made by ``migrate``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

FORMAT = 1
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session", "knox.authtoken"}


class BackupError(Exception):
    """Why a backup cannot be made or restored, in Norwegian."""


@dataclass
class Summary:
    counts: dict[str, int]
    files: int


def backed_up_models() -> list:
    """Every table to keep, in an order that loads (what a model refers to by natural key first)."""
    ordered = serializers.sort_dependencies([(config, None) for config in apps.get_app_configs()], allow_cycles=True)
    return [m for m in ordered if m._meta.label_lower not in NOT_BACKED_UP and m._meta.managed
            and not m._meta.proxy]


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(path: Path) -> Summary:
    """Write the archive to ``path``."""
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="styring-backup-") as tmp, tarfile.open(path, "w:gz") as archive:
        with transaction.atomic():  # one snapshot of every table
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for model in backed_up_models():
                label = model._meta.label_lower
                target = Path(tmp) / f"{label}.json"
                rows = model._base_manager.order_by("pk")
                with target.open("w", encoding="utf-8") as handle:
                    serializers.serialize("json", rows.iterator(chunk_size=2000), stream=handle,
                                          use_natural_foreign_keys=True)
                counts[label] = rows.count()
                archive.add(target, arcname=f"data/{label}.json")
            migrations = _applied_migrations()
        root = Path(settings.MEDIA_ROOT)
        files = {}
        for file in _media_files():
            relative = file.relative_to(root).as_posix()
            files[relative] = {"size": file.stat().st_size, "sha256": _sha256(file)}
            archive.add(file, arcname=f"media/{relative}")
        manifest = {
            "format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "styring": metadata.version("styring"), "django": django.get_version(), "database": connection.vendor,
            "migrations": migrations, "counts": counts, "files": files,
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return Summary(counts, len(files))


def _is_empty() -> bool:
    from django.contrib.auth import get_user_model

    from styring.documents.models import SteeringDocument
    from styring.reporting.models import Report

    return not (get_user_model().objects.exists() or SteeringDocument.objects.exists() or Report.objects.exists())


def _safe_name(name: str, prefix: str) -> PurePosixPath:
    relative = PurePosixPath(name).relative_to(prefix)
    if relative.is_absolute() or ".." in relative.parts:
        raise BackupError(f"Sikkerhetskopien har et ugyldig filnavn: {name}")
    return relative


def restore(path: Path) -> Summary:
    """Load the archive at ``path`` into this (empty) database and ``MEDIA_ROOT``."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with-statement below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Filen kan ikke leses som en sikkerhetskopi fra Styring: {exc}") from None
    with archive, tempfile.TemporaryDirectory(prefix="styring-restore-") as tmp:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        except (KeyError, ValueError, TypeError):
            raise BackupError("Sikkerhetskopien mangler manifest.json.") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Ukjent format {manifest.get('format')} på sikkerhetskopien.")
        call_command("migrate", interactive=False, verbosity=0)
        if not _is_empty():
            raise BackupError("Databasen er ikke tom (den har brukere, dokumenter eller rapporter). "
                              "Gjenopprett bare i en ny, tom database.")
        here = _applied_migrations()
        if here != manifest["migrations"]:
            raise BackupError("Sikkerhetskopien er laget med en annen databaseversjon av Styring. Gjenopprett med "
                              f"samme versjon ({manifest['styring']}), og oppgrader etterpå.")
        fixtures = []
        for member in archive.getmembers():
            if member.name.startswith("data/") and member.isfile():
                target = Path(tmp) / _safe_name(member.name, "data")
                target.write_bytes(archive.extractfile(member).read())  # type: ignore[union-attr]
                fixtures.append(target)
        media_root = Path(settings.MEDIA_ROOT)
        for name, expected in manifest["files"].items():
            data = archive.extractfile(f"media/{name}").read()  # type: ignore[union-attr]
            if hashlib.sha256(data).hexdigest() != expected["sha256"]:
                raise BackupError(f"Filen {name} i sikkerhetskopien er skadet (sjekksummen stemmer ikke).")
            target = media_root / _safe_name(f"media/{name}", "media")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        by_label = {m._meta.label_lower: m for m in backed_up_models()}
        ordered = [Path(tmp) / f"{label}.json" for label in by_label if (Path(tmp) / f"{label}.json").exists()]
        if not ordered:
            raise BackupError("Sikkerhetskopien har ingen data.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=False)
            # the history is loaded as it was: simple-history must not add records for the m2m rows it loads
            with override_settings(SIMPLE_HISTORY_ENABLED=False), warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="No fixture data found")  # an empty table
                call_command("loaddata", *[str(p) for p in ordered], verbosity=0)
            counts = {label: by_label[label]._base_manager.count() for label in manifest["counts"] if label in by_label}
            wrong = {label: (counts.get(label), n) for label, n in manifest["counts"].items() if counts.get(label) != n}
            if wrong:
                listed = ", ".join(f"{label}: {got} av {want}" for label, (got, want) in sorted(wrong.items()))
                raise BackupError(f"Antallet stemmer ikke etter innlesingen ({listed}); ingenting er lagret.")
    return Summary(counts, len(manifest["files"]))
