"""Long exports in the background: the request starts a job (milliseconds) and the user follows it on
the job page; the worker builds the bytes with the same functions as the direct downloads.

- the consolidated report of an owner for a period, as Word or PDF;
- the reporting template of a trust for a year, as Excel."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django_tasks import task

from styring.accounts.access import organisation_or_404
from styring.exports.downloads import XLSX, consolidated_file
from styring.exports.labels import LANGUAGES, language_for
from styring.exports.template import template_items, template_xlsx
from styring.jobs.models import Job
from styring.jobs.services import running, start
from styring.reporting.models import ReportingPeriod

FORMATS = {"docx": "Word", "pdf": "PDF"}


class ExportForm(forms.Form):
    malform = forms.ChoiceField(required=False, choices=[("", "Foretakets"), *((c, c) for c in LANGUAGES)],
                                error_messages={"invalid_choice": "Ukjent målform."})
    format = forms.ChoiceField(required=False, choices=list(FORMATS.items()),
                               error_messages={"invalid_choice": "Ukjent filformat."})

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "docx"


def _form(request: HttpRequest) -> ExportForm | None:
    """The choices of the export; when they are wrong, says so on the exports page."""
    form = ExportForm(request.POST)
    if form.is_valid():
        return form
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return None


# --- the tasks (run by the worker) -------------------------------------------------------------

@task()
def build_consolidated(job_id: int, code: str, period_id: int, language: str | None = None, fmt: str = "docx") -> None:
    with running(job_id, expected=(Http404,)) as job:
        # the worker asks again, as the user, what the user may see: the job carries only ids
        owner = organisation_or_404(job.user, code)
        period = ReportingPeriod.objects.visible_or_404(job.user, period_id)
        lang = language_for(owner, language)
        job.advance(10, "Henter rapportene fra foretakene")
        data, content_type, name = consolidated_file(owner, period, lang, fmt, user=job.user)
        job.advance(95, "Lagrer dokumentet")
        job.finish(data, name, content_type)


@task()
def build_template(job_id: int, code: str, year: int, language: str | None = None) -> None:
    with running(job_id, expected=(Http404,)) as job:
        org = organisation_or_404(job.user, code)
        job.advance(10, "Henter kravene")
        items = template_items(org, year=year)
        job.advance(40, f"Skriver {len(items)} krav til Excel")
        data = template_xlsx(org, items, title_year=year, language=language_for(org, language))
        job.advance(95, "Lagrer regnearket")
        job.finish(data, f"rapporteringsmal-{year}-{org.code}.xlsx", XLSX)


# --- the views that start them -------------------------------------------------------------------

@login_required
@require_POST
def consolidated_start(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    owner = organisation_or_404(request.user, code)
    period = ReportingPeriod.objects.visible_or_404(request.user, period_id)
    form = _form(request)
    if form is None:
        return redirect("exports:index")
    data = form.cleaned_data
    job = start(request, build_consolidated, kind=Job.Kind.CONSOLIDATED,
                title=f"Samlet rapport: {period} – {owner.name} ({FORMATS[data['format']]})",
                code=owner.code, period_id=period.pk, language=data["malform"] or None, fmt=data["format"])
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def template_start(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = organisation_or_404(request.user, code)
    form = _form(request)
    if form is None:
        return redirect("exports:index")
    data = form.cleaned_data
    job = start(request, build_template, kind=Job.Kind.EXPORT, title=f"Rapporteringsmal {year} – {org.name} (Excel)",
                code=org.code, year=year, language=data["malform"] or None)
    return redirect("jobs:detail", pk=job.pk)
