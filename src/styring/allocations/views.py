"""The money page: per year and organisation, who gives what to whom and why; and its XLSX."""
from __future__ import annotations

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from styring.accounts.access import access_of
from styring.allocations.money import allocations, changes, source_place, sums
from styring.documents.models import Allocation


class MoneyForm(forms.Form):
    ar = forms.IntegerField(required=False, min_value=2000, max_value=2100, error_messages={
        "invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 2000 til 2100.",
        "max_value": "Oppgi et årstall fra 2000 til 2100."})
    org = forms.CharField(required=False, max_length=16)


def _rows(request: HttpRequest):
    form = MoneyForm(request.GET)
    if not form.is_valid():
        return form, None, []
    year = form.cleaned_data["ar"] or timezone.localdate().year
    rows = list(allocations(request.user, year=year, organisation=form.cleaned_data["org"]))
    if not rows and not form.cleaned_data["ar"]:  # no year asked for: the latest year with money, not an empty page
        latest = Allocation.objects.visible_to(request.user).order_by("-year").values_list("year", flat=True).first()
        if latest and latest != year:
            year = latest
            rows = list(allocations(request.user, year=year, organisation=form.cleaned_data["org"]))
    return form, year, rows


@login_required
def money(request: HttpRequest) -> HttpResponse:
    form, year, rows = _rows(request)
    if year is None:
        return render(request, "allocations/money.html", {"form": form, "rows": []}, status=400)
    for a in rows:
        place = source_place(a)
        a.source_url = (f"{reverse('search:source', args=[a.document_id])}?fra={place[0]}&til={place[1]}#treff"
                        if place else reverse("documents:detail", args=[a.document_id]))
    by_receiver, by_purpose, total = sums(rows)
    org = form.cleaned_data["org"].upper()
    return render(request, "allocations/money.html", {
        "form": form, "year": year, "rows": rows, "by_receiver": by_receiver, "by_purpose": by_purpose,
        "total": total, "changes": changes(request.user, rows), "org": org,
        "organisations": access_of(request.user).organisations().order_by("name"),
    })


@login_required
def export(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    form, year, rows = _rows(request)
    if year is None:
        return HttpResponse("Oppgi et gyldig årstall.", status=400, content_type="text/plain; charset=utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = f"Bevilgninger {year}"
    sheet.append(["Fra", "Til", "Beløp (kr)", "År", "Formål", "Dokument"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for a in rows:
        sheet.append([a.payer.name, a.receiver.name, a.amount_nok, a.year, a.purpose, a.document.title])
        sheet.cell(row=sheet.max_row, column=3).number_format = "# ##0"
    for column, width in zip("ABCDEF", (28, 36, 16, 8, 60, 50)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="bevilgninger-{year}{"-" + form.cleaned_data["org"].upper() if form.cleaned_data["org"] else ""}.xlsx"'
    return response
