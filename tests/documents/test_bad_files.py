"""Every bad input through the upload form: a clear Norwegian message, nothing saved, no stack trace.

These go through the real extractor (reader and extract), which decides what is wrong with a file.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styring.documents.models import SteeringDocument
from styring.requirements.models import Item
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A small, well-formed PDF from numbered object bodies (1 0 obj is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """One page that only paints a picture (an inline grey image): no text layer, like a scan."""
    drawing = b"q 500 0 0 700 50 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream",
    ])


def encrypted_pdf() -> bytes:
    """A PDF behind the standard security handler with a user password we do not know."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
    )


def zip_bomb_docx() -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to far more than any real document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(400):  # 400 MB of blanks, a few hundred KB compressed
                member.write(chunk)
    return buffer.getvalue()


CASES = {
    "empty": ("tom.txt", lambda: b"", "tom"),
    "scanned": ("skannet.pdf", scanned_pdf, "tekstlag"),
    "encrypted": ("kryptert.pdf", encrypted_pdf, "kryptert"),
    "corrupt_pdf": ("skadet.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff" * 20, "ødelagt"),
    "docx_not_zip": ("ikke-zip.docx", lambda: b"Dette er ikke en zip-fil, bare tekst." * 10, "ikke en gyldig word-fil"),
    "zip_bomb": ("bombe.docx", zip_bomb_docx, "zip-bombe"),
    "unknown_format": ("bilde.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "ukjent filformat"),
    "no_items": (
        "brev.txt",
        lambda: "Kjære alle,\n\ntakk for et godt møte i går. Vi ses igjen neste uke.\n\nHilsen Helse Nord RHF\n".encode(),
        "fant ingen",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_gets_a_norwegian_message_and_nothing_is_saved(case, client, make_user, orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    name, make, keyword = CASES[case]
    path = Path(tmp_path) / name
    path.write_bytes(make())
    client.force_login(make_user("HN", "owner_staff"))
    with path.open("rb") as f:
        response = client.post(reverse("documents:upload"), {"file": f, "issuer": orgs["HN"].pk, "year": 2024})
    assert response.status_code == 400
    alert = response.text.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "Dokumentet ble ikke importert" in alert and keyword in alert.lower(), alert
    assert "Traceback" not in response.text and "Exception" not in response.text
    assert not SteeringDocument.objects.exists() and not Item.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_too_large_file_is_refused_with_the_limit(client, make_user, orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STYRING_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(make_user("HN", "owner_staff"))
    upload = SimpleUploadedFile("stor.txt", b"Helse Nord RHF skal " * 70_000)
    response = client.post(reverse("documents:upload"), {"file": upload, "issuer": orgs["HN"].pk, "year": 2024})
    assert response.status_code == 400
    assert "Filen er for stor" in response.text and "1 MB" in response.text
    assert not SteeringDocument.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_unexpected_failure_is_a_message_not_a_stack_trace(client, make_user, orgs, settings, tmp_path, monkeypatch):
    from styring.documents import services

    settings.MEDIA_ROOT = tmp_path / "media"

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "import_document", explode)
    client.force_login(make_user("HN", "owner_staff"))
    upload = SimpleUploadedFile("a.txt", b"Noe tekst")
    response = client.post(reverse("documents:upload"), {"file": upload, "issuer": orgs["HN"].pk, "year": 2024})
    assert response.status_code == 400 and "Noe gikk galt under importen, og ingenting ble lagret" in response.text
    assert "boom" not in response.text
