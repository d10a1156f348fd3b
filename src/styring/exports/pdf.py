"""Årlig melding (and tertial reports) as PDF, from the same content as the DOCX.

``styring.exports.content`` builds what the document says; here it is laid out as HTML
(``exports/report_document.html`` with ``exports/report_document.css``) and printed by WeasyPrint: A4, the trust and period in the header,
"Side X av Y" in the footer, fonts embedded (subset) in the PDF. The font is Inter when the npm
package ``@fontsource/inter`` is installed, else DejaVu Sans (a system font), else any sans-serif.

WeasyPrint fetches nothing but the font files: the HTML is Django-escaped text only, and the URL
fetcher refuses every other URL.

    report_pdf(report, language=None) -> bytes
    annual_report_pdf(organisation, period, language=None) -> bytes
    consolidated_pdf(owner, period, language=None, *, user=None) -> bytes
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from styring.accounts.types import AnyUser
from styring.exports.annual_report import docx_filename
from styring.exports.content import ReportDocument, consolidated_content, report_content
from styring.exports.docx_writer import INKS, SHADES
from styring.exports.labels import STATUS_COLOURS
from styring.organisations.models import Organisation
from styring.reporting.models import Report, ReportingPeriod

INTER_WEIGHTS = {400: "normal", 700: "bold"}


@cache
def font_faces() -> tuple[str, tuple[Path, ...]]:
    """The ``@font-face`` rules for Inter from node_modules (if installed) and the files they name."""
    base = Path(getattr(settings, "NODE_MODULES", Path("node_modules"))) / "@fontsource" / "inter" / "files"
    rules, files = [], []
    for weight in INTER_WEIGHTS:
        for style in ("normal", "italic"):
            for ext, fmt in (("woff2", "woff2"), ("woff", "woff")):
                path = base / f"inter-latin-{weight}-{style}.{ext}"
                if path.is_file():
                    rules.append(f'@font-face {{ font-family: "Inter"; font-weight: {weight}; font-style: {style}; '
                                 f'src: url("{path.as_uri()}") format("{fmt}"); }}')
                    files.append(path)
                    break
    return "\n".join(rules), tuple(files)


def _fetcher(allowed: tuple[Path, ...]):
    """A URL fetcher that reads the font files and refuses everything else."""
    from weasyprint.urls import URLFetcher

    allowed_uris = {p.as_uri() for p in allowed}

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> object:
            if url.split("?")[0] not in allowed_uris:
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",))


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element."""
    out = []
    for char in " ".join(value.split()):
        out.append(f"\\{ord(char):x} " if char in '\\"<>&' or ord(char) < 32 else char)
    return mark_safe('"' + "".join(out) + '"')  # noqa: S308 - every special character is escaped


def render_html(doc: ReportDocument) -> str:
    return render_to_string("exports/report_document.html", {
        "doc": doc, "consolidated": any(s.heading for s in doc.sections)})


def render_css(doc: ReportDocument) -> str:
    faces, _ = font_faces()
    return render_to_string("exports/report_document.css", {
        "font_faces": faces, "css": {key: css_string(getattr(doc, key)) for key in (
            "header_left", "header_right", "page_word", "of_word")}, "shades": {k: SHADES[v] for k, v in STATUS_COLOURS.items() if v},
        "inks": {k: INKS[v] for k, v in STATUS_COLOURS.items() if v},
    })


def render_pdf(doc: ReportDocument) -> bytes:
    """The content of a report document as PDF bytes."""
    from weasyprint import CSS, HTML  # imported on use: it loads Pango
    from weasyprint.text.fonts import FontConfiguration

    _, files = font_faces()
    fetcher = _fetcher(files)
    fonts = FontConfiguration()
    css = CSS(string=render_css(doc), url_fetcher=fetcher, font_config=fonts)
    html = HTML(string=render_html(doc), url_fetcher=fetcher, base_url="about:blank")
    return html.write_pdf(stylesheets=[css], font_config=fonts) or b""


def report_pdf(report: Report, language: str | None = None) -> bytes:
    """One trust's report for one period (årlig melding or tertial report) as PDF bytes."""
    return render_pdf(report_content(report, language))


def annual_report_pdf(organisation: Organisation, period: ReportingPeriod, language: str | None = None) -> bytes:
    """The trust's report for ``period``; raises ``Report.DoesNotExist`` if it has none."""
    report = Report.objects.select_related("organisation", "period").get(organisation=organisation, period=period)
    return report_pdf(report, language)


def consolidated_pdf(owner: Organisation, period: ReportingPeriod, language: str | None = None, *,
                     user: AnyUser | None = None) -> bytes:
    """The consolidated report of ``owner`` for ``period`` (see ``consolidated_docx``) as PDF bytes."""
    return render_pdf(consolidated_content(owner, period, language, user=user))


def pdf_filename(period: ReportingPeriod, who: Organisation, language: str = "nb") -> str:
    return docx_filename(period, who, language).removesuffix(".docx") + ".pdf"
