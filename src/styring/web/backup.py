"""One archive with everything Styring holds, and loading it back into an empty database.

    backup(path)   → a .tar.gz: ``manifest.json`` (versions, migrations, counts per table, files with
                     their SHA-256), ``data/<model>.json`` (every table, the history included, read in
                     one transaction so the tables agree) and ``media/`` (uploaded documents and
                     attachments).
    restore(path)  → into a database without users, documents or reports: migrate, empty it, load,
                     and check every count against the manifest. The archive is read as a stream and
                     each table row by row (memory stays flat whatever the size); the files are
                     checked and staged beside MEDIA_ROOT, and moved in only after the database has
                     committed. Nothing is half-loaded: a truncated or damaged archive, a broken row
                     (named by table and row) or a wrong count leaves database and files as they were.

The data is Django's JSON serialisation (natural keys for users and content types), so a backup of
SQLite restores into PostgreSQL and the other way round. Not kept: sessions and API tokens (everyone
logs in again), content types and permissions (made by ``migrate``).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, transaction
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
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
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
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"Sikkerhetskopien har et ugyldig filnavn: {name}")
    return relative


TRUNCATED = ("Sikkerhetskopien er avkortet (filen slutter før den er ferdig, kanskje ble kopieringen avbrutt). "
             "Ingenting er lagret; bruk en hel kopi.")
CORRUPTED = "Sikkerhetskopien er skadet ({}). Ingenting er lagret; bruk en annen kopi."
CHUNK = 1 << 20  # characters of a table's JSON read at a time
BATCH = 2000  # rows between two checks of how far the restore has come


@dataclass
class _Unpacked:
    manifest: dict
    tables: dict[str, Path]  # label → its JSON file in the temporary directory
    files: dict[str, tuple[Path, str]]  # name under media/ → its staged copy and SHA-256


def _unpack(path: Path, tmp: Path, staging: Path) -> _Unpacked:
    """Read the archive once, from start to end (a stream: no table or file is held in memory): the
    tables into ``tmp``, the files into ``staging``, and the manifest."""
    manifest = None
    tables: dict[str, Path] = {}
    files: dict[str, tuple[Path, str]] = {}
    members = 0
    try:
        # gzip itself (not tarfile's reader) checks the CRC and length at the end: a damaged archive is told
        with gzip.open(path, "rb") as stream, tarfile.open(fileobj=stream, mode="r|") as archive:
            for member in archive:
                members += 1
                if not member.isfile():
                    continue
                source = archive.extractfile(member)
                if source is None:  # never for a regular file
                    continue
                if member.name == "manifest.json":
                    manifest = json.load(source)
                elif member.name.startswith("data/"):
                    target = tmp / _safe_name(member.name, "data")
                    with target.open("wb") as out:
                        shutil.copyfileobj(source, out, CHUNK)
                    tables[target.name.removesuffix(".json")] = target
                elif member.name.startswith("media/"):
                    relative = _safe_name(member.name, "media")
                    target = staging / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    with target.open("wb") as out:
                        for block in iter(lambda: source.read(CHUNK), b""):  # noqa: B023 - used at once
                            digest.update(block)
                            out.write(block)
                    files[relative.as_posix()] = (target, digest.hexdigest())
            while stream.read(CHUNK):  # to the end, where gzip checks the whole
                pass
    except (EOFError, tarfile.ReadError, zlib.error, OSError, ValueError) as exc:
        message = str(exc)
        if not members:
            raise BackupError(f"Filen kan ikke leses som en sikkerhetskopi fra Styring: {message}") from None
        if isinstance(exc, EOFError) or "unexpected end of data" in message or "end-of-stream" in message:
            raise BackupError(TRUNCATED) from None
        raise BackupError(CORRUPTED.format(_excerpt(message))) from None
    if manifest is None:
        raise BackupError("Sikkerhetskopien mangler manifest.json, så den kan ikke kontrolleres. Ingenting er lagret.")
    return _Unpacked(manifest, tables, files)


def _excerpt(text: object, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _records(path: Path, label: str) -> Iterator[dict]:
    """The rows of one table's JSON array, one at a time (the file is read a megabyte at a time)."""
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as handle:
        buffer, pos, started, row = "", 0, False, 0
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(buffer):
                more = handle.read(CHUNK)
                if not more:
                    raise BackupError(f"Tabellen {label} i sikkerhetskopien slutter midt i (etter rad {row}). "
                                      "Ingenting er lagret.")
                buffer, pos = more, 0
                continue
            if not started:
                if buffer[pos] != "[":
                    raise BackupError(f"Tabellen {label} i sikkerhetskopien er skadet (ikke en liste over rader).")
                started, pos = True, pos + 1
                continue
            if buffer[pos] == "]":
                return
            try:
                record, end = decoder.raw_decode(buffer, pos)
            except json.JSONDecodeError as exc:
                # perhaps the row goes on in the next megabyte (a row is never near 64 of them)
                more = handle.read(CHUNK) if len(buffer) - pos < 64 * CHUNK else ""
                if more:
                    buffer, pos = buffer[pos:] + more, 0
                    continue
                raise BackupError(f"Rad {row + 1} i tabellen {label} i sikkerhetskopien er ødelagt "
                                  f"({_excerpt(exc.msg)}). Ingenting er lagret.") from None
            if not isinstance(record, dict):
                raise BackupError(f"Rad {row + 1} i tabellen {label} i sikkerhetskopien er ødelagt "
                                  "(ikke en rad). Ingenting er lagret.")
            row, pos = row + 1, end
            yield record


