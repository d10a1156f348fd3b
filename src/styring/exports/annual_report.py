"""Årlig melding (and tertial reports) as DOCX: per trust, and consolidated per RHF.

A document a board can receive: A4, the trust (or owner) and the period in the header of every page,
"Side X av Y" in the footer, a front page (trust, year, period, the board's decision), a summary of
status per hovedmål (colour and symbol, so it reads in black and white too), then per hovedmål each
item with its number, text, status, report text, explanation of deviation, expected completion and
measures — in the report page's order. The consolidated report lists the trusts the owner owns that
are expected to report in the period, "Ikke levert" for those that have not sent their report, and
names the others under "Ingen krav i perioden". Headings and labels follow the trust's
preferred language (bokmål or nynorsk) unless overridden.

What the documents say is built once in ``styring.exports.content``; this module lays it out as
DOCX, ``styring.exports.pdf`` as PDF.

    report_docx(report, language=None) -> bytes
    annual_report_docx(organisation, period, language=None) -> bytes
    consolidated_docx(owner, period, language=None, *, user=None) -> bytes
"""
from __future__ import annotations

from django.utils.text import slugify

from styring.accounts.types import AnyUser
from styring.exports.content import (
    ReportData,
    ReportDocument,
    Table,
    board_text,
    consolidated_content,
    consolidated_reports,
    load_reports,
    report_content,
)
from styring.exports.docx_writer import INKS, DocxWriter, run_xml
from styring.exports.labels import STATUS_COLOURS, Labels
from styring.organisations.models import Organisation
from styring.reporting.models import Report, ReportingPeriod

__all__ = [
    "ReportData", "annual_report_docx", "board_text", "consolidated_docx", "consolidated_reports", "docx_filename",
    "load_reports", "render_docx", "report_docx",
]


def _table(w: DocxWriter, table: Table) -> None:
    w.table_xml(
        [c.text for c in table.header],
        [[c.text for c in row] for row in table.rows],
        header_shades=[STATUS_COLOURS.get(c.status) or None for c in table.header],
        shades=[[STATUS_COLOURS.get(c.status) or None for c in row] for row in table.rows],
        bold=[[c.bold for c in row] for row in table.rows],
        right_from=table.numeric_from,
    )


def render_docx(doc: ReportDocument) -> bytes:
    """The content of a report document as DOCX bytes."""
    w = DocxWriter(title=doc.title, language=doc.language)
    w.a4()
    w.header_footer(doc.header_left, doc.header_right, page=doc.page_word, of=doc.of_word)
    w.heading_text(doc.heading, 0)
    w.text(doc.subtitle, "Subtitle")
    for label, value in doc.facts:
        w.label_value(label, value)
    w.text(doc.generated, "Caption")
    w.heading_text(doc.summary_heading, 1, page_break_before=True)
    for table in doc.tables:
        _table(w, table)
    for note in doc.notes:
        w.text(note)
    consolidated = any(s.heading for s in doc.sections)
    level = 2 if consolidated else 1
    for section in doc.sections:
        if section.heading:
            w.heading_text(section.heading, 1, page_break_before=True)
            for label, value in section.facts:
                w.label_value(label, value)
        if not section.goals:
            w.text(section.empty_text)
        for goal in section.goals:
            w.heading_text(goal.heading, level)
            for item in goal.items:
                w.heading_text(item.heading, level + 1)
                # an item's heading, text, status and first answer stay on one page: a page never
                # starts with an answer cut off from its item (LibreOffice left "Rapport:" alone on the last page)
                w.text(item.text, "Quote", keep_next=True)
                symbol, _, label = item.status_text.partition(" ")
                ink = INKS.get(STATUS_COLOURS.get(item.status, ""))
                w.paragraph_xml(run_xml(f"{doc.status_heading}: ", bold=True)
                                + run_xml(symbol + " ", bold=True, colour=ink) + run_xml(label, bold=bool(ink))
                                + (run_xml(f" · {item.indicator}") if item.indicator else ""),
                                keep_next=bool(item.fields or item.measures))
                for label, value in item.fields:
                    w.label_value(label, value)
                if item.measures:
                    w.paragraph_xml(run_xml(f"{doc.measures_heading}:", bold=True), keep_next=True)
                    for measure in item.measures:
                        w.text(measure, "List Bullet")
    return w.to_bytes()


def report_docx(report: Report, language: str | None = None) -> bytes:
    """One trust's report for one period (årlig melding or tertial report) as DOCX bytes."""
    return render_docx(report_content(report, language))


def annual_report_docx(organisation: Organisation, period: ReportingPeriod, language: str | None = None) -> bytes:
    """The trust's report for ``period``; raises ``Report.DoesNotExist`` if it has none."""
    report = Report.objects.select_related("organisation", "period").get(organisation=organisation, period=period)
    return report_docx(report, language)


def consolidated_docx(owner: Organisation, period: ReportingPeriod, language: str | None = None, *,
                      user: AnyUser | None = None) -> bytes:
    """The trusts ``owner`` owns that are expected in ``period``, in one document: a summary row per
    trust ("Ikke levert" for a trust that has not sent its report), status per hovedmål, then each delivered
    report's section (hovedmål → items). With ``user``, only the reports that user may read."""
    return render_docx(consolidated_content(owner, period, language, user=user))


def docx_filename(period: ReportingPeriod, who: Organisation, language: str = "nb") -> str:
    L = Labels(language)
    return f"{slugify(L.document_title(period).replace('å', 'aa').replace('Å', 'Aa'))}-{who.code}.docx"
