"""Årlig melding (and tertial reports) as DOCX: per trust, and consolidated per RHF.

Structured like the steering document: a front page (trust, year, period, the board's decision),
a status summary, then per hovedmål each item with its number, text, status, report text,
explanation of deviation, expected completion and measures. Headings and labels follow the trust's
preferred language (bokmål or nynorsk) unless overridden.

    report_docx(report, language=None) -> bytes
    annual_report_docx(organisation, period, language=None) -> bytes
    consolidated_docx(owner, period, language=None) -> bytes
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify

from styring.exports.docx_writer import DocxWriter
from styring.exports.labels import STATUS_COLOURS, STATUS_KEYS, Labels, language_for
from styring.organisations.models import Organisation, descendants_of
from styring.reporting.models import (
    BoardDecision,
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
)
from styring.selectors import visible_reports


@dataclass
class ReportData:
    """Everything one report's section needs, loaded in a handful of queries."""

    report: Report
    entries: list[ReportEntry] = field(default_factory=list)
    measures: dict[int, list[Measure]] = field(default_factory=dict)  # by entry id
    board_decision: BoardDecision | None = None

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((*STATUS_KEYS, ""), 0)
        for entry in self.entries:
            counts[entry.status if entry.status in STATUS_KEYS else ""] += 1
        return counts


def load_reports(reports: list[Report]) -> list[ReportData]:
    """Entries with their items, measures and the latest board decision for each report.

    Measures shown for an entry: those created or closed in its report, and every still-open measure
    of the trust on the same item (open measures carry forward until they are closed).
    """
    if not reports:
        return []
    ids = [r.pk for r in reports]
    data = {r.pk: ReportData(report=r) for r in reports}
    entries = (
        ReportEntry.objects.filter(report_id__in=ids)
        .select_related("item")
        .order_by("report_id", "item__main_goal", "item__document__year", "item__document_id", "item__order", "item_id")
    )
    by_org_item: dict[tuple[int, int], list[ReportEntry]] = defaultdict(list)
    org_of = {r.pk: r.organisation_id for r in reports}
    for entry in entries:
        data[entry.report_id].entries.append(entry)
        by_org_item[(org_of[entry.report_id], entry.item_id)].append(entry)
    org_ids = {r.organisation_id for r in reports}
    item_ids = {item_id for _, item_id in by_org_item}
    measures = (
        Measure.objects.filter(organisation_id__in=org_ids, item_id__in=item_ids)
        .filter(Q(created_in__report_id__in=ids) | Q(closed_in__report_id__in=ids) | Q(closed_at__isnull=True))
        .select_related("created_in", "closed_in")
        .order_by("due_date", "pk")
    )
    for measure in measures:
        for entry in by_org_item.get((measure.organisation_id, measure.item_id), ()):
            here = {m.report_id for m in (measure.created_in, measure.closed_in) if m is not None}
            if entry.report_id in here or measure.closed_at is None:
                data[entry.report_id].measures.setdefault(entry.pk, []).append(measure)
    for decision in BoardDecision.objects.filter(report_id__in=ids, changes_requested=False).order_by(
        "meeting_date", "pk"
    ):
        data[decision.report_id].board_decision = decision  # the latest wins
    return [data[r.pk] for r in reports]


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _board_text(L: Labels, decision: BoardDecision | None) -> str:
    if decision is None:
        return L.not_board_approved
    text = f"{L.board_case} {decision.case_number}, {L.meeting_date} {_date(decision.meeting_date)}"
    if decision.minutes_reference:
        text += f" ({L.minutes}: {decision.minutes_reference})"
    return text


def _front_page(w: DocxWriter, L: Labels, data: ReportData) -> None:
    report = data.report
    w.heading(L.document_title(report.period), 0)
    w.paragraph(report.organisation.name, "Subtitle")
    w.labelled(L.trust, f"{report.organisation.name} ({report.organisation.code})")
    w.labelled(L.year, str(report.period.year))
    w.labelled(L.period, L.period_label(report.period))
    w.labelled(L.report_status, L.get(report.status, report.get_status_display()))
    w.labelled(L.board, _board_text(L, data.board_decision))
    if data.board_decision is not None:
        w.labelled(L.decision, data.board_decision.decision_text)
    w.paragraph(f"{L.generated} {_date(dt.date.today())}", "Caption")


def _summary_by_goal(w: DocxWriter, L: Labels, data: ReportData) -> None:
    w.heading(L.summary, 1)
    goals: dict[int | None, dict[str, int]] = {}
    for entry in data.entries:
        counts = goals.setdefault(entry.item.main_goal, dict.fromkeys((*STATUS_KEYS, ""), 0))
        counts[entry.status if entry.status in STATUS_KEYS else ""] += 1
    header = [L.main_goal, *(L[k] for k in STATUS_KEYS), L.not_reported, L.total]
    rows, shades = [], []
    ordered = sorted(goals, key=lambda g: (g is None, g or 0))
    for goal in ordered:
        c = goals[goal]
        rows.append([L.goal_heading(goal), *(c[k] for k in STATUS_KEYS), c[""], sum(c.values())])
    totals = data.counts()
    rows.append([L.total, *(totals[k] for k in STATUS_KEYS), totals[""], sum(totals.values())])
    for row in rows:
        shades.append([None, *(STATUS_COLOURS[k] if row[i + 1] else None for i, k in enumerate(STATUS_KEYS)), None, None])
    w.table(header, rows, shades=shades)


def _items(w: DocxWriter, L: Labels, data: ReportData, *, level: int = 1) -> None:
    if not data.entries:
        w.paragraph(L.no_items)
        return
    current: object = object()
    for entry in data.entries:
        item = entry.item
        if item.main_goal != current:
            current = item.main_goal
            w.heading(L.goal_heading(current), level)
        ref = f"{item.ref} " if item.ref else ""
        w.heading(f"{ref}{L.get(item.kind, item.get_kind_display())}".strip(), level + 1)
        w.paragraph(item.text, "Quote")
        status = w.labelled(L.status, L.status_label(entry.status))
        colour = STATUS_COLOURS.get(entry.status)
        if colour:
            status.runs[-1].bold = True
        w.labelled(L.text, entry.text)
        if entry.deviation:
            w.labelled(L.deviation, entry.deviation)
        if entry.expected_completion:
            w.labelled(L.expected, entry.expected_completion)
        measures = data.measures.get(entry.pk, [])
        if measures:
            w.paragraph(f"{L.measures}:").runs[0].bold = True
            for m in measures:
                closed = f" ({L.closed})" if m.closed_at else ""
                w.paragraph(
                    f"{m.description} – {L.measure_owner}: {m.owner}, {L.measure_due} {_date(m.due_date)}{closed}",
                    "List Bullet",
                )


def report_docx(report: Report, language: str | None = None) -> bytes:
    """One trust's report for one period (årlig melding or tertial report) as DOCX bytes."""
    (data,) = load_reports([report])
    L = Labels(language_for(report.organisation, language))
    w = DocxWriter(title=f"{L.document_title(report.period)} – {report.organisation.name}", language=L.language)
    _front_page(w, L, data)
    w.page_break()
    _summary_by_goal(w, L, data)
    _items(w, L, data)
    return w.to_bytes()


def annual_report_docx(organisation: Organisation, period: ReportingPeriod, language: str | None = None) -> bytes:
    """The trust's report for ``period``; raises ``Report.DoesNotExist`` if it has none."""
    report = Report.objects.select_related("organisation", "period").get(organisation=organisation, period=period)
    return report_docx(report, language)


def consolidated_reports(owner: Organisation, period: ReportingPeriod, *, user=None) -> list[Report]:
    """Every report for ``period`` from a trust ``owner`` owns (directly or transitively); with
    ``user``, only those the user may read (owners never see a trust's drafts)."""
    reports = visible_reports(user) if user is not None else Report.objects.all()
    return list(
        reports.filter(period=period, organisation_id__in=descendants_of([owner.pk]))
        .select_related("organisation", "period")
        .order_by("organisation__name")
    )


def consolidated_docx(owner: Organisation, period: ReportingPeriod, language: str | None = None, *,
                      user=None) -> bytes:
    """All the owner's trusts' reports for ``period`` in one document: a front page with a status
    table per trust, then each trust's section (hovedmål → items). With ``user``, only the reports
    that user may read."""
    reports = consolidated_reports(owner, period, user=user)
    datas = load_reports(reports)
    L = Labels(language_for(owner, language))
    w = DocxWriter(title=f"{L.document_title(period)} – {owner.name}", language=L.language)
    w.heading(L.document_title(period), 0)
    w.paragraph(f"{owner.name} – {L.consolidated.lower()}", "Subtitle")
    w.labelled(L.owner, owner.name)
    w.labelled(L.year, str(period.year))
    w.labelled(L.period, L.period_label(period))
    w.labelled(L.trusts, str(len(reports)))
    w.paragraph(f"{L.generated} {_date(dt.date.today())}", "Caption")
    w.heading(L.summary, 1)
    if not datas:
        w.paragraph(L.no_reports)
        return w.to_bytes()
    header = [L.trust, L.report_status, L.board, *(L[k] for k in STATUS_KEYS), L.not_reported, L.total]
    rows, shades = [], []
    totals = dict.fromkeys((*STATUS_KEYS, ""), 0)
    for data in datas:
        c = data.counts()
        for k, v in c.items():
            totals[k] += v
        decision = data.board_decision
        rows.append([
            data.report.organisation.name, L.get(data.report.status, data.report.get_status_display()),
            f"{L.board_case} {decision.case_number}" if decision else "–",
            *(c[k] for k in STATUS_KEYS), c[""], sum(c.values()),
        ])
    rows.append([L.total, "", "", *(totals[k] for k in STATUS_KEYS), totals[""], sum(totals.values())])
    for row in rows:
        shades.append([None, None, None, *(STATUS_COLOURS[k] if row[3 + i] else None for i, k in enumerate(STATUS_KEYS)), None, None])
    w.table(header, rows, shades=shades)
    for data in datas:
        w.page_break()
        report = data.report
        w.heading(report.organisation.name, 1)
        w.labelled(L.report_status, L.get(report.status, report.get_status_display()))
        w.labelled(L.board, _board_text(L, data.board_decision))
        if data.board_decision is not None:
            w.labelled(L.decision, data.board_decision.decision_text)
        _items(w, L, data, level=2)
    return w.to_bytes()


def docx_filename(period: ReportingPeriod, who: Organisation, language: str = "nb") -> str:
    L = Labels(language)
    return f"{slugify(L.document_title(period).replace('å', 'aa').replace('Å', 'Aa'))}-{who.code}.docx"
