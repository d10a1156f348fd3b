"""What an årlig melding / tertial report document says, once, for every renderer.

``report_content`` (one trust) and ``consolidated_content`` (an RHF's trusts) build a
``ReportDocument``: the title, the running header (who and which period), the facts of the front
page (board decision included), the summary tables and, per trust, the hovedmål with their items.
The DOCX renderer (``annual_report``) and the PDF renderer (``pdf``) only lay it out.

Order is the report page's: Hovedmål 1, 2, 3, then "Øvrige krav"; inside each, the order of the
steering documents.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q

from styring.accounts.access import visible_organisation_ids
from styring.exports.labels import STATUS_KEYS, Labels, language_for
from styring.indicators.evaluation import Result, latest_colours
from styring.organisations.models import Organisation, descendants_of
from styring.reporting.models import (
    BoardDecision,
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
    ReportStep,
    Rounds,
    entry_look,
    report_rounds,
)
from styring.reporting.scope import expected_trusts
from styring.reporting.transitions import history_label
from styring.requirements.models import Item
from styring.selectors import measures_outside_drafts, visible_reports

# A report counts as delivered once the trust has sent it (a draft, or one sent back, has not been).
DELIVERED = frozenset({ReportStatus.SUBMITTED, ReportStatus.BOARD_APPROVED, ReportStatus.APPROVED})
SYMBOLS = {key: entry_look(key).symbol for key in (*STATUS_KEYS, "")}


# --- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    status: str = ""  # an entry status: the cell is shaded in its colour
    bold: bool = False


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]]
    numeric_from: int = 1  # columns from this index are counts (right-aligned)


@dataclass
class ItemBlock:
    heading: str
    text: str
    status: str  # the entry status key ("" when not reported)
    status_text: str  # symbol and label, e.g. "◐ Delvis oppnådd"
    fields: list[tuple[str, str]]  # (label, value): the report text, deviation, expected completion
    measures: list[str]
    indicator: str = ""  # the measured indicator beside the status: colour, value and target ("" without one)


@dataclass
class GoalBlock:
    heading: str
    items: list[ItemBlock]


@dataclass
class Section:
    heading: str | None  # the trust's name in a consolidated report
    facts: list[tuple[str, str]]
    goals: list[GoalBlock]
    empty_text: str = ""


@dataclass
class ReportDocument:
    language: str
    title: str  # also the document's properties title
    heading: str
    subtitle: str
    header_left: str  # the running header: the trust (or owner) ...
    header_right: str  # ... and the period
    page_word: str  # "Side"
    of_word: str  # "av"
    facts: list[tuple[str, str]]
    generated: str
    summary_heading: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)  # under the summary, e.g. the trusts not delivered
    sections: list[Section] = field(default_factory=list)
    status_heading: str = "Status"
    measures_heading: str = "Tiltak"

    @property
    def document_title(self) -> str:
        return f"{self.heading} – {self.header_left}"


# --- loading --------------------------------------------------------------------------------------


@dataclass(slots=True)
class ItemRow:
    """What a document shows of an item (read as plain values: thousands per document)."""

    pk: int
    ref: str
    kind: str
    text: str
    main_goal: int | None


@dataclass(slots=True)
class EntryRow:
    pk: int
    report_id: int
    item_id: int
    status: str
    text: str
    deviation: str
    expected_completion: str
    contradiction_reason: str
    item: ItemRow


@dataclass(slots=True)
class MeasureRow:
    organisation_id: int
    item_id: int
    description: str
    owner: str
    due_date: dt.date | None
    closed_at: dt.datetime | None
    created_in_report: int | None
    closed_in_report: int | None


@dataclass
class ReportData:
    """Everything one report's section needs, loaded in a handful of queries."""

    report: Report
    entries: list[EntryRow] = field(default_factory=list)
    measures: dict[int, list[MeasureRow]] = field(default_factory=dict)  # by entry id
    board_decision: BoardDecision | None = None  # the current round's, while the report stands on it
    indicators: dict[int, Result] = field(default_factory=dict)  # indicator item id → its latest result
    rounds: Rounds | None = None

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
    rows = (
        ReportEntry.objects.filter(report_id__in=ids)
        .order_by("report_id", F("item__main_goal").asc(nulls_last=True), "item__document__year",
                  "item__document_id", "item__order", "item_id")
        .values_list("id", "report_id", "item_id", "status", "text", "deviation", "expected_completion",
                     "contradiction_reason", "item__ref", "item__kind", "item__text", "item__main_goal")
    )
    items: dict[int, ItemRow] = {}
    by_org_item: dict[tuple[int, int], list[EntryRow]] = defaultdict(list)
    org_of = {r.pk: r.organisation_id for r in reports}
    for pk, report_id, item_id, status, text, deviation, expected, reason, ref, kind, item_text, goal in rows:
        item = items.get(item_id)
        if item is None:
            item = items[item_id] = ItemRow(item_id, ref, kind, item_text, goal)
        entry = EntryRow(pk, report_id, item_id, status, text, deviation, expected, reason, item)
        data[report_id].entries.append(entry)
        by_org_item[(org_of[report_id], item_id)].append(entry)
    org_ids = {r.organisation_id for r in reports}
    measures = (
        Measure.objects.filter(organisation_id__in=org_ids, item_id__in=items)
        .filter(Q(created_in__report_id__in=ids) | Q(closed_in__report_id__in=ids)
                | Q(closed_at__isnull=True) & measures_outside_drafts())
        .order_by("due_date", "pk")
        .values_list("organisation_id", "item_id", "description", "owner", "due_date", "closed_at",
                     "created_in__report_id", "closed_in__report_id")
    )
    for values in measures:
        measure = MeasureRow(*values)
        here = (measure.created_in_report, measure.closed_in_report)
        for entry in by_org_item.get((measure.organisation_id, measure.item_id), ()):
            if measure.closed_at is None or entry.report_id in here:
                data[entry.report_id].measures.setdefault(entry.pk, []).append(measure)
    # the measured indicator of each indicator item, as the report page and the matrix show it
    indicator_items = [pk for pk, item in items.items() if item.kind == Item.Kind.INDICATOR]
    results = latest_colours(indicator_items, org_ids) if indicator_items else {}
    for report in reports:
        data[report.pk].indicators = {item: r for (item, org), r in results.items() if org == report.organisation_id}
    steps: dict[int, list[ReportStep]] = defaultdict(list)
    for step in ReportStep.objects.filter(report_id__in=ids).select_related("decision").order_by("at", "pk"):
        steps[step.report_id].append(step)
    decisions: dict[int, list[BoardDecision]] = defaultdict(list)
    for decision in BoardDecision.objects.filter(report_id__in=ids).order_by("recorded_at", "pk"):
        decisions[decision.report_id].append(decision)
    for r in reports:
        rounds = data[r.pk].rounds = report_rounds(r, steps[r.pk], decisions[r.pk])
        data[r.pk].board_decision = rounds.decision
    return [data[r.pk] for r in reports]


