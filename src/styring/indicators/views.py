"""The indicator pages: the scorecard, one series as a chart and a table (with entry by hand), the
upload of value files, the list of indicators with their targets, and the reviewer's target form."""
from __future__ import annotations

import csv
import io
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styring.accounts.access import access_of
from styring.accounts.types import AnyUser
from styring.indicators import catalogue, permissions, scorecard
from styring.indicators.evaluation import Evaluator
from styring.indicators.forms import (
    IndicatorListForm,
    IndicatorSettingsForm,
    ScorecardForm,
    SeriesViewForm,
    TargetForm,
    UploadForm,
    ValueForm,
)
from styring.indicators.importing import COLUMNS, ImportRejected, import_values, save_rows
from styring.indicators.models import SAMPLE_SOURCE, Indicator, IndicatorValue, Target
from styring.indicators.periods import MONTH, TERTIAL, YEAR, Period
from styring.indicators.targets import Colour
from styring.organisations.models import Organisation
from styring.requirements.models import Item

KIND_LABELS = {YEAR: "År", TERTIAL: "Tertial", MONTH: "Måned"}


def _indicator_or_404(user: AnyUser, code: str) -> Indicator:
    m = re.fullmatch(r"(\d+)(?:-(\d+))?", code)
    if not m:
        raise Http404("Ukjent indikator.")
    series = Indicator.objects.select_related("item__document").filter(item_id=int(m.group(1)))
    if m.group(2):
        series = series.filter(number=int(m.group(2)))
    indicator = series.order_by("number").first()  # an item's id alone: its first series
    if indicator is None:
        raise Http404("Ukjent indikator.")
    if not Item.objects.indicators_visible_to(user).filter(pk=indicator.item_id).exists():
        raise Http404("Ingen tilgang til denne indikatoren.")
    return indicator