def _load_table(label: str, path: Path, deferred: list) -> int:
    """Save the table's rows one by one, as ``loaddata`` does (raw saves; many-to-many after)."""
    count = 0
    for count, record in enumerate(_records(path, label), 1):  # noqa: B007 - the count is returned
        try:
            for obj in serializers.deserialize("python", [record], handle_forward_references=True):
                obj.save()
                if obj.deferred_fields:
                    deferred.append(obj)
        except BackupError:
            raise
        except Exception as exc:  # any reason a row cannot be loaded: named, and nothing is kept
            raise BackupError(f"Rad {count} i tabellen {label} (id {_excerpt(record.get('pk'), 40)}) kan ikke "
                              f"leses inn: {_excerpt(exc)}. Ingenting er lagret.") from None
    return count


def restore(path: Path) -> Summary:
    """Load the archive at ``path`` into this (empty) database and ``MEDIA_ROOT``: all of it or nothing.
    The database is loaded in one transaction; the files are written to a directory beside
    ``MEDIA_ROOT`` and moved into it only once the database has committed."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="styring-restore-") as tmp, \
            tempfile.TemporaryDirectory(prefix=".styring-restore-", dir=media_root.parent) as staging:
        unpacked = _unpack(path, Path(tmp), Path(staging))
        manifest = unpacked.manifest
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Ukjent format {manifest.get('format')} på sikkerhetskopien.")
        for name, expected in manifest.get("files", {}).items():
            staged = unpacked.files.get(name)
            if staged is None:
                raise BackupError(f"Filen {name} mangler i sikkerhetskopien. Ingenting er lagret.")
            if staged[1] != expected["sha256"]:
                raise BackupError(f"Filen {name} i sikkerhetskopien er skadet (sjekksummen stemmer ikke).")
        call_command("migrate", interactive=False, verbosity=0)
        if not _is_empty():
            raise BackupError("Databasen er ikke tom (den har brukere, dokumenter eller rapporter). "
                              "Gjenopprett bare i en ny, tom database.")
        here = _applied_migrations()
        if here != manifest["migrations"]:
            raise BackupError("Sikkerhetskopien er laget med en annen databaseversjon av Styring. Gjenopprett med "
                              f"samme versjon ({manifest['styring']}), og oppgrader etterpå.")
        by_label = {m._meta.label_lower: m for m in backed_up_models()}
        ordered = [label for label in by_label if label in unpacked.tables]
        if not ordered:
            raise BackupError("Sikkerhetskopien har ingen data.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=False)
            # the history is loaded as it was: simple-history must not add records for the m2m rows it loads
            with override_settings(SIMPLE_HISTORY_ENABLED=False), connection.constraint_checks_disabled():
                deferred: list = []
                for label in ordered:
                    _load_table(label, unpacked.tables[label], deferred)
                for obj in deferred:
                    obj.save_deferred_fields()
            try:
                connection.check_constraints(table_names=[by_label[label]._meta.db_table for label in ordered])
            except (IntegrityError, DatabaseError) as exc:
                raise BackupError(f"En rad i sikkerhetskopien viser til en rad som mangler ({_excerpt(exc)}). "
                                  "Ingenting er lagret.") from None
            with connection.cursor() as cursor:  # PostgreSQL numbers on after the restored rows
                for sql in connection.ops.sequence_reset_sql(no_style(), [by_label[label] for label in ordered]):
                    cursor.execute(sql)
            counts = {label: by_label[label]._base_manager.count() for label in manifest["counts"] if label in by_label}
            wrong = {label: (counts.get(label), n) for label, n in manifest["counts"].items() if counts.get(label) != n}
            if wrong:
                listed = ", ".join(f"{label}: {got} av {want}" for label, (got, want) in sorted(wrong.items()))
                raise BackupError(f"Antallet stemmer ikke etter innlesingen ({listed}); ingenting er lagret.")
        # the database has committed: now the files take their places
        for name, (copy, _digest) in unpacked.files.items():
            if name in manifest.get("files", {}):
                target = media_root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(copy, target)
    return Summary(counts, len(manifest.get("files", {})))
