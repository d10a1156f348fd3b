"""``styring backup`` / ``styring restore``: a round trip on this database, and across SQLite and
PostgreSQL; and ``load_demo`` refusing to run in production."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from styring.web.backup import BackupError, backed_up_models, backup, restore

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(orgs, make_user, media):
    """The exports' Helse Nord cycle, one more save in the history, and an attachment on disk."""
    from styring.reporting.entries import save_entry
    from tests.exports.factories import build_cycle

    cycle = build_cycle()
    reporter = make_user("UNN", "reporter")
    entry = cycle.report("UNN", "tertial").entries.select_related("item").first()
    save_entry(entry, reporter, {"text": "Lagret før sikkerhetskopien.",
                                 "attachment": ContentFile(b"%PDF-1.4 vedlegg", name="vedlegg.pdf")}, entry.version)
    return cycle


def snapshot() -> dict:
    """What must survive: every table's rows (as primary keys) and a few values people read."""
    from styring.reporting.models import ReportEntry

    rows = {m._meta.label_lower: sorted(m._base_manager.values_list("pk", flat=True)) for m in backed_up_models()}
    texts = sorted(ReportEntry.objects.values_list("pk", "status", "text", "version", "attachment"))
    return {"rows": rows, "texts": texts}


def test_a_backup_restores_into_an_empty_database_with_identical_content(world, tmp_path, media):
    from styring.reporting.models import Measure, ReportEntry

    before = snapshot()
    archive = tmp_path / "styring.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "data/requirements.historicalitem.json", "data/reporting.reportentry.json"} <= names
    assert any(n.startswith("media/reports/") and n.endswith("vedlegg.pdf") for n in names)

    call_command("flush", interactive=False, verbosity=0)  # an empty database, no files
    for file in Path(media).rglob("*"):
        if file.is_file():
            file.unlink()
    summary = restore(archive)
    assert snapshot() == before
    assert summary.files == 1 and sum(summary.counts.values()) == sum(len(v) for v in before["rows"].values())
    entry = ReportEntry.objects.exclude(attachment="").get()
    assert entry.attachment.open("rb").read() == b"%PDF-1.4 vedlegg"
    assert entry.history.latest().text == "Lagret før sikkerhetskopien."  # the history came back as it was
    assert entry.history.latest().history_user.username.startswith("unn-reporter")
    # the database goes on numbering after the restored rows (PostgreSQL's sequences are reset)
    assert before["rows"]["reporting.measure"]
    measure = Measure.objects.create(organisation=entry.report.organisation, item=entry.item, owner="Leder",
                                     description="Nytt etter gjenopprettingen", due_date=dt.date(2025, 1, 1))
    assert measure.pk > max(before["rows"]["reporting.measure"])
    assert measure.history.count() == 1


def test_restore_refuses_a_database_in_use_and_a_damaged_archive(world, tmp_path):
    archive = tmp_path / "styring.tar.gz"
    backup(archive)
    with pytest.raises(BackupError, match="Databasen er ikke tom"):
        restore(archive)
    broken = tmp_path / "skadet.tar.gz"
    broken.write_bytes(b"ikke en sikkerhetskopi")
    with pytest.raises(CommandError, match="kan ikke leses"):
        call_command("restore", str(broken))


