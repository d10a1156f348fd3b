"""Generated documents as downloads (the UI's and the API's): private, never cached."""
from __future__ import annotations

from django.http import HttpResponse

from styring.exports.annual_report import docx_filename, report_docx
from styring.exports.labels import language_for
from styring.exports.pdf import pdf_filename, report_pdf
from styring.reporting.models import Report

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
