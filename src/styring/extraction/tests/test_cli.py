from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from styring.extraction.cli import main

DATA = Path(__file__).parent / "data"


def test_json_output(capsys):
    assert main(["extract", str(DATA / "malbilde.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"document", "items", "reporting_deadlines", "allocations"}
    assert "Mål for Sykehusinnkjøp HF" in out["items"][0]["text"]


def test_table_output(capsys):
    assert main(["extract", str(DATA / "oppdrag_nn.txt")]) == 0
    out = capsys.readouterr().out
    assert "styringsbudskap" in out and "indikator" in out


def test_error_exit_code_and_norwegian_message(tmp_path, capsys):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), "--json"]) == 2
    captured = capsys.readouterr()
    assert "er tom" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_console_script_without_django(tmp_path):
    """``styring extract`` dispatches here without starting Django; UTF-8 on stdout."""
    code = (
        "import sys; from styring.cli import main; "
        "sys.exit(main(['extract', sys.argv[1], '--json']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "malbilde.txt")],
        capture_output=True, env={"PYTHONIOENCODING": "ascii", "PATH": ""}, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["items"][0]["recipients"] == ["SYKI"]
    assert "django" not in proc.stderr.decode().lower()