# --- building -------------------------------------------------------------------------------------


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def board_text(L: Labels, decision: BoardDecision | None) -> str:
    if decision is None:
        return L.not_board_approved
    text = f"{L.board_case} {decision.case_number}, {L.meeting_date} {_date(decision.meeting_date)}"
    if decision.minutes_reference:
        text += f" ({L.minutes}: {decision.minutes_reference})"
    return text


def _report_status(L: Labels, report: Report) -> str:
    return L.get(report.status, report.get_status_display())


def _board_facts(L: Labels, data: ReportData) -> list[tuple[str, str]]:
    """The report's status, the current round's sending and board decision, then each earlier
    step as history ("Tidligere behandling")."""
    facts = [(L.report_status, _report_status(L, data.report))]
    rounds = data.rounds
    if rounds is not None and rounds.sent_at is not None:
        facts.append((L.sent, _date(rounds.sent_at)))
    facts.append((L.board, board_text(L, data.board_decision)))
    if data.board_decision is not None:
        facts.append((L.decision, data.board_decision.decision_text))
    if rounds is not None:
        current = rounds.current.steps if rounds.current else []
        shown = rounds.current.sent if rounds.current else None  # printed above, as are the decision's
        earlier = [s for s in current if s is not shown and (s.decision is None or s.decision != data.board_decision)]
        earlier += [s for r in rounds.earlier for s in r.steps]
        for step in earlier:
            label = L.translate(history_label(step))
            line = f"{label[:1].upper()}{label[1:]}"
            if step.decision is not None:  # the meeting's date, not when it was recorded
                line += f": {board_text(L, step.decision)} – {step.decision.decision_text}"
            else:
                line += f" {_date(step.at)}"
            facts.append((L.earlier_rounds, line))
    return facts


def _status_header(L: Labels) -> list[Cell]:
    return [Cell(f"{SYMBOLS[k]} {L[k]}", k, True) for k in STATUS_KEYS] + [
        Cell(L.not_reported, "", True), Cell(L.total, "", True)]


def _count_cells(counts: dict[str, int], *, bold: bool = False) -> list[Cell]:
    return [Cell(str(counts[k]), k if counts[k] else "", bold) for k in STATUS_KEYS] + [
        Cell(str(counts[""]), "", bold), Cell(str(sum(counts.values())), "", bold)]


