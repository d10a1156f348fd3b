"""The cascade's pages: an item's trace, the suggested links to confirm or reject, the RHF's
roll-up of its trusts' answers, and one item compared across regions."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from styring.cascade.forms import DecisionForm, RollupForm, SuggestionFilterForm
from styring.cascade.rollup import compare, rollup
from styring.cascade.trace import trace
from styring.selectors import item_or_404, link_or_404, managed_documents, managed_links


@login_required
def item_trace(request, item_pk: int):
    item = item_or_404(request.user, item_pk)
    return render(request, "cascade/trace.html", {"trace": trace(item, request.user), "item": item})


@login_required
def regions(request, item_pk: int):
    item = item_or_404(request.user, item_pk)
    return render(request, "cascade/regions.html", {"item": item, "regions": compare(item, request.user)})


@login_required
def suggestions(request):
    form = SuggestionFilterForm(request.GET)
    links = (managed_links(request.user)
             .select_related("parent__document", "child__document")
             .order_by("child__document_id", "child__order", "-confidence"))
    chosen = {"status": "suggested"}
    if form.is_valid():
        chosen = {k: v for k, v in form.cleaned_data.items() if v} or {}
        if "status" not in request.GET:
            chosen["status"] = "suggested"
    if chosen.get("dokument"):
        links = links.filter(child__document_id=chosen["dokument"])
    if chosen.get("status"):
        links = links.filter(status=chosen["status"])
    return render(request, "cascade/suggestions.html", {
        "links": links[:300], "form": form, "chosen": chosen,
        "documents": managed_documents(request.user).order_by("-year", "title"),
    })


@login_required
@require_POST
def decide(request, link_pk: int):
    link = link_or_404(request.user, link_pk, manage=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Velg bekreft eller avvis.")
    else:
        confirm = form.cleaned_data["valg"] == "bekreft"
        link.decide(request.user, confirm=confirm)
        messages.success(request, "Koblingen er bekreftet." if confirm else "Forslaget er avvist.")
    back = request.POST.get("neste", "")
    return redirect(back if back.startswith("/kaskade/") else "cascade:suggestions")


@login_required
def rollup_page(request):
    form = RollupForm(request.GET)
    if not form.is_valid():
        return render(request, "cascade/rollup.html", {"form": form, "rows": []}, status=400)
    rows = rollup(request.user, year=form.cleaned_data["ar"], only_missing=form.cleaned_data["mangler"])
    return render(request, "cascade/rollup.html", {"form": form, "rows": rows,
                                                   "only_missing": form.cleaned_data["mangler"]})