def _postgres_admin_url() -> str | None:
    """A PostgreSQL server to restore into: this suite's, or the one at 127.0.0.1 (CI has both)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        return f"postgresql://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return os.environ.get("STYRING_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


def _restore_elsewhere(archive: Path, database_url: str, var: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=database_url, STYRING_VAR=str(var), STYRING_INSECURE_DEV_KEY="1",
               SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0")
    return subprocess.run([sys.executable, "-m", "styring.cli", "restore", str(archive)], capture_output=True,
                          text=True, env=env, timeout=300)


def test_a_backup_restores_into_sqlite_and_postgresql(world, tmp_path):
    """Whichever database this suite runs on, its backup loads into a fresh SQLite file and a fresh
    PostgreSQL database, with every count checked by ``restore``."""
    import psycopg

    archive = tmp_path / "styring.tar.gz"
    summary = backup(archive)
    total = sum(summary.counts.values())

    sqlite = _restore_elsewhere(archive, f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path / "var-sqlite")
    assert sqlite.returncode == 0, sqlite.stderr
    assert f"Gjenopprettet: {total} rader" in sqlite.stdout

    admin = _postgres_admin_url()
    name = f"styring_restore_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(f"{admin}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") or os.environ.get("STYRING_REQUIRE_SHARED") == "1":
            raise
        pytest.skip(f"no PostgreSQL server at {admin} to restore into: {exc}")
    try:
        postgres = _restore_elsewhere(archive, f"{admin}/{name}", tmp_path / "var-postgres")
        assert postgres.returncode == 0, postgres.stderr
        assert f"Gjenopprettet: {total} rader" in postgres.stdout
    finally:
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_load_demo_refuses_without_debug_and_says_why(orgs, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="kjører bare når DEBUG=1"):
        call_command("load_demo")


def test_load_demo_fails_loudly_when_the_sample_document_is_missing(orgs, settings, monkeypatch):
    from styring.documents import demo_data

    settings.DEBUG = True
    monkeypatch.setattr(demo_data, "load", lambda stdout: None)
    with pytest.raises(CommandError, match="Eksempeldokumentet kunne ikke importeres"):
        call_command("load_demo")


# --- bad archives: a clear Norwegian message, and database and files left as they were -----------

def _rewritten(archive: Path, out: Path, name: str, change) -> Path:
    """A copy of ``archive`` whose member ``name`` is ``change(bytes)``."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None  # type: ignore[union-attr]
            if member.name == name:
                data = change(data)
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    return out


def _broken_row(data: bytes) -> bytes:
    """The table's second row with a date that is not one."""
    import json

    rows = json.loads(data)
    field = next(k for k, v in rows[1]["fields"].items() if isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\d", v))
    rows[1]["fields"][field] = "ikke-en-dato"
    return json.dumps(rows).encode()


@pytest.fixture
def emptied(world, tmp_path, media):
    """A backup of the world, then an empty database and a media folder with one file of its own."""
    archive = tmp_path / "styring.tar.gz"
    backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    for file in Path(media).rglob("*"):
        if file.is_file():
            file.unlink()
    (Path(media) / "egen.txt").write_text("var her fra før")
    return archive


def _as_it_was(media: Path) -> None:
    from styring.web.backup import _is_empty

    assert _is_empty()
    assert sorted(p.relative_to(media).as_posix() for p in Path(media).rglob("*") if p.is_file()) == ["egen.txt"]
    assert not list(Path(media).parent.glob(".styring-restore-*"))  # no staged files left beside it


def test_restore_of_a_truncated_or_corrupted_archive_says_so_and_changes_nothing(emptied, tmp_path, media):
    data = emptied.read_bytes()
    truncated = tmp_path / "avkortet.tar.gz"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(CommandError, match="Sikkerhetskopien er avkortet"):
        call_command("restore", str(truncated))
    _as_it_was(media)

    corrupted = tmp_path / "skadet.tar.gz"
    middle = len(data) // 2
    corrupted.write_bytes(data[:middle] + bytes(b ^ 0x5A for b in data[middle:middle + 64]) + data[middle + 64:])
    with pytest.raises(BackupError, match="Sikkerhetskopien er skadet") as caught:
        restore(corrupted)
    assert "manifest.json" not in str(caught.value)
    _as_it_was(media)


def test_restore_of_a_broken_row_names_its_table_and_row_and_keeps_nothing(emptied, tmp_path, media):
    table = "data/reporting.reportentry.json"
    broken = _rewritten(emptied, tmp_path / "rad.tar.gz", table, _broken_row)
    with pytest.raises(BackupError, match=r"Rad 2 i tabellen reporting\.reportentry \(id \d+\) kan ikke leses inn: "
                                          r".*ikke-en-dato.*Ingenting er lagret\.") as caught:
        restore(broken)
    assert "Traceback" not in str(caught.value) and len(str(caught.value)) < 400
    _as_it_was(media)  # the users, organisations and documents loaded before the row are rolled back

    cut = _rewritten(emptied, tmp_path / "halv.tar.gz", table, lambda data: data[: len(data) // 2])
    with pytest.raises(BackupError, match=r"Tabellen reporting\.reportentry i sikkerhetskopien slutter midt i|"
                                          r"Rad \d+ i tabellen reporting\.reportentry i sikkerhetskopien er ødelagt"):
        restore(cut)
    _as_it_was(media)

    summary = restore(emptied)  # the good archive still restores into the target left as it was
    assert summary.files == 1 and (Path(media) / "egen.txt").exists()
    from styring.reporting.models import ReportEntry

    assert ReportEntry.objects.exclude(attachment="").get().attachment.open("rb").read() == b"%PDF-1.4 vedlegg"