@login_required
def scorecard_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    periods = scorecard.period_choices(user)
    regions = access_of(user).organisations().filter(kind=Organisation.Kind.RHF)
    form = ScorecardForm(request.GET or None, periods=periods, regions=regions)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    period = data.get("periode") or scorecard.latest_period(user) or (periods[0] if periods else None)
    context = {"form": form, "periods": periods}
    if period is None:
        return render(request, "indicators/scorecard.html", context)
    if not form.is_bound or not form.data.get("periode"):
        form.initial["periode"] = str(period)
    card = scorecard.build(user, period, level=data.get("niva") or "foretak", main_goal=data.get("hovedmal") or "",
                           region=data.get("region") or "")
    if data.get("format") == "xlsx":
        response = HttpResponse(scorecard.to_xlsx(card), content_type="application/vnd.openxmlformats-officedocument"
                                ".spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="malekort-{period}.xlsx"'
        return response
    query = request.GET.copy()
    query["format"] = "xlsx"
    context.update({"card": card, "period": period, "xlsx_query": query.urlencode()})
    return render(request, "indicators/scorecard.html", context)


@login_required
def series_page(request: HttpRequest, code: str, org_code: str) -> HttpResponse:
    """One series for one organisation: chart with the target line and limits, the numbers in a
    table beside it, and the form for a value entered by hand (for those who may)."""
    indicator = _indicator_or_404(request.user, code)
    org = get_object_or_404(Organisation.objects.prefetch_related("owners"), code=org_code.upper())
    if org.pk not in set(access_of(request.user).value_ids):
        raise Http404("Ingen tilgang til denne organisasjonen.")
    may_enter = permissions.may_enter_value(request.user, org)
    form = None
    if may_enter:
        form = ValueForm(request.POST or None, indicator=indicator, organisations=[org], user=request.user,
                         initial={"organisation": org.code})
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                save_rows([form.cleaned_data["row"]], request.user)
            messages.success(request, f"Verdien for {Period.parse(form.cleaned_data['row'].period).label} er lagret.")
            back = SeriesViewForm(request.POST)
            if back.is_valid() and back.cleaned_data["neste"]:
                return redirect(back.cleaned_data["neste"])
            return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied("Du kan ikke registrere verdier for denne organisasjonen.")
    periods = [Period.parse(p) for p in IndicatorValue.objects.filter(indicator=indicator, organisation=org)
               .values_list("period", flat=True)]
    kinds = sorted({p.kind for p in periods}, key=list(KIND_LABELS).index)
    choice = SeriesViewForm(request.GET)
    shown_kind = choice.cleaned_data.get("vis") if choice.is_valid() else ""
    kind = shown_kind if shown_kind in kinds else (
        max(kinds, key=lambda k: sum(p.kind == k for p in periods)) if kinds else YEAR)
    shown = sorted((p for p in periods if p.kind == kind), key=lambda p: p.sort_key)
    evaluator = Evaluator([indicator], [org], {p.year for p in shown})
    rule = evaluator.rule(indicator.pk, org.pk)
    rows = [evaluator.result(indicator.pk, org.pk, p) for p in shown]
    context = {
        "indicator": indicator, "org": org, "rows": rows, "rule": rule, "kinds": [(k, KIND_LABELS[k]) for k in kinds],
        "kind": kind, "form": form, "yellow": rule.yellow if rule is not None and "yellow" in rule.target_kind.fields else None,
        "sample": any(r.value is not None and r.value.source == SAMPLE_SOURCE for r in rows),
        "next": choice.cleaned_data.get("neste", "") if choice.is_valid() else "",
        "other_orgs": _series_organisations(request.user, indicator, org),
    }
    return render(request, "indicators/series.html", context)


def _series_organisations(user: AnyUser, indicator: Indicator, current: Organisation) -> list[Organisation]:
    """Other organisations with values of this series the user may see (links on the series page)."""
    ids = set(IndicatorValue.objects.filter(indicator=indicator).values_list("organisation_id", flat=True))
    ids &= set(access_of(user).value_ids)
    return list(Organisation.objects.filter(pk__in=ids - {current.pk}).order_by("name"))


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not permissions.may_import_values(request.user):
        raise PermissionDenied("Bare eierstaben kan laste opp indikatorverdier fra fil.")
    form = UploadForm(request.POST or None, request.FILES or None)
    errors, more, rejected = [], 0, False
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            result = import_values(upload_file, request.user, upload_file.name)
        except ImportRejected as exc:
            form.add_error("file", exc.message)
            errors, more, rejected = exc.errors, exc.more, True
        else:
            messages.success(request, f"{upload_file.name}: {result.created} nye verdier, {result.updated} endret, "
                             f"{result.unchanged} uendret.")
            return redirect(reverse("indicators:scorecard"))
    return render(request, "indicators/upload.html", {"form": form, "errors": errors, "more": more,
                                                      "columns": COLUMNS}, status=400 if rejected else 200)


@login_required
def upload_template(request: HttpRequest) -> HttpResponse:
    """A file to fill in: the header and one row per series and trust the user manages."""
    if not permissions.may_import_values(request.user):
        raise PermissionDenied("Bare eierstaben kan laste opp indikatorverdier fra fil.")
    user = request.user
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    items = Item.objects.indicators_visible_to(user)
    trusts = {o.pk for o in access_of(user).organisations().filter(kind__in=Organisation.TRUST_KINDS)}
    for indicator in Indicator.objects.filter(item__in=items).prefetch_related("item__recipients"):
        for org in indicator.item.recipients.all():
            if org.pk in trusts:
                writer.writerow([indicator.code, org.code, "", "", "", "", "", "endelig"])
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indikatorverdier-mal.csv"'
    return response


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every series the user may see, with its code (what an import names), external code, unit,
    direction, targets and the colour of its latest values; ``?format=csv`` as a file."""
    form = IndicatorListForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    shown = catalogue.series(request.user, q=data.get("q") or "", year=data.get("ar"))
    entries = catalogue.entries(request.user, shown.prefetch_related("item__document__issuers"))
    if data.get("format") == "csv":
        response = HttpResponse(catalogue.to_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="indikatorer.csv"'
        return response
    own = permissions.own_organisation(request.user)
    rows = [{"entry": e, "indicator": e.indicator, "general": e.general, "specific": e.specific,
             "colours": _colour_counts(e), "may_edit": permissions.may_set_targets(request.user, e.indicator.item)}
            for e in entries]
    with_target = sum(1 for r in rows if r["general"] or r["specific"])
    query = request.GET.copy()
    query["format"] = "csv"
    return render(request, "indicators/list.html", {"rows": rows, "own": own, "with_target": with_target,
                                                    "form": form, "csv_query": query.urlencode()},
                  status=400 if form.is_bound and not form.is_valid() else 200)


def _colour_counts(entry: catalogue.Entry) -> list[tuple[Colour, str, int]]:
    """(colour, its label, how many organisations' latest value has it), worst first."""
    counts: dict[str, int] = {}
    for latest in entry.latest:
        counts[latest.result.colour] = counts.get(latest.result.colour, 0) + 1
    return [(c, c.label, counts[c]) for c in sorted(Colour, key=lambda c: c.severity) if c in counts]


@login_required
def targets(request: HttpRequest, code: str) -> HttpResponse:
    """The reviewer's form: the target for everyone the item applies to, and the series' settings."""
    indicator = _indicator_or_404(request.user, code)
    if not permissions.may_set_targets(request.user, indicator.item):
        raise PermissionDenied("Bare eierstaben hos utstederen kan sette mål.")
    general = indicator.targets.filter(organisation__isnull=True).first()
    settings_form = IndicatorSettingsForm(request.POST or None, instance=indicator, prefix="serie")
    target_form = TargetForm(request.POST or None, instance=general, prefix="mal")
    if request.method == "POST":
        if request.POST.get("fjern") and general is not None:
            general.delete()
            messages.success(request, "Målet er fjernet.")
            return redirect("indicators:targets", code=code)
        if settings_form.is_valid() and general is None and not target_form.has_changed():
            settings_form.save()  # the series' settings (name, external code …) without a target for all
            messages.success(request, f"Serien {indicator.code} er lagret.")
            return redirect("indicators:list")
        if settings_form.is_valid() and target_form.is_valid():
            with transaction.atomic():
                settings_form.save()
                target = target_form.save(commit=False)
                target.indicator, target.organisation, target.source = indicator, None, Target.Source.REVIEWER
                target.save()
            messages.success(request, f"Målet er lagret: {target.rule().describe()}.")
            return redirect("indicators:list")
    context = {"indicator": indicator, "settings_form": settings_form, "target_form": target_form,
               "general": general, "specific": indicator.targets.filter(organisation__isnull=False)
               .select_related("organisation").order_by("organisation__name")}
    return render(request, "indicators/targets.html", context)
