"""The compact view of a report's entries, rendered in Python.

The report page shows every entry of a report (150 or more for a trust) and is the page reporters
keep open all through the cycle. Django's template engine spends about 0.5 ms on each entry's
compact view (variable look-ups, includes, ``{% url %}``), so the entries are rendered here with
``format_html``-style escaping instead: the same markup in a few microseconds each, and memoised
(``_compact``) on everything an entry shows, so an unchanged entry costs a look-up. Everything
user-supplied goes through ``escape``/``linebreaksbr``; ``test_page_performance`` and the views'
tests check the output.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape as _escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from styring.indicators import targets
from styring.reporting.models import entry_look
from styring.requirements.models import Item

ITEM_KINDS = dict(Item._meta.get_field("kind").flatchoices)


def _date(d) -> str:
    return f"{d.day}.{d.month}.{d.year}"


def escape(value) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper (the same output)."""
    return _escape(str(value))


def _text(value: str) -> str:
    """``linebreaksbr`` with autoescaping (the same output)."""
    return _escape(value).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _status_tag(status) -> str:
    look = entry_look(status)
    return (f'<span class="ds-tag" data-color="{look.tag}"><span aria-hidden="true">{look.symbol}'
            f'</span> {escape(look.label)}</span>')


def _value_key(latest) -> tuple | None:
    """An indicator's link to its values and latest result per series (``styring.indicators.evaluation.Result``),
    as plain values."""
    if latest is None:
        return None
    url, results = latest
    return (url, tuple((r.indicator.name, r.value.value, r.indicator.unit, r.period.label, r.provenance, r.colour,
                        r.evaluation.reason) for r in results))


def _head(pk, level, ref, kind, kind_display, item_text, status, value) -> str:
    ref = f"{escape(ref)} " if ref else ""
    parts = [
        f'<h{level} class="ds-heading" data-size="xs" id="punkt-{pk}-tittel">{ref}'
        f'{escape(kind_display)} {_status_tag(status)}</h{level}>\n'
        f'<p class="ds-paragraph">{_text(item_text)}</p>\n'
    ]
    if kind == "indicator" and value is not None:  # each series' latest value, and a link to all of them
        url, results = value
        link = f' <a class="ds-link" href="{escape(url)}">{"Alle verdier" if results else "Registrer"}</a>'
        if not results:
            parts.append(f'<p class="ds-paragraph st-muted">Ingen indikatorverdier registrert ennå.{link}</p>\n')
        for n, (name, number, unit, period, provenance, colour, reason) in enumerate(results, start=1):
            series = f"{escape(name)}: " if name else ""
            line = (f"{series}Siste verdi: <strong>{escape(targets.number(number))}</strong> {escape(unit)} "
                    f"({escape(period)}, {escape(provenance)}) {_colour_tag(colour)} {escape(reason)}")
            parts.append(f'<p class="ds-paragraph st-muted">{line}{link if n == len(results) else ""}</p>\n')
    return "".join(parts)


def _colour_tag(colour: str) -> str:
    return (f'<span class="ds-tag" data-color="{targets.TAG_COLOURS[colour]}"><span aria-hidden="true">'
            f'{targets.SYMBOLS[colour]}</span> {targets.COLOURS[colour]}</span>')


def entry_head(entry, level: int = 3) -> SafeString:
    """The entry's heading (reference, kind, status), the item's text and an indicator's latest value."""
    item = entry.item
    return mark_safe(_head(entry.pk, level, item.ref, item.kind, item.get_kind_display(), item.text,
                           entry.status, _value_key(entry.latest_value)))


def _measure_key(m, report_id: int) -> tuple:
    carried = m.origin_period if m.origin_period is not None and m.origin_report_id != report_id else None
    return (m.description, m.owner, m.due_date, m.closed_at, None if carried is None else str(carried))


def _measure_line(description, owner, due_date, closed_at, carried_from) -> str:
    text = f"{escape(description)} – ansvarlig {escape(owner)}, frist {_date(due_date)} "
    if closed_at is not None:
        return text + f'<span class="ds-tag" data-color="neutral" data-size="sm">Lukket {_date(closed_at)}</span>'
    text += '<span class="ds-tag" data-color="info" data-size="sm">Åpent</span>'
    if carried_from is not None:
        text += f' <span class="st-muted">(videreført fra {escape(carried_from)})</span>'
    return text


