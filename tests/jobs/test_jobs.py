"""Background jobs run for real: the request enqueues, the database worker runs the task, the job
page shows the progress and then the file; only the user who started it (and admins) see it."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document

import styring
from styring.documents.models import SteeringDocument
from styring.jobs.models import Job
from styring.jobs.services import GENERIC_ERROR

pytestmark = pytest.mark.django_db

SAMPLE = Path(styring.__file__).resolve().parent / "documents" / "sample" / "styringskrav_2026_helse_nord.txt"


def texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]



def test_the_consolidated_pdf_is_built_by_the_worker(client, make_user, cycle, start_job, run_worker, settings, tmp_path):
    from styring.testing.pdf import pdf_text

    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("HN", "owner_staff"))
    start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]), {"format": "pdf"})
    run_worker()
    job = Job.objects.get()
    assert job.state == Job.State.DONE and job.error == ""
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].endswith('"aarlig-melding-2024-HN.pdf"')
    text = pdf_text(b"".join(download.streaming_content))
    # issue 18: only the trusts with requirements in the period are expected; the others are named so
    assert "Helse Nord RHF – samlet for alle foretak" in text and "ingen krav i perioden" in text.lower()


def test_consolidated_report_runs_in_the_worker_and_only_its_owner_downloads_it(
        client, make_user, cycle, start_job, run_worker, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    owner = make_user("HN", "owner_staff")
    client.force_login(owner)
    response = start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]), {"format": "docx"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.user == owner and job.state == Job.State.QUEUED and job.task_id
    assert DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()

    page = client.get(response["Location"]).text
    assert '<progress class="st-job__bar" max="100" value="0"' in page and "I kø" in page
    assert 'hx-trigger="every 1s"' in page and 'http-equiv="refresh"' in page

    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(minutes=3))
    assert "ventet på tur i over to minutter" in client.get(reverse("jobs:status", args=[job.pk])).text
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=10, step="Henter rapportene",
                                         started_at=timezone.now() - dt.timedelta(seconds=12.5))
    running = re.search(r"Pågår: Henter rapportene \(10 %\), (\d+) s så langt", client.get(reverse("jobs:status", args=[job.pk])).text)
    assert running and 12 <= int(running.group(1)) <= 20
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, progress=0, step="", started_at=None)

    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.progress == 100 and job.error == ""
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    fragment = client.get(reverse("jobs:status", args=[job.pk])).text
    assert "hx-trigger" not in fragment and reverse("jobs:download", args=[job.pk]) in fragment
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].endswith('"aarlig-melding-2024-HN.docx"')
    body = texts(b"".join(download.streaming_content))
    assert any(t.startswith("Foretak med krav i perioden: 2 av ") and t.endswith(" levert") for t in body) and "Rapport: FIN rapporterer på krav 1 (annual)." in body

    other = make_user("HN", "owner_staff")
    client.force_login(other)
    for name in ("jobs:detail", "jobs:status", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("jobs:list")).text
    admin = django_user_model.objects.create_superuser("sjef", password="pw")
    client.force_login(admin)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_the_next_page_says_the_job_is_ready_once(client, make_user, cycle, start_job, run_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("HN", "owner_staff"))
    start_job(reverse("exports:template_start", args=["FIN", 2024]))
    job = Job.objects.get()
    assert "» er klar" not in client.get(reverse("exports:index")).text  # still queued: no notice yet
    run_worker()
    page = client.get(reverse("exports:index")).text
    assert f"«{job.title}» er klar." in page and reverse("jobs:download", args=[job.pk]) in page
    assert "» er klar" not in client.get(reverse("exports:index")).text
    xlsx = client.get(reverse("jobs:download", args=[job.pk]))
    assert xlsx["Content-Disposition"].endswith('"rapporteringsmal-2024-FIN.xlsx"')


def test_a_failing_job_says_why_in_norwegian_and_keeps_no_file(
        client, make_user, cycle, start_job, run_worker, settings, tmp_path, monkeypatch):
    from styring.exports import downloads

    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("HN", "owner_staff"))

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(downloads, "consolidated_docx", explode)  # where the job's builder looks it up
    start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]))
    run_worker()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.error == GENERIC_ERROR and not job.file
    page = client.get(reverse("jobs:detail", args=[job.pk])).text
    assert "Jobben feilet" in page and GENERIC_ERROR in page and "boom" not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert not list((tmp_path / "media").rglob("*.docx"))

    bad = start_job(reverse("exports:consolidated_start", args=["HN", cycle.annual.pk]), {"format": "xls"})
    assert bad["Location"] == reverse("exports:index") and Job.objects.count() == 1
    assert "Ukjent filformat." in client.get(bad["Location"]).text


def test_a_large_document_is_imported_in_the_background(
        client, make_user, orgs, start_job, run_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STYRING_BACKGROUND_IMPORT_BYTES = 0
    client.force_login(make_user("HN", "owner_staff"))
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
    response = start_job(reverse("documents:upload"), {"file": upload, "issuer": orgs["HN"].pk, "year": 2024})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.source
    assert not SteeringDocument.objects.exists()
    run_worker()
    job.refresh_from_db()
    document = SteeringDocument.objects.get()
    assert job.state == Job.State.DONE and job.result_url == reverse("documents:review", args=[document.pk])
    assert job.result_label == f"Gå gjennom de {document.items.current().count()} kravene"
    assert not job.source  # the upload is not kept twice

    empty = SimpleUploadedFile("tomt.txt", b"Ingen krav her, bare en hilsen.\n" * 10)
    start_job(reverse("documents:upload"), {"file": empty, "issuer": orgs["HN"].pk, "year": 2025})
    run_worker()
    failed = Job.objects.filter(state=Job.State.FAILED).get()
    assert failed.error.startswith("Fant ingen styringsbudskap") and SteeringDocument.objects.count() == 1
    assert failed.error in client.get(reverse("jobs:list")).text
