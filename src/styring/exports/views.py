"""Documents out: downloads of årlig melding / tertial reports, consolidated reports and reporting
templates, and the upload of a filled-in template. Access through ``styring.accounts.access`` only:
a trust's own members and its owners' staff (drafts: the trust's own members only)."""
from __future__ import annotations

from typing import BinaryIO, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from styring.accounts.access import (
    Action,
    access_of,
    can,
    organisation_or_404,
    visible_organisation_ids,
)
from styring.accounts.types import AnyUser
from styring.exports.downloads import (
    DOCX,
    XLSX,
    attachment,
    consolidated_file,
    report_download_response,
    report_pdf_response,
)
from styring.exports.labels import LANGUAGES, language_for
from styring.exports.template import (
    RowError,
    import_xlsx,
    report_template_xlsx,
    template_docx,
    template_items,
    template_xlsx,
)
from styring.reporting.models import Report, ReportingPeriod
from styring.requirements.models import Item


def _language(request: HttpRequest) -> str | None:
    value = request.GET.get("malform")
    return value if value in LANGUAGES else None


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Årlig melding (or tertial report) of one trust as DOCX; ``?malform=nn`` overrides the language."""
    return report_download_response(Report.objects.visible_or_404(request.user, pk), _language(request))


@login_required
def report_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The same report as ``report_download``, as PDF."""
    return report_pdf_response(Report.objects.visible_or_404(request.user, pk), _language(request))


@login_required
def consolidated_download(request: HttpRequest, code: str, period_id: int, fmt: str = "docx") -> HttpResponse:
    """An owner's (RHF's) consolidated report for a period across the trusts it owns, as Word or PDF
    (the UI starts it as a background job; this address serves it directly)."""
    owner = organisation_or_404(request.user, code)
    period = ReportingPeriod.objects.visible_or_404(request.user, period_id)
    lang = language_for(owner, _language(request))
    return attachment(*consolidated_file(owner, period, lang, fmt, user=request.user))


@login_required
def template_download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    """The trust's reporting template for a year, generated from the register."""
    org = organisation_or_404(request.user, code)
    items = template_items(org, year=year)
    lang = language_for(org, _language(request))
    name = f"rapporteringsmal-{year}-{org.code}.{fmt}"
    if fmt == "xlsx":
        return attachment(template_xlsx(org, items, title_year=year, language=lang), XLSX, name)
    return attachment(template_docx(org, items, title_year=year, language=lang), DOCX, name)


@login_required
def report_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The template for exactly this report's items with what is saved (fill it in and upload it back)."""
    report = Report.objects.visible_or_404(request.user, pk)
    data = report_template_xlsx(report, _language(request))
    return attachment(data, XLSX, f"rapporteringsmal-{report.pk}-{report.organisation.code}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled-in XLSX template into a draft report; every row error is listed, nothing is
    saved if any row fails."""
    report = Report.objects.visible_or_404(request.user, pk)
    if not can(request.user, Action.REPORT, report.organisation):
        raise PermissionDenied("Bare rapportøren i helseforetaket kan laste opp rapporten.")
    errors: list[RowError] = []
    saved = None
    if request.method == "POST":
        upload = request.FILES.get("fil")
        if upload is None:
            errors = [RowError(None, "Velg en utfylt rapporteringsmal (.xlsx) å laste opp.")]
        else:
            result = import_xlsx(report, cast(BinaryIO, upload), request.user)  # an upload reads as a binary file
            if result.ok:
                messages.success(request, f"Rapporteringsmalen er lest inn: {result.saved} punkter oppdatert.")
                return redirect(reverse("exports:report_upload", args=[report.pk]))
            errors = result.errors
    return render(request, "exports/upload.html", {
        "report": report, "errors": errors, "saved": saved, "report_page": _report_page_url(report),
    }, status=400 if errors else 200)


def _report_page_url(report: Report) -> str | None:
    """The reporting app's page for the report, when it has one."""
    from django.urls import NoReverseMatch

    for name in ("reporting:report", "reporting:detail", "reporting:report_detail"):
        try:
            return reverse(name, args=[report.pk])
        except NoReverseMatch:
            continue
    return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Everything the user may download: reports per period, consolidated reports for owners, and
    the reporting templates of the trusts the user sees."""
    user = request.user
    reports = list(
        Report.objects.visible_to(user).select_related("organisation", "period", "period__issuer")
        .order_by("-period__year", "period__admin_deadline", "organisation__name")
    )
    periods: dict[int, dict] = {}
    for report in reports:
        group = periods.setdefault(report.period_id, {"period": report.period, "reports": []})
        group["reports"].append(report)
    owned = access_of(user).owned_ids
    consolidated = _consolidated_periods(user, owned)
    trust_years = (
        Item.objects.visible_to(user).confirmed().filter(recipients__in=visible_organisation_ids(user))
        .values_list("recipients__code", "recipients__name", "document__year").distinct()
        .order_by("-document__year", "recipients__name")
    )
    templates = [{"code": c, "name": n, "year": y} for c, n, y in trust_years]
    return render(request, "exports/index.html", {
        "periods": list(periods.values()), "consolidated": consolidated, "templates": templates,
    })


def _consolidated_periods(user: AnyUser, owned: frozenset[int]) -> list[ReportingPeriod]:
    """Periods in which at least one trust the user owns has a report the user may read."""
    if not owned:
        return []
    period_ids = Report.objects.visible_to(user).filter(organisation_id__in=owned).values_list("period_id", flat=True)
    return list(
        ReportingPeriod.objects.visible_to(user).filter(pk__in=period_ids, issuer_id__in=visible_organisation_ids(user))
        .select_related("issuer").order_by("-year", "admin_deadline")
    )