def _goal_table(L: Labels, datas: list[ReportData]) -> Table:
    """Status per hovedmål (the rows in the page's order), summed over ``datas``, with a total."""
    goals: dict[int | None, dict[str, int]] = {}
    totals = dict.fromkeys((*STATUS_KEYS, ""), 0)
    for data in datas:
        for entry in data.entries:
            key = entry.status if entry.status in STATUS_KEYS else ""
            goals.setdefault(entry.item.main_goal, dict.fromkeys((*STATUS_KEYS, ""), 0))[key] += 1
            totals[key] += 1
    rows = [[Cell(L.goal_heading(goal)), *_count_cells(goals[goal])]
            for goal in sorted(goals, key=lambda g: (g is None, g or 0))]
    rows.append([Cell(L.total, bold=True), *_count_cells(totals, bold=True)])
    return Table([Cell(L.main_goal, bold=True), *_status_header(L)], rows)


class _Labels:
    """The labels an item block needs, looked up once per document (not once per item)."""

    def __init__(self, L: Labels):
        self.status = {key: f"{SYMBOLS[key]} {L[key]}" for key in STATUS_KEYS}
        self.not_reported = f"{SYMBOLS['']} {L.not_reported}"
        self.kinds: dict[str, str] = {}
        self.L = L
        self.text, self.deviation, self.expected = L.text, L.deviation, L.expected
        self.owner, self.due, self.closed = L.measure_owner, L.measure_due, L.closed
        self.reason = L.contradiction_reason

    def indicator(self, result: Result | None) -> str:
        """The measured indicator beside a status: "Indikator: ✗ rød, 86,8 % (mål ≥ 90 %, 1. tertial 2024)"."""
        if result is None or result.value is None:
            return ""
        colour = self.L.get(f"colour_{result.colour}")
        target = f"{self.L.target} {result.target}, " if result.target else ""
        shown = f"{result.evaluation.symbol} {colour}, {result.shown}" if colour else result.shown
        return f"{self.L.indicator}: {shown} ({target}{result.period.label})"

    def kind(self, item: ItemRow) -> str:
        if item.kind not in self.kinds:
            self.kinds[item.kind] = self.L.get(item.kind, item.kind)
        return self.kinds[item.kind]


def _goals(L: Labels, data: ReportData, cache: _Labels) -> list[GoalBlock]:
    goals: list[GoalBlock] = []
    current: object = object()
    for entry in data.entries:
        item = entry.item
        if item.main_goal != current:
            current = item.main_goal
            goals.append(GoalBlock(L.goal_heading(item.main_goal), []))
        fields = [(cache.text, entry.text)] if entry.text.strip() else []  # no empty "Rapport:" label
        if entry.deviation:
            fields.append((cache.deviation, entry.deviation))
        if entry.expected_completion:
            fields.append((cache.expected, entry.expected_completion))
        if entry.contradiction_reason.strip():
            fields.append((cache.reason, entry.contradiction_reason))
        measures = [
            f"{m.description} – {cache.owner}: {m.owner}, {cache.due} {_date(m.due_date)}"
            + (f" ({cache.closed})" if m.closed_at else "")
            for m in data.measures.get(entry.pk, ())
        ]
        status = entry.status if entry.status in STATUS_KEYS else ""
        goals[-1].items.append(ItemBlock(
            heading=f"{item.ref} {cache.kind(item)}".strip() if item.ref else cache.kind(item),
            text=item.text, status=status,
            status_text=cache.status[status] if status else cache.not_reported,
            fields=fields, measures=measures, indicator=cache.indicator(data.indicators.get(item.pk)),
        ))
    return goals


def report_content(report: Report, language: str | None = None) -> ReportDocument:
    """One trust's report for one period (årlig melding or tertial report)."""
    (data,) = load_reports([report])
    L = Labels(language_for(report.organisation, language))
    org, period = report.organisation, report.period
    section = Section(None, [], _goals(L, data, _Labels(L)), L.no_items)
    return ReportDocument(
        language=L.language, title=f"{L.document_title(period)} – {org.name}", heading=L.document_title(period),
        subtitle=org.name, header_left=org.name, header_right=L.period_label(period),
        page_word=L.page, of_word=L.of,
        facts=[(L.trust, f"{org.name} ({org.code})"), (L.year, str(period.year)),
               (L.period, L.period_label(period)), *_board_facts(L, data)],
        generated=f"{L.generated} {_date(dt.date.today())}",
        summary_heading=L.summary, tables=[_goal_table(L, [data])], sections=[section],
        status_heading=L.status, measures_heading=L.measures,
    )


