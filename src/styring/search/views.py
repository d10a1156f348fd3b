"""The search page and the place in a source document a hit links to."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styring.documents.models import SteeringDocument
from styring.search.forms import SearchForm, SourceForm
from styring.search.query import search


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    hits, status = [], 200
    if form.is_valid():
        if form.cleaned_data["q"].strip():
            hits = search(request.user, form.cleaned_data["q"], **form.filters())
    else:
        status = 400
    return render(request, "search/search.html", {"form": form, "hits": hits,
                                                  "searched": bool(request.GET.get("q"))}, status=status)


@login_required
def source(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's text with one place marked (what a hit links to)."""
    document = SteeringDocument.objects.visible_or_404(request.user, pk)
    form = SourceForm(request.GET)
    text = document.text or ""
    if form.is_valid() and form.cleaned_data["fra"] <= form.cleaned_data["til"] <= len(text):
        start, end = form.cleaned_data["fra"], form.cleaned_data["til"]
        parts = (text[:start], text[start:end], text[end:])
    else:
        parts = (text, "", "")
    return render(request, "search/source.html", {"document": document, "before": parts[0], "hit": parts[1],
                                                  "after": parts[2]})