@lru_cache(maxsize=8192)
def _compact(key: tuple) -> str:
    """The compact view of one entry, from everything it shows (``key``, see ``EntryRenderer.key``).

    A pure function of its argument, so memoised: a report page is loaded far more often than its
    entries change, and an unchanged entry's HTML is then a dictionary look-up instead of a few
    dozen escapes and formats. Any change to what is shown is a different key; nothing to invalidate."""
    (pk, edit_url, attachment_url, head, text, deviation, expected, risk_title, attachment_name, measures) = key
    out = [f'<article class="st-entry st-stack" id="punkt-{pk}" aria-labelledby="punkt-{pk}-tittel">\n',
           _head(*head), '<dl class="st-facts">\n',
           f'<dt>Rapport</dt><dd>{_text(text) if text else "–"}</dd>\n']
    if deviation:
        out.append(f"<dt>Avvik</dt><dd>{_text(deviation)}</dd>\n")
    if expected:
        out.append(f"<dt>Forventet full måloppnåelse</dt><dd>{escape(expected)}</dd>\n")
    if risk_title is not None:
        out.append(f"<dt>Risiko</dt><dd>{escape(risk_title)}</dd>\n")
    if attachment_name:
        out.append(f'<dt>Vedlegg</dt><dd><a class="ds-link" href="{attachment_url}">'
                   f"{escape(attachment_name)}</a></dd>\n")
    if measures:
        lines = "".join(f"<li>{_measure_line(*m)}</li>\n" for m in measures)
        out.append(f'<dt>Tiltak</dt><dd><ul class="st-measures">\n{lines}</ul></dd>\n')
    else:
        out.append("<dt>Tiltak</dt><dd>Ingen</dd>\n")
    out.append("</dl>\n")
    if edit_url:
        out.append(f'<p><a class="ds-button" data-variant="secondary" data-size="sm" href="{edit_url}" '
                   f'hx-get="{edit_url}" hx-target="#punkt-{pk}" hx-swap="outerHTML">Rediger punktet</a></p>\n')
    out.append("</article>\n")
    return "".join(out)


class EntryRenderer:
    """Renders entries of one report; the URLs are reversed once, not once per entry."""

    def __init__(self, report, editable: bool):
        self.report = report
        self.editable = editable
        self.base = reverse("reporting:detail", args=[report.pk])
        self.attachment_base = reverse("reporting:attachment", args=[0])[: -len("0/")]

    def edit_url(self, entry) -> str:
        return f"{self.base}punkt/{entry.pk}/rediger/"

    def key(self, entry) -> tuple:
        """Everything the compact view of ``entry`` shows, as plain values."""
        item, pk, report_id = entry.item, entry.pk, self.report.pk
        head = (pk, 3, item.ref, item.kind, item.get_kind_display(), item.text, entry.status,
                _value_key(entry.latest_value) if item.kind == "indicator" else None)
        return (pk, self.edit_url(entry) if self.editable else "", f"{self.attachment_base}{pk}/", head,
                entry.text, entry.deviation, entry.expected_completion,
                entry.risk.title if entry.risk_id else None, entry.attachment_filename if entry.attachment else "",
                tuple(_measure_key(m, report_id) for m in entry.measure_list))

    def __call__(self, entry) -> SafeString:
        """The compact, read-only view of ``entry`` (an ``<article id="punkt-…">``)."""
        return mark_safe(_compact(self.key(entry)))


class _Item:
    __slots__ = ("pk", "kind", "ref", "text", "main_goal")

    def __init__(self, pk, kind, ref, text, main_goal):
        self.pk, self.kind, self.ref, self.text, self.main_goal = pk, kind, ref, text, main_goal

    def get_kind_display(self) -> str:
        return ITEM_KINDS.get(self.kind, self.kind)


class _Risk:
    __slots__ = ("pk", "title")

    def __init__(self, pk, title):
        self.pk, self.title = pk, title


class EntryRow:
    """A report entry as the report page shows it (read-only), built from one row of one query;
    the page's 150 or more entries cost no model instances (nor their items, risks)."""

    __slots__ = ("pk", "item_id", "status", "text", "deviation", "expected_completion", "attachment", "risk_id",
                 "version", "item", "risk", "latest_value", "tag", "measure_list", "html", "head")
    FIELDS = ("pk", "item_id", "status", "text", "deviation", "expected_completion", "attachment", "risk_id",
              "version", "item__kind", "item__ref", "item__text", "item__main_goal", "risk__title")

    def __init__(self, row):
        (self.pk, self.item_id, self.status, self.text, self.deviation, self.expected_completion, self.attachment,
         self.risk_id, self.version, kind, ref, text, main_goal, risk_title) = row
        self.item = _Item(self.item_id, kind, ref, text, main_goal)
        self.risk = _Risk(self.risk_id, risk_title) if self.risk_id else None

    @property
    def attachment_filename(self) -> str:
        return self.attachment.rsplit("/", 1)[-1] if self.attachment else ""


def entry_rows(report) -> list[EntryRow]:
    """The report's entries in document order, as ``EntryRow``s."""
    return [EntryRow(row) for row in report.entries.order_by("item__document_id", "item__order", "pk")
            .values_list(*EntryRow.FIELDS)]
