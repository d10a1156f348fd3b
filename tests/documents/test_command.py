"""``styring import``: a summary on success, a Norwegian error and a non-zero exit code on failure."""
from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styring.documents.models import SteeringDocument

pytestmark = pytest.mark.django_db

ITEMS = ("#assignment 101 1 UNN\nUNN skal gjøre noe innen fristen.", "#indicator - 3 FIN\nVentetiden skal ned.")


def test_import_prints_a_summary(fake_extractor, write_doc, hn_owner, media_root):
    out = StringIO()
    call_command("import", str(write_doc("hn.txt", *ITEMS)), "--issuer", "HN", "--year", "2024",
                 "--user", hn_owner.username, stdout=out)
    document = SteeringDocument.objects.get()
    assert f"Importert: {document.title} (nr. {document.pk}, til gjennomgang)" in out.getvalue()
    assert "2 krav: 0 mål, 1 indikator, 1 oppdrag" in out.getvalue()
    assert document.created_by == hn_owner and document.history.first().history_user == hn_owner


def test_import_with_confirm_and_new_version(fake_extractor, write_doc, orgs, media_root):
    call_command("import", str(write_doc("v1.txt", *ITEMS)), "--issuer", "HN", "--year", "2024", "--confirm",
                 stdout=StringIO())
    first = SteeringDocument.objects.get()
    assert first.is_confirmed
    out = StringIO()
    call_command("import", str(write_doc("v2.txt", ITEMS[0])), "--issuer", "HN", "--year", "2024",
                 "--supersedes", str(first.pk), stdout=out)
    assert f"Ny versjon av nr. {first.pk}: 0 nye, 0 endret, 1 tatt ut" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--issuer", "XX", "--year", "2024"], "Ukjent utsteder: XX"),
        (["--issuer", "HN", "--year", "2024", "--user", "ingen"], "Fant ingen bruker «ingen»"),
        (["--issuer", "HN", "--year", "2024", "--supersedes", "999"], "Fant ikke dokument nr. 999"),
    ],
)
def test_errors_are_norwegian_command_errors(fake_extractor, write_doc, orgs, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import", str(write_doc("hn.txt", *ITEMS)), *args, stdout=StringIO())
    assert not SteeringDocument.objects.exists()


def test_console_command_exits_non_zero_with_the_message(tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    env_db = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "DEBUG": "1", "STYRING_VAR": str(tmp_path)}
    env = {**os.environ, **env_db}
    styring = [sys.executable, "-m", "styring.cli"]
    subprocess.run([*styring, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    result = subprocess.run([*styring, "import", str(empty), "--issuer", "HN", "--year", "2024"],
                            env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Filen er tom" in result.stderr and "Traceback" not in result.stderr
