"""``STYRING_STORAGE=database``: the uploaded documents and the finished job files live in the
database, so no node reads a file only another node's folder has."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import styring
from styring.documents.models import SteeringDocument
from styring.files.models import StoredFile
from styring.files.storage import DatabaseStorage
from styring.jobs.models import Job
from tests.jobs.conftest import cycle, run_waiting_tasks, start_job  # noqa: F401

DATABASE = {"BACKEND": "styring.files.storage.DatabaseStorage"}
SAMPLE = Path(styring.__file__).resolve().parent / "documents" / "sample" / "styringskrav_2026_helse_nord.txt"


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture
def database_storage(settings):
    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}


def on_node(settings, folder: Path) -> None:
    """Serve the next requests as a node whose local folder is ``folder`` (empty: a fresh node)."""
    settings.MEDIA_ROOT = folder


def test_the_storage_keeps_reads_lists_and_deletes_files(db, database_storage):
    default_storage.save("documents/2024/kort.txt", ContentFile(b"hei"))  # the configured default is the database
    assert bytes(StoredFile.objects.get(name="documents/2024/kort.txt").content) == b"hei"
    storage = DatabaseStorage()
    name = storage.save("jobber/abc/rapport.docx", ContentFile(b"PK\x03\x04 bytes"))
    assert name == "jobber/abc/rapport.docx" and storage.exists(name) and storage.size(name) == 10
    with storage.open(name) as handle:
        assert handle.read() == b"PK\x03\x04 bytes"
    second = storage.save("jobber/abc/rapport.docx", ContentFile(b"other"))
    assert second != name and second.startswith("jobber/abc/rapport_") and second.endswith(".docx")
    assert storage.listdir("jobber") == (["abc"], []) and storage.listdir("jobber/abc")[1] == sorted(
        [Path(name).name, Path(second).name])
    assert storage.get_modified_time(name) == StoredFile.objects.get(name=name).created_at
    storage.delete(name)
    assert not storage.exists(name) and StoredFile.objects.count() == 2
    with pytest.raises(FileNotFoundError):
        storage.open(name)


def test_a_job_file_written_on_one_node_is_downloaded_from_another(
        client, make_user, cycle, start_job, settings, tmp_path, database_storage):  # noqa: F811
    client.force_login(make_user("HN", "owner_staff"))
    on_node(settings, tmp_path / "web-a")
    start_job(reverse("exports:template_start", args=["FIN", 2024]))
    on_node(settings, tmp_path / "worker")
    run_waiting_tasks()
    job = Job.objects.get()
    assert job.state == Job.State.DONE and job.file and StoredFile.objects.filter(name=job.file.name).exists()

    on_node(settings, tmp_path / "web-b")
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('"rapporteringsmal-2024-FIN.xlsx"')
    assert b"".join(download.streaming_content) == bytes(StoredFile.objects.get(name=job.file.name).content)
    assert not any(files_in(tmp_path / n) for n in ("web-a", "worker", "web-b"))  # nothing on any node's disk
    # the same file under the local storage of node B's folder: not there (what the database storage fixes)
    assert not FileSystemStorage(location=tmp_path / "web-b").exists(job.file.name)


def test_a_document_uploaded_on_one_node_is_imported_by_a_worker_and_downloaded_on_another(
        client, make_user, orgs, start_job, settings, tmp_path, database_storage):  # noqa: F811
    settings.STYRING_BACKGROUND_IMPORT_BYTES = 0
    client.force_login(make_user("HN", "owner_staff"))
    on_node(settings, tmp_path / "web-a")
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
    start_job(reverse("documents:upload"), {"file": upload, "issuer": orgs["HN"].pk, "year": 2024})
    job = Job.objects.get()
    assert job.source and StoredFile.objects.filter(name=job.source.name).exists()

    on_node(settings, tmp_path / "worker")
    run_waiting_tasks()
    job.refresh_from_db()
    document = SteeringDocument.objects.get()
    assert job.state == Job.State.DONE and not job.source
    assert not StoredFile.objects.filter(name__startswith="jobber/").exists()  # the upload is not kept twice

    on_node(settings, tmp_path / "web-b")
    download = client.get(reverse("documents:download", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == SAMPLE.read_bytes()
    assert not any(files_in(tmp_path / n) for n in ("web-a", "worker", "web-b"))
