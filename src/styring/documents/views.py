"""Steering documents in the UI: the list, upload, the document page, the review screen."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styring.accounts.access import access_of
from styring.documents import background, services
from styring.documents.forms import ConfirmDocumentForm, UploadForm
from styring.documents.highlight import highlighted_text
from styring.documents.models import SteeringDocument
from styring.requirements.forms import BulkEditForm, NewItemForm
from styring.requirements.models import Item

log = logging.getLogger(__name__)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = (
        SteeringDocument.objects.visible_to(request.user)
        .prefetch_related("issuers")
        .select_related("supersedes", "supplements")
        # the list shows titles: a document's full text (megabytes) stays in the database
        .defer("text", "supersedes__text", "supplements__text")
        .order_by("-year", "title", "-created_at")
    )
    rows = [{"doc": d, "manage": d.is_managed_by(request.user)} for d in documents]
    return render(
        request, "documents/list.html", {"rows": rows, "can_upload": access_of(request.user).issuer_organisations().exists()}
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not access_of(request.user).issuer_organisations().exists():
        raise PermissionDenied("Bare eierstaben kan importere styringsdokumenter.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if background.in_background(data["file"]):  # a large document: the page does not wait for it
            job = background.start_import(request, data)
            return redirect("jobs:detail", pk=job.pk)
        try:
            document = services.import_document(
                data["file"], issuer_codes=[data["issuer"].code], year=data["year"], user=request.user,
                kind=data["kind"] or None, title=data["title"], supplements=data["supplements"],
                supersedes=data["supersedes"],
            )
        except services.ImportRejected as exc:
            form.add_error("file", str(exc))
        except Exception:
            log.exception("import failed")
            form.add_error(
                "file", "Noe gikk galt under importen, og ingenting ble lagret. Prøv igjen, eller kontakt brukerstøtte."
            )
        else:
            count = document.items.current().count()
            messages.success(request, f"Dokumentet er importert med {count} krav. Gå gjennom og bekreft dem.")
            return redirect("documents:review", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/upload.html", {"form": form}, status=status)


def _comparisons(document: SteeringDocument) -> dict:
    current = document.items.current()
    context = {}
    if document.supersedes is not None:
        context["revision"] = {
            "new": current.filter(revision_status=Item.RevisionStatus.NEW),
            "altered": current.filter(revision_status=Item.RevisionStatus.ALTERED),
            "unchanged": current.filter(revision_status=Item.RevisionStatus.UNCHANGED).count(),
            "removed": document.supersedes.items.filter(removed=True),
        }
    if document.previous_year_id:
        dropped = list(services.dropped_items(document))
        for item in dropped:
            item.is_open = services.is_open(item)
        context["year"] = {
            "previous": document.previous_year,
            "new": current.filter(year_status=Item.YearStatus.NEW).count(),
            "recurring": current.filter(year_status=Item.YearStatus.RECURRING).count(),
            "dropped": dropped,
        }
    return context


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = SteeringDocument.objects.visible_or_404(request.user, pk)
    manage = document.is_managed_by(request.user)
    items = document.items.current() if manage else document.items.confirmed()
    context = {
        "doc": document,
        "manage": manage,
        "count": items.count(),
        "confirmed": document.items.confirmed().count(),
        "doubtful": items.needing_a_look().count() if manage else 0,
        "kinds": [(label, items.filter(kind=k).count()) for k, label in Item.Kind.choices],
        "supplementary": document.supplementary_documents.all(),
        "newer": document.superseded_by.all(),
        **(_comparisons(document) if manage else {}),
    }
    return render(request, "documents/detail.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    document = SteeringDocument.objects.visible_or_404(request.user, pk, manage=True)
    items = list(Item.objects.for_review(document))
    context = {
        "doc": document,
        "items": items,
        "text_html": highlighted_text(document.text, items),
        "pending": sum(1 for i in items if not i.confirmed),
        "doubtful": sum(1 for i in items if i.needs_a_look),
        "new_item_form": NewItemForm(),
        "bulk_form": BulkEditForm(document=document),
        **_comparisons(document),
    }
    return render(request, "documents/review.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the document; when the extractor flagged items "Bør kontrolleres" that are still
    unchecked, a second step lists them and asks whether to confirm them too or leave them in review."""
    document = SteeringDocument.objects.visible_or_404(request.user, pk, manage=True)
    doubtful = list(document.items.current().needing_a_look().order_by("order", "pk"))
    form = ConfirmDocumentForm(request.POST, doubtful_ids=[i.pk for i in doubtful])
    choice = form.decided()
    if choice is None:
        changed = bool(form.data.get("usikre"))  # the user chose, but the list is not the one shown
        return render(request, "documents/confirm.html", {
            "doc": document, "doubtful": doubtful, "changed": changed,
            "pending": document.items.current().filter(confirmed=False).count()})
    count = services.confirm_document(document, request.user, doubtful=choice)
    if choice == services.Doubtful.LEAVE:
        messages.success(request, f"{count} krav er bekreftet. {len(doubtful)} krav som bør kontrolleres, står til "
                                  "gjennomgang; dokumentet bekreftes når de er kontrollert.")
        return redirect(reverse("documents:review", args=[document.pk]) + "#bor-kontrolleres")
    note = f", av dem {len(doubtful)} som burde vært kontrollert" if doubtful else ""
    messages.success(request, f"Dokumentet er bekreftet ({count} krav bekreftet nå{note}). Kravene vises nå for foretakene.")
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    document = SteeringDocument.objects.visible_or_404(request.user, pk, manage=True)
    wanted = set(request.POST.getlist("item"))
    items = [i for i in services.dropped_items(document) if str(i.pk) in wanted and services.is_open(i)]
    if not items:
        messages.warning(request, "Velg minst ett åpent krav fra fjoråret å ta med videre.")
        return redirect("documents:detail", pk=document.pk)
    created = services.carry_over(document, items, request.user)
    year = document.previous_year.year if document.previous_year else document.year - 1
    messages.success(request, f"{len(created)} krav fra {year} er tatt med videre til gjennomgang.")
    return redirect(reverse("documents:review", args=[document.pk]))


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = SteeringDocument.objects.visible_or_404(request.user, pk)
    if not document.file:
        raise Http404("Dokumentet har ingen fil.")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_filename or (document.file.name or "").rsplit("/", 1)[-1])
