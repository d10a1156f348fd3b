"""The register of items: the filterable list, and the item operations of the review screen
(they live with the documents the items stand in).

Review operations answer htmx requests with the changed fragment (one item card, or the whole
item list when items were added, split, merged or deleted) and plain requests with a redirect
back to the review screen, so the screen also works without JavaScript.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from styring.accounts.access import access_of
from styring.documents.models import SteeringDocument
from styring.requirements import services
from styring.requirements.forms import BulkEditForm, ItemFilterForm, ItemForm, NewItemForm, SplitForm
from styring.requirements.models import MAIN_GOALS, Item


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


PAGE_SIZE = 100


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    """The confirmed items the user may see (``visible_items``), filterable."""
    items = Item.objects.visible_to(request.user).confirmed()
    documents = SteeringDocument.objects.visible_to(request.user).order_by("-year", "title").only("pk", "title", "year")  # not the texts
    recipients = access_of(request.user).organisations().order_by("name")
    filters = ItemFilterForm(request.GET)
    chosen = {k: request.GET.get(k, "") for k in filters.fields}
    status = 200
    if filters.is_valid():
        items = filters.filter(items)
    else:
        items, status = items.none(), 400
    items = (
        Item.objects.filter(pk__in=items.values("pk"))
        .select_related("document", "lead")
        .prefetch_related("recipients", "informed")
        .only("pk", "ref", "kind", "text", "main_goal", "deadlines", "document__title", "lead__name")
        .order_by("-document__year", "document__title", "order", "pk")
    )
    # a page at a time (counted in SQL): the whole register in one page held a worker at 350 MB
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("side"))
    query = {k: v for k, v in chosen.items() if v}
    context = {
        "items": page.object_list,
        "page": page,
        "query": query,
        "documents": documents,
        "recipients": recipients,
        "kinds": Item.Kind.choices,
        "main_goals": list(MAIN_GOALS.items()),
        "chosen": chosen,
        "filter_errors": [str(e) for errors in filters.errors.values() for e in errors],
    }
    template = "requirements/_list_results.html" if _htmx(request) else "requirements/list.html"
    return render(request, template, context, status=status)


def _managed_item(request: HttpRequest, pk: int) -> Item:
    return Item.objects.visible_or_404(request.user, pk, manage=True)


def _card(request: HttpRequest, item: Item, *, status: int = 200):
    item = Item.objects.select_related("lead", "document").prefetch_related("recipients", "informed").get(pk=item.pk)
    return render(request, "requirements/_review_item.html", {"item": item, "doc": item.document}, status=status)


def _after_structural_change(request: HttpRequest, document: SteeringDocument) -> HttpResponse:
    if _htmx(request):
        items = list(Item.objects.for_review(document))
        return render(request, "requirements/_review_items.html", {
            "doc": document, "items": items, "new_item_form": NewItemForm(),
            "bulk_form": BulkEditForm(document=document), "doubtful": sum(1 for i in items if i.needs_a_look),
        })
    return redirect("documents:review", pk=document.pk)


@login_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    return _card(request, _managed_item(request, pk))


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    form = ItemForm(request.POST or None, instance=item, prefix=f"krav{item.pk}")
    if request.method == "POST" and form.is_valid():
        form.save()
        if _htmx(request):
            return _card(request, item)
        messages.success(request, "Kravet er lagret.")
        return redirect(f"{_review_url(item)}#krav-{item.pk}")
    template = "requirements/_edit_item.html" if _htmx(request) else "requirements/edit.html"
    status = 400 if request.method == "POST" and not _htmx(request) else 200  # htmx swaps only 2xx
    return render(request, template, {"item": item, "form": form, "doc": item.document}, status=status)


def _review_url(item: Item) -> str:
    from django.urls import reverse

    return reverse("documents:review", args=[item.document_id])


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    item.confirm(request.user)
    if _htmx(request):
        return _card(request, item)
    return redirect(f"{_review_url(item)}#krav-{item.pk}")


@login_required
def split(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    form = SplitForm(request.POST or None, item=item, initial={"first": item.text}, prefix=f"krav{item.pk}")
    if request.method == "POST" and form.is_valid():
        first, second = form.cleaned_data["parts"]
        services.split_item(item, first, second, request.user)
        return _after_structural_change(request, item.document)
    if request.method == "POST" and _htmx(request):
        return _card_with_error(request, item, " ".join(str(e) for e in form.non_field_errors()))
    return render(request, "requirements/split.html", {"item": item, "form": form, "doc": item.document},
                  status=400 if request.method == "POST" else 200)


def _card_with_error(request: HttpRequest, item: Item, message: str) -> HttpResponse:
    item = Item.objects.select_related("lead", "document").prefetch_related("recipients", "informed").get(pk=item.pk)
    return render(request, "requirements/_review_item.html", {"item": item, "doc": item.document, "error": message})


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    try:
        services.merge_with_next(item, request.user)
    except services.CannotChange as exc:
        if _htmx(request):
            return _card_with_error(request, item, str(exc))
        messages.error(request, str(exc))
    return _after_structural_change(request, item.document)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    document = item.document
    if not services.delete_item(item, request.user):
        messages.warning(request, "Kravet er rapportert på og er derfor merket som utgått i stedet for slettet.")
    return _after_structural_change(request, document)


@login_required
@require_POST
def bulk_edit(request: HttpRequest, document_pk: int) -> HttpResponse:
    """Set one fact (recipients, informed, lead, reporting, hovedmål) for the chosen items, or
    for all items of the document, in one transaction."""
    document = SteeringDocument.objects.visible_or_404(request.user, document_pk, manage=True)
    form = BulkEditForm(request.POST, document=document)
    if form.is_valid():
        with transaction.atomic():
            count = 0
            for item in form.targets():
                item.set_facts(request.user, **form.change())
                count += 1
        messages.success(request, f"{form.describe().capitalize()} er endret for {count} krav.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("documents:review", pk=document.pk)


@login_required
@require_POST
def add(request: HttpRequest, document_pk: int) -> HttpResponse:
    document = SteeringDocument.objects.visible_or_404(request.user, document_pk, manage=True)
    form = NewItemForm(request.POST)
    if form.is_valid():
        services.add_item(document, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"], user=request.user)
    else:
        messages.error(request, "Nytt krav må ha type og tekst.")
    return _after_structural_change(request, document)
