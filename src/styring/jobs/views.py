"""The job pages: a list of the user's jobs, one job with its progress bar (polled by htmx, or
refreshed by the page itself without JavaScript), and the download of its file."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from styring.accounts.types import AuthenticatedRequest
from styring.jobs.models import Job
from styring.jobs.services import SESSION_KEY, is_abandoned, sweep


def _current(request: HttpRequest, pk: int) -> Job:
    """The job; one whose worker is gone is given up here at once (queued again or failed), so its
    page never shows «Pågår» for ever even when no worker is running to sweep it."""
    job = Job.objects.visible_or_404(request.user, pk)
    if is_abandoned(job) and sweep(jobs=Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


def _forget(request: HttpRequest, job: Job) -> None:
    """The user has seen the job finish: no notice about it on the next page."""
    pending = request.session.get(SESSION_KEY)
    if job.finished and pending and job.pk in pending:
        request.session[SESSION_KEY] = [pk for pk in pending if pk != job.pk]


@login_required
def job_list(request: AuthenticatedRequest) -> HttpResponse:
    jobs = Job.objects.visible_to(request.user).filter(user=request.user).select_related("user")[:50]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _current(request, pk)
    _forget(request, job)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls; it stops polling once the job has finished."""
    job = _current(request, pk)
    _forget(request, job)
    return render(request, "jobs/_status.html", {"job": job})


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    job = Job.objects.visible_or_404(request.user, pk)
    if job.state != job.State.DONE or not job.file:
        raise Http404("Jobben har ingen fil å laste ned.")
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen finnes ikke lenger. Start jobben på nytt.") from None
    return FileResponse(handle, as_attachment=True, filename=job.filename or "download",
                        content_type=job.content_type or "application/octet-stream")
