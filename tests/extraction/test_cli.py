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


def test_json_is_exactly_the_contract_and_review_adds_the_notes(capsys):
    assert main(["extract", str(DATA / "malbilder_felleseide.txt"), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert set(plain["document"]) == {"issuer", "year", "language"}
    assert all("review" not in it for it in plain["items"])
    assert main(["extract", str(DATA / "malbilder_felleseide.txt"), "--json", "--review"]) == 0
    noted = json.loads(capsys.readouterr().out)
    assert noted["document"]["review"]["issuer"]["confidence"] == 0.7
    bullet = next(it for it in noted["items"] if it["text"].startswith("Være en pådriver"))
    assert bullet["review"] == {"confidence": 0.75, "reasons": ["liste uten punkttegn, gjenkjent fra innrykk"]}


def test_a_document_without_items_still_prints_the_contract_object(tmp_path, capsys):
    letter = tmp_path / "brev.txt"
    letter.write_text("Dette er bare et brev om et møte.\n\nMed vennlig hilsen\nHelse Nord RHF\n", encoding="utf-8")
    assert main(["extract", str(letter), "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out == {"document": {"issuer": ["HN"], "year": None, "language": "nb"}, "items": [],
                   "reporting_deadlines": [], "allocations": []}
    assert captured.err.startswith("Advarsel: Fant ingen styringsbudskap")


def test_table_output_lists_what_needs_a_look(capsys):
    assert main(["extract", str(DATA / "malbilder_felleseide.txt")]) == 0
    out = capsys.readouterr().out
    assert "8 budskap bør kontrolleres:" in out
    assert "Utsteder usikker (0.70)" in out
