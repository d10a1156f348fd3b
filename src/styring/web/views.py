"""The shell's own pages: the front page and the annual calendar (årshjul)."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from styring.accounts.access import managed_organisation_ids
from styring.documents.models import ReportingDeadline
from styring.selectors import visible_documents, visible_items


class YearForm(forms.Form):
    ar = forms.IntegerField(required=False, min_value=2000, max_value=2100, error_messages={
        "invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 2000 til 2100.",
        "max_value": "Oppgi et årstall fra 2000 til 2100."})


@login_required
def home(request):
    context = {}
    if managed_organisation_ids(request.user):  # the owner's start page shows the scorecard's red count
        from styring.indicators.scorecard import red_count

        context["scorecard_reds"], context["scorecard_period"] = red_count(request.user)
    return render(request, "web/home.html", context)


def _visible_items(user):
    return visible_items(user).confirmed().select_related("document").prefetch_related("recipients")


@login_required
def calendar(request):
    """Every date of the year in one list: reporting calendar entries and item deadlines."""
    form = YearForm(request.GET)
    if not form.is_valid():
        return render(request, "web/calendar.html", {"entries": [], "year": dt.date.today().year,
                                                     "errors": form.errors.get("ar", [])}, status=400)
    year = form.cleaned_data["ar"] or dt.date.today().year
    entries = []
    for deadline in ReportingDeadline.objects.filter(
        document__in=visible_documents(request.user).filter(status="confirmed").values("pk"),
        date__year__in=[year, year + 1],
        document__superseded_by__isnull=True,  # a later version's calendar replaces the earlier one's
    ).select_related("document"):
        entries.append({"date": deadline.date, "what": deadline.label, "source": deadline.document, "item": None})
    for item in _visible_items(request.user).filter(document__year=year):
        for iso in item.deadlines:
            entries.append({"date": dt.date.fromisoformat(iso), "what": str(item), "source": item.document, "item": item})
    entries.sort(key=lambda e: e["date"])
    return render(request, "web/calendar.html", {"entries": entries, "year": year})
