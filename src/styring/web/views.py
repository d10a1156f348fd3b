"""The shell's own page: the start page per role (what it shows: ``styring.web.start``; the årshjul
is ``styring.yearwheel``)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styring.web.start import start_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", start_context(request.user))
