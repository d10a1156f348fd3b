"""Generated documents as downloads (the UI's and the API's): private, never cached."""
from __future__ import annotations

from django.http import HttpResponse

from styring.accounts.types import AnyUser
from styring.exports.annual_report import consolidated_docx, docx_filename, report_docx
from styring.exports.labels import language_for
from styring.exports.pdf import consolidated_pdf, pdf_filename, report_pdf
from styring.organisations.models import Organisation
from styring.reporting.models import Report, ReportingPeriod

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def report_download_response(report: Report, language: str | None) -> HttpResponse:
    lang = language_for(report.organisation, language)
    return attachment(report_docx(report, lang), DOCX, docx_filename(report.period, report.organisation, lang))


def report_pdf_response(report: Report, language: str | None) -> HttpResponse:
    """The same report as ``report_download_response``, as PDF."""
    lang = language_for(report.organisation, language)
    return attachment(report_pdf(report, lang), PDF, pdf_filename(report.period, report.organisation, lang))


def consolidated_file(owner: Organisation, period: ReportingPeriod, language: str, fmt: str, *,
                      user: AnyUser | None = None) -> tuple[bytes, str, str]:
    """The consolidated report as (bytes, content type, file name), ``fmt`` "docx" or "pdf": the
    one place the direct download and the background job both build it."""
    if fmt == "pdf":
        return consolidated_pdf(owner, period, language, user=user), PDF, pdf_filename(period, owner, language)
    return consolidated_docx(owner, period, language, user=user), DOCX, docx_filename(period, owner, language)
