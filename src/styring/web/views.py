"""The shell's own page: the front page (the årshjul is ``styring.yearwheel``)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from styring.accounts.access import managed_organisation_ids


@login_required
def home(request):
    context = {}
    if managed_organisation_ids(request.user):  # the owner's start page shows the scorecard's red count
        from styring.indicators.scorecard import red_count

        context["scorecard_reds"], context["scorecard_period"] = red_count(request.user)
    return render(request, "web/home.html", context)
