"""A notice on the user's next page when a job they started has finished (or failed).

The unfinished jobs are kept in the session by ``services.start``; a user with none costs no query."""
from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.html import format_html

from styring.jobs.models import Job
from styring.jobs.services import SESSION_KEY


class JobNoticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        session = getattr(request, "session", None)
        pending = session.get(SESSION_KEY) if session is not None else None
        user = request.user
        if pending and isinstance(user, User) and not request.headers.get("HX-Request"):  # a signed-in user
            self._notify(request, user, pending)
        return self.get_response(request)

    @staticmethod
    def _notify(request: HttpRequest, user: User, pending: list[int]) -> None:
        # a job's own page says it itself
        jobs = Job.objects.filter(pk__in=pending, user=user).only("pk", "title", "state", "error", "file",
                                                                          "result_url", "result_label")
        found = {job.pk: job for job in jobs}
        still = [pk for pk in pending if pk in found and not found[pk].finished]
        for pk in pending:
            job = found.get(pk)
            if job is None or not job.finished:
                continue
            page = reverse("jobs:detail", args=[job.pk])
            if request.path.startswith(page):
                continue
            if job.state == Job.State.DONE:
                href = reverse("jobs:download", args=[job.pk]) if job.file else (job.result_url or page)
                label = "Last ned" if job.file else (job.result_label or "Åpne")
                messages.success(request, format_html('«{}» er klar. <a class="ds-link" href="{}">{}</a>',
                                                      job.title, href, label))
            else:
                messages.error(request, format_html('«{}» feilet: {} <a class="ds-link" href="{}">Se jobben</a>',
                                                    job.title, job.error, page))
        if still != pending:
            request.session[SESSION_KEY] = still
