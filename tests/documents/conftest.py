"""Fixtures for the import tests: a stand-in extractor with a tiny line format, and documents in it.

The stand-in keeps these tests about importing (rows, versions, years, access) independent of the
real extractor, which has its own tests; the bad-file and browser tests use the real one.

Format of a stand-in document: each item starts with a header line
``#kind ref main_goal RECIPIENTS [informed=CODES] [lead=CODE] [frist=YYYY-MM-DD] [rapport=mode]``
(``-`` for no ref/main goal) followed by its text; everything before the first header is preamble.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from styring.documents import services

HEADER = re.compile(r"^#(goal|indicator|assignment) .*$", re.M)


def fake_extract(text: str) -> dict:
    items = []
    headers = list(HEADER.finditer(text))
    for n, header in enumerate(headers):
        words = header.group(0)[1:].split()
        kind, ref, goal, recipients, options = words[0], words[1], words[2], words[3], words[4:]
        opts: dict[str, list[str]] = {}
        for option in options:
            key, _, value = option.partition("=")
            opts.setdefault(key, []).extend(value.split(","))
        start = header.end() + 1
        end = headers[n + 1].start() if n + 1 < len(headers) else len(text)
        body = text[start:end]
        stripped = body.strip()
        offset = start + body.find(stripped)
        items.append({
            "kind": kind, "ref": None if ref == "-" else ref, "main_goal": None if goal == "-" else int(goal),
            "text": stripped, "recipients": recipients.split(","), "informed": opts.get("informed", []),
            "lead": opts["lead"][0] if opts.get("lead") else None, "deadlines": opts.get("frist", []),
            "reporting": opts.get("rapport", []), "source": [{"start": offset, "end": offset + len(stripped)}],
        })
    if not items:
        raise services.ImportRejected("Fant ingen krav i dokumentet.")
    return {
        "document": {"issuer": ["HN"], "year": 2024, "language": "nb"},
        "items": items,
        "reporting_deadlines": [{"date": "2024-05-15", "what": "1. tertial"}],
        "allocations": [{"from": "HN", "to": "UNN", "amount_nok": 6790610000, "year": 2024, "purpose": "basisramme"}],
    }


@pytest.fixture
def fake_extractor(monkeypatch):
    def read_and_extract(path, filename):
        text = Path(path).read_text(encoding="utf-8")
        return text, fake_extract(text)

    monkeypatch.setattr(services, "read_and_extract", read_and_extract)
    return fake_extract


@pytest.fixture
def write_doc(tmp_path):
    """``write_doc("name.txt", "#assignment 1 1 UNN\\nText", ...)`` → the path of a stand-in document."""

    def write(name: str, *items: str, preamble: str = "Styringskrav 2024\n\n") -> Path:
        path = tmp_path / name
        path.write_text(preamble + "\n\n".join(items) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def hn_owner(make_user):
    return make_user("HN", "owner_staff")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []
