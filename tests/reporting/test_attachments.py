"""Attachments on entries: uploaded with the entry (size and type checked, Norwegian messages) and
downloaded only through an access-controlled view, never from a public /media/ address."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.reporting import workflow
from styring.reporting.models import ReportEntry
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_report

PDF = b"%PDF-1.4\n% Styring test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def unn_draft(orgs, periods):
    return ensure_report(orgs["UNN"], periods.t1)


def upload(client, report, entry, name, content, content_type="application/pdf"):
    return client.post(
        f"/rapportering/{report.pk}/punkt/{entry.pk}/",
        {"expected_version": entry.version, "attachment": SimpleUploadedFile(name, content, content_type)},
        HTTP_HX_REQUEST="true",
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_upload_and_download_with_access_control(client, people, unn_draft, media):
    entry = unn_draft.entries.first()
    client.force_login(people.reporter)
    response = upload(client, unn_draft, entry, "Tiltaksplan ventetid.pdf", PDF)
    assert response.status_code == 200, response.content.decode()
    entry.refresh_from_db()
    assert entry.attachment and (media / entry.attachment.name).read_bytes() == PDF
    url = f"/rapportering/vedlegg/{entry.pk}/"
    assert f'href="{url}"' in response.content.decode()  # the "saved" message links the download
    assert "/media/" not in client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    assert f'href="{url}"' in client.get(f"/rapportering/{unn_draft.pk}/").content.decode()

    # the trust itself (reporter and reader) may download its draft's attachment
    for who in ("reporter", "reader", "approver"):
        client.force_login(getattr(people, who))
        response = client.get(url)
        assert response.status_code == 200, who
        assert body(response) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert entry.attachment_filename in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
    # the owner sees no draft; another trust and another RHF's staff never
    for who in ("owner", "fin_reporter", "other_owner"):
        client.force_login(getattr(people, who))
        assert client.get(url).status_code == 404, who
    client.logout()
    assert client.get(url).status_code == 302  # to the login page

    # once sent, the owner of the trust may download it; the other trust still may not
    fill_report(unn_draft, people.reporter)
    workflow.submit(unn_draft, people.reporter)
    client.force_login(people.owner)
    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert f'href="{url}"' in client.get(f"/rapportering/{unn_draft.pk}/").content.decode()
    for who in ("fin_reporter", "fin_approver", "other_owner"):
        client.force_login(getattr(people, who))
        assert client.get(url).status_code == 404, who


def test_no_attachment_or_missing_file_is_404(client, people, unn_draft, media):
    entry = unn_draft.entries.first()
    client.force_login(people.reporter)
    assert client.get(f"/rapportering/vedlegg/{entry.pk}/").status_code == 404
    assert client.get("/rapportering/vedlegg/999999/").status_code == 404
    ReportEntry.objects.filter(pk=entry.pk).update(attachment="reports/2024/borte.pdf")
    assert client.get(f"/rapportering/vedlegg/{entry.pk}/").status_code == 404


def test_unsafe_file_names_give_a_safe_header(client, people, unn_draft, media):
    entry = unn_draft.entries.first()
    client.force_login(people.reporter)
    # a header-breaking name can only reach the disk through other means; the download stays safe
    name = 'reports/2024/rapport"; filename=evil.html; x=1.pdf'
    (media / "reports" / "2024").mkdir(parents=True)
    (media / name).write_bytes(PDF)
    ReportEntry.objects.filter(pk=entry.pk).update(attachment=name)
    response = client.get(f"/rapportering/vedlegg/{entry.pk}/")
    header = response["Content-Disposition"]
    assert response.status_code == 200 and body(response) == PDF
    assert "\r" not in header and "\n" not in header
    assert header == 'attachment; filename="rapport__ filename_evil.html_ x_1.pdf"'  # nothing smuggled out
    # an upload: the storage cleans the name; Norwegian letters are sent as RFC 5987
    entry.refresh_from_db()
    response = upload(client, unn_draft, entry, 'Årsrapport "særskilt".docx', b"PK\x03\x04 docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response.status_code == 200, response.content.decode()
    header = client.get(f"/rapportering/vedlegg/{entry.pk}/")["Content-Disposition"]
    assert "filename*=utf-8''" in header.lower() and "%C3%85rsrapport" in header


def test_upload_checks_type_and_size(client, people, unn_draft, settings):
    entry = unn_draft.entries.first()
    client.force_login(people.reporter)
    response = upload(client, unn_draft, entry, "virus.exe", b"MZ...", "application/octet-stream")
    assert response.status_code == 400
    assert "filtypen «.exe» er ikke tillatt" in response.content.decode()
    response = upload(client, unn_draft, entry, "side.html", b"<script>alert(1)</script>", "text/html")
    assert response.status_code == 400 and "«.html»" in response.content.decode()
    settings.STYRING_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    response = upload(client, unn_draft, entry, "stor.pdf", PDF + b"0" * (2 * 1024 * 1024))
    assert response.status_code == 400 and "større enn 2 MB" in response.content.decode()
    response = upload(client, unn_draft, entry, "tom.pdf", b"")
    assert response.status_code in (200, 400)  # an empty file field is no upload at all, or refused
    entry.refresh_from_db()
    assert not entry.attachment and entry.version == 1
    # without htmx: back to the entry's editor with the message
    response = client.post(f"/rapportering/{unn_draft.pk}/punkt/{entry.pk}/",
                           {"expected_version": entry.version,
                            "attachment": SimpleUploadedFile("makro.xlsm", b"PK", "application/octet-stream")},
                           follow=True)
    assert "filtypen «.xlsm» er ikke tillatt" in response.content.decode()
    assert f'id="tekst-{entry.pk}"' in response.content.decode()


def test_default_limit_is_50_mb(settings):
    from styring.reporting.entries import max_attachment_bytes

    del settings.STYRING_MAX_UPLOAD_BYTES
    assert max_attachment_bytes() == 50 * 1024 * 1024
