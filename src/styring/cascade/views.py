"""The cascade's pages: an item's trace, the suggested links to confirm or reject, the RHF's
roll-up of its trusts' answers, and one item compared across regions."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styring.cascade.forms import DecisionForm, RollupForm, SuggestionFilterForm, UseDraftForm
from styring.cascade.rollup import Row, compare, own_entries, rollup
from styring.cascade.trace import trace
from styring.documents.models import SteeringDocument
from styring.reporting.entries import save_entry
from styring.reporting.errors import ConflictError, WorkflowError
from styring.requirements.models import Item, ItemLink


@login_required
def item_trace(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = Item.objects.visible_or_404(request.user, item_pk)
    return render(request, "cascade/trace.html", {"trace": trace(item, request.user), "item": item})


@login_required
def regions(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = Item.objects.visible_or_404(request.user, item_pk)
    return render(request, "cascade/regions.html", {"item": item, "regions": compare(item, request.user)})


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    form = SuggestionFilterForm(request.GET)
    links = (ItemLink.objects.managed_by(request.user)
             .select_related("parent__document", "child__document")
             .order_by("child__document_id", "child__order", "-confidence"))
    chosen: dict[str, Any] = {"status": "suggested"}
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
        "documents": SteeringDocument.objects.managed_by(request.user).order_by("-year", "title"),
    })


@login_required
@require_POST
def decide(request: HttpRequest, link_pk: int) -> HttpResponse:
    link = ItemLink.objects.visible_or_404(request.user, link_pk, manage=True)
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
def rollup_page(request: HttpRequest) -> HttpResponse:
    form = RollupForm(request.GET)
    if not form.is_valid():
        return render(request, "cascade/rollup.html", {"form": form, "rows": []}, status=400)
    rows = rollup(request.user, year=form.cleaned_data["ar"], only_missing=form.cleaned_data["mangler"])
    return render(request, "cascade/rollup.html", {"form": form, "rows": rows,
                                                   "only_missing": form.cleaned_data["mangler"]})


@login_required
@require_POST
def use_draft(request: HttpRequest, item_pk: int) -> HttpResponse:
    """The roll-up's draft into the user's own organisation's answer to ``item`` (added after any
    text already written), recorded in the answer's history like any other save."""
    item = Item.objects.visible_or_404(request.user, item_pk)
    entry = own_entries(request.user, [item.pk]).get(item.pk)
    back = reverse("cascade:rollup")
    form = UseDraftForm(request.POST)
    if entry is None:
        messages.error(request, "Du har ingen åpen rapport der dette oppdraget kan besvares.")
        return redirect(back)
    if not form.is_valid():
        messages.error(request, "Siden er utdatert. Last den inn på nytt.")
        return redirect(back)
    draft = Row(trace(item, request.user)).draft()
    if not draft:
        messages.error(request, "Helseforetakene har ikke rapportert på dette ennå; det er ikke noe utkast å bruke.")
        return redirect(back)
    text = entry.text.strip()
    if draft in text:
        messages.info(request, "Utkastet står allerede i svaret.")
    else:
        try:
            save_entry(entry, request.user, {"text": f"{text}\n\n{draft}" if text else draft},
                       expected_version=form.cleaned_data["versjon"])
        except ConflictError:
            messages.error(request, "Svaret er endret av en annen siden siden ble lastet. Se over svaret og prøv igjen.")
            return redirect(back)
        except (WorkflowError, PermissionDenied) as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(request, "Utkastet er lagt inn i svaret. Les over og rediger før rapporten sendes.")
    return redirect(f"{reverse('reporting:detail', args=[entry.report_id])}#punkt-{entry.pk}")
