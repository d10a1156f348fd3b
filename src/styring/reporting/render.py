"""The report page's entries as Django templates, cached as fragments keyed on what they show.

The report page shows every entry of a report (150 or more for a trust) and is the page reporters
keep open all through the cycle. Rendering an entry's compact view (``reporting/_entry.html``) costs
about half a millisecond, so the page is cached at two levels in the ``template_fragments`` cache:

- the whole list of entries, under ``PageState.key``: a digest of every value the list shows, read
  with three small queries (entries, indicator values, measures) as plain rows;
- each entry, under ``fragment_key``, so that when one entry changes only that one is rendered again.

A change to anything shown is a new key, so nothing is ever invalidated by hand; the model
instances the templates need are made from the same rows, and only when a fragment is missing.
Templates come from Django's cached loader (on by default).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse

from styring.indicators import targets
from styring.indicators.evaluation import latest_by_item, worst_colour
from styring.reporting.completeness import entry_problems
from styring.reporting.entries import MeasureRow, measures_by_entry
from styring.reporting.models import Report, ReportEntry, Risk
from styring.requirements.models import Item

FRAGMENT_VERSION = 6  # raise when _entry.html, _entry_head.html or _measures.html change what they show

ROW_FIELDS = ("pk", "item_id", "status", "text", "deviation", "expected_completion", "attachment", "risk_id",
              "version", "item__kind", "item__ref", "item__text", "item__main_goal", "risk__title",
              "return_comment", "contradiction_reason")


def _digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode(), usedforsecurity=False).hexdigest()


digest = _digest  # a cache key of any value the page shows


@dataclass
class PageState:
    """Everything the report page's list of entries shows, as plain values (three queries)."""

    report: Report
    rows: list[tuple]
    values: dict[int, tuple]  # indicator item id → (link to its values, the latest result of each series)
    measures: dict[int, list[MeasureRow]]  # entry id → the measures shown on it

    @classmethod
    def load(cls, report: Report) -> PageState:
        rows = list(report.entries.order_by("item__document_id", "item__order", "pk").values_list(*ROW_FIELDS))
        indicators = [row[1] for row in rows if row[9] == Item.Kind.INDICATOR]
        values = indicator_lines(indicators, report) if indicators else {}
        keyed = [_Keys(pk=row[0], item_id=row[1]) for row in rows]
        return cls(report, rows, values, measures_by_entry(keyed, report.organisation_id, report.pk))

    def key(self, editable: bool) -> str:
        """The digest of the whole list as ``editable`` (or not) shows it."""
        return _digest((FRAGMENT_VERSION, self.report.pk, editable, self.rows, self.values,
                        {pk: [_measure_key(m, self.report.pk) for m in ms] for pk, ms in self.measures.items()}))

    def problems(self) -> dict[int, list[str]]:
        """Entry id → what stops it from being sent (``completeness.entry_problems``; no query)."""
        return {row[0]: entry_problems(row[2], row[4], self.measures.get(row[0], []),
                                       indicator_colour=self.colour(row[1]), reason=row[15]) for row in self.rows}

    def colour(self, item_id: int) -> str:
        """The colour of an indicator item's measured indicator ("" without one)."""
        value = self.values.get(item_id)
        return value[2] if value else ""

    def changed(self, previous: dict[int, tuple] | None) -> set[int]:
        """The entries new or changed since ``previous`` ({item id: (status, text, deviation)})."""
        if previous is None:
            return set()
        return {row[0] for row in self.rows if previous.get(row[1]) != (row[2], row[3], row[4])}

    def entries(self) -> list[ReportEntry]:
        """The entries as model instances with their item, risk, latest value and measures (no query)."""
        made = []
        for (pk, item_id, status, text, deviation, expected, attachment, risk_id, version, kind, ref, item_text,
             main_goal, risk_title, return_comment, reason) in self.rows:
            entry = ReportEntry(pk=pk, report_id=self.report.pk, item_id=item_id, status=status, text=text,
                                deviation=deviation, expected_completion=expected, attachment=attachment,
                                risk_id=risk_id, version=version, return_comment=return_comment,
                                contradiction_reason=reason)
            entry.report = self.report
            entry.item = Item(pk=item_id, kind=kind, ref=ref, text=item_text, main_goal=main_goal)
            entry.risk = Risk(pk=risk_id, title=risk_title) if risk_id else None
            entry.latest_value = self.values.get(item_id) if kind == Item.Kind.INDICATOR else None
            entry.indicator_colour = entry.latest_value[2] if entry.latest_value else ""
            entry.measure_list = self.measures.get(pk, [])
            made.append(entry)
        return made


def indicator_lines(item_ids: list[int], report: Report) -> dict[int, tuple]:
    """Indicator item → (the address of its values, back to this report; one line per series with a
    value: its name, latest value, unit, period, provenance, colour and why), as plain values the
    page shows and its cache key digests."""
    latest = latest_by_item(item_ids, report.organisation_id)
    base = (f"{reverse('indicators:scorecard')}{{}}/{report.organisation.code}/"
            f"?neste={reverse('reporting:detail', args=[report.pk])}")
    out: dict[int, tuple] = {}
    for item_id in item_ids:
        results = [r for r in latest.get(item_id, []) if r.value is not None]
        lines = tuple(
            (r.indicator.name, r.shown_number, r.indicator.unit, r.period.label, r.provenance,
             targets.TAG_COLOURS[r.colour], targets.SYMBOLS[r.colour], targets.COLOURS[r.colour], r.evaluation.reason)
            for r in results
        )
        out[item_id] = (base.format(item_id), lines, worst_colour(r.colour for r in results))
    return out


@dataclass
class _Keys:
    pk: int
    item_id: int


def _measure_key(measure: MeasureRow, report_id: int) -> tuple:
    carried = measure.origin_period if measure.origin_period and measure.origin_report_id != report_id else None
    return (measure.pk, measure.description, measure.owner, measure.due_date, measure.closed_at, carried)


def fragment_key(entry: ReportEntry, report_id: int, editable: bool, return_form: str = "") -> str:
    """A digest of everything ``_entry.html`` shows for ``entry`` (with ``latest_value`` and
    ``measure_list``; with ``return_form``, the owner's comment field for returning the report)."""
    item = entry.item
    value = entry.latest_value if item.kind == Item.Kind.INDICATOR else None
    return _digest((
        FRAGMENT_VERSION, entry.pk, report_id, editable, return_form, item.ref, item.kind, item.text, entry.status, value,
        entry.text, entry.deviation, entry.expected_completion, entry.risk.title if entry.risk else None,
        entry.attachment_filename, tuple(_measure_key(m, report_id) for m in entry.measure_list),
        entry.return_comment, entry.contradiction_reason,
        getattr(entry, "problems", ()), getattr(entry, "next_unfinished", None),
    ))


def compact_entry(entry: ReportEntry, report: Report, editable: bool) -> str:
    """One entry's compact view on its own (an htmx answer that closes its editor)."""
    return render_to_string("reporting/_entry.html", {"entry": entry, "report": report, "editable": editable})
