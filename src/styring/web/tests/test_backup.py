"""``styring backup`` / ``styring restore``: a round trip on this database, and across SQLite and
PostgreSQL; and ``load_demo`` refusing to run in production."""
from __future__ import annotations

import datetime as dt
import os
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
    from styring.exports.tests.factories import build_cycle
    from styring.reporting.entries import save_entry

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
