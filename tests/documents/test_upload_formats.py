"""A document upload is accepted only in a format the extractor reads (PDF, DOCX, text), told by its
content and not its name, by one check for the page and the API (issue 19: the API took an .exe)."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.documents.models import SteeringDocument
from styring.extraction.readers import document_format

pytestmark = pytest.mark.django_db
# a program whose first bytes read like text (the reader's text sniffing took it for a document)
EXE = b"MZ\r\nThis program cannot be run in DOS mode.\r\n" + (
    b"Styringskrav 2025\n\n1. Helseforetakene skal redusere ventetidene innen 1. juli 2025.\n" * 20)
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode.\r\n" * 20


@pytest.mark.parametrize("data,expected", [
    (b"%PDF-1.7\n...", "pdf"), (b"Styringskrav 2025\n\n1. Ventetider", "txt"), (EXE, None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, None), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, None),
])
def test_the_format_is_told_by_content(data, expected):
    assert document_format(io.BytesIO(data)) == expected


def test_an_exe_is_refused_by_the_api_and_the_page_whatever_its_name(api, client, make_user):
    for name in ("styringskrav.exe", "styringskrav.pdf", "styringskrav.txt"):
        answer = api("HN", "owner_staff").post("/api/documents/", {
            "file": SimpleUploadedFile(name, EXE), "issuers": "HN", "year": 2025}, format="multipart")
        assert answer.status_code == 400, (name, answer.content[:200])
        assert "PDF, et Word-dokument (.docx) eller ren tekst" in str(answer.json())
    client.force_login(make_user("HN", "owner_staff"))
    page = client.post("/dokumenter/last-opp/", {"file": SimpleUploadedFile("styringskrav.pdf", EXE), "year": 2025})
    assert "PDF, et Word-dokument (.docx) eller ren tekst" in page.content.decode()
    assert not SteeringDocument.objects.exists()


def test_an_unknown_issuer_is_quoted_as_a_short_excerpt(api):
    answer = api("HN", "owner_staff").post("/api/documents/", {
        "file": SimpleUploadedFile("krav.txt", b"Styringskrav 2025"), "issuers": "X" * 50_000, "year": 2025},
        format="multipart")
    assert answer.status_code == 400 and len(answer.json()["detail"]) < 200, answer.content[:300]