def owned_trusts(owner: Organisation, *, user=None) -> list[Organisation]:
    """Every trust ``owner`` owns (directly or transitively), by name; with ``user``, those the user
    may see."""
    ids = descendants_of([owner.pk])
    if user is not None:
        ids &= set(visible_organisation_ids(user))
    kinds = [k for k in Organisation.Kind.values if Organisation(kind=k).is_trust]
    return list(Organisation.objects.filter(pk__in=ids, kind__in=kinds).order_by("name"))


def consolidated_reports(owner: Organisation, period: ReportingPeriod, *, user=None) -> list[Report]:
    """Every report for ``period`` from a trust ``owner`` owns (directly or transitively); with
    ``user``, only those the user may read (owners never see a trust's drafts)."""
    reports = visible_reports(user) if user is not None else Report.objects.all()
    return list(
        reports.filter(period=period, organisation_id__in=descendants_of([owner.pk]))
        .select_related("organisation", "period")
        .order_by("organisation__name")
    )


def consolidated_content(owner: Organisation, period: ReportingPeriod, language: str | None = None, *,
                         user=None) -> ReportDocument:
    """The trusts ``owner`` owns that are expected to report in ``period`` (``scope.expected_trusts``;
    the others are named under "Ingen krav i perioden"): a summary row per trust ("Ikke levert" for a
    trust that has not sent its report), status per hovedmål over the delivered reports, then each
    delivered report's section. With ``user``, only what that user may read."""
    L = Labels(language_for(owner, language))
    delivered = [r for r in consolidated_reports(owner, period, user=user) if r.status in DELIVERED]
    datas = load_reports(delivered)
    by_org = {d.report.organisation_id: d for d in datas}
    owned = owned_trusts(owner, user=user)
    # the expected reporters (the one rule, scope.expected_trusts); the others had nothing to report
    expected = {t.pk for t in expected_trusts(period, {t.pk for t in owned})}
    trusts = [t for t in owned if t.pk in expected]
    not_expected = [t for t in owned if t.pk not in expected and t.pk not in by_org]
    known = {t.pk for t in trusts}
    trusts += [d.report.organisation for d in datas if d.report.organisation_id not in known]
    trusts.sort(key=lambda t: t.name)
    missing = [t for t in trusts if t.pk not in by_org]

    header = [Cell(L.trust, bold=True), Cell(L.report_status, bold=True), *_status_header(L)]
    rows: list[list[Cell]] = []
    totals = dict.fromkeys((*STATUS_KEYS, ""), 0)
    for trust in trusts:
        data = by_org.get(trust.pk)
        if data is None:
            rows.append([Cell(trust.name), Cell(L.not_delivered, bold=True),
                         *(Cell("") for _ in range(len(STATUS_KEYS) + 2))])
            continue
        counts = data.counts()
        for k, v in counts.items():
            totals[k] += v
        decision = data.board_decision
        status = _report_status(L, data.report)
        if decision is not None:  # the board's case under the status, in the same cell
            status += f"\n{L.board_case} {decision.case_number}"
        rows.append([Cell(trust.name), Cell(status), *_count_cells(counts)])
    rows.append([Cell(L.total, bold=True), Cell(L.delivered_of.format(delivered=len(datas), total=len(trusts))),
                 *_count_cells(totals, bold=True)])
    tables = [Table(header, rows, numeric_from=2)]
    if datas:
        tables.append(_goal_table(L, datas))
    cache = _Labels(L)
    sections = [Section(d.report.organisation.name, _board_facts(L, d), _goals(L, d, cache), L.no_items)
                for d in datas]
    notes = []
    if not trusts:
        notes.append(L.no_reports)
    elif missing:
        notes.append(f"{L.not_delivered}: {', '.join(t.name for t in missing)}.")
    if not_expected:
        notes.append(f"{L.no_requirements}: {', '.join(t.name for t in not_expected)}.")
    return ReportDocument(
        language=L.language, title=f"{L.document_title(period)} – {owner.name}", heading=L.document_title(period),
        subtitle=f"{owner.name} – {L.consolidated.lower()}", header_left=owner.name,
        header_right=L.period_label(period), page_word=L.page, of_word=L.of,
        facts=[(L.owner, owner.name), (L.year, str(period.year)), (L.period, L.period_label(period)),
               (L.expected_trusts, L.delivered_of.format(delivered=len(datas), total=len(trusts)))],
        generated=f"{L.generated} {_date(dt.date.today())}",
        summary_heading=L.summary, tables=tables if trusts else [], notes=notes, sections=sections,
        status_heading=L.status, measures_heading=L.measures,
    )
