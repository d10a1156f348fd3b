"""The import of a large document in the background: the upload is kept with the job, the worker
runs the extraction pipeline (``services.import_document``, all or nothing) and the job links to the
review screen when it is done."""
from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest
from django.urls import reverse
from django_tasks import task

from styring.documents import services
from styring.documents.models import SteeringDocument
from styring.jobs.models import Job
from styring.jobs.services import running, start


def in_background(upload: UploadedFile) -> bool:
    """Whether this upload is imported by the worker rather than in the request."""
    return cast(int, upload.size) > getattr(settings, "STYRING_BACKGROUND_IMPORT_BYTES", 1024 * 1024)


def start_import(request: HttpRequest, data: dict) -> Job:
    """Start the import of a validated upload form's data; returns the job."""
    upload = data["file"]
    return start(
        request, import_task, kind=Job.Kind.IMPORT, title=f"Import av «{upload.name}»", source=upload,
        issuer_code=data["issuer"].code, year=data["year"], doc_kind=data["kind"] or None, doc_title=data["title"] or "",
        supplements=data["supplements"].pk if data["supplements"] else None,
        supersedes=data["supersedes"].pk if data["supersedes"] else None,
    )


@task()
def import_task(job_id: int, issuer_code: str, year: int, doc_kind: str | None = None, doc_title: str = "",
                supplements: int | None = None, supersedes: int | None = None) -> None:
    with running(job_id, expected=(services.ImportRejected, Http404)) as job:
        user = job.user
        job.advance(10, "Leser dokumentet og finner kravene")
        document = services.import_document(
            job.job.source, issuer_codes=[issuer_code], year=year, user=user, kind=doc_kind, title=doc_title or None,
            supplements=SteeringDocument.objects.visible_or_404(user, supplements, manage=True) if supplements else None,
            supersedes=SteeringDocument.objects.visible_or_404(user, supersedes, manage=True) if supersedes else None,
        )
        count = document.items.current().count()
        job.finish(url=reverse("documents:review", args=[document.pk]),
                   label=f"Gå gjennom de {count} kravene")
