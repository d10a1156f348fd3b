"""The compact view of a report's entries, rendered in Python.

The report page shows every entry of a report (150 or more for a trust) and is the page reporters
keep open all through the cycle. Django's template engine spends about 0.5 ms on each entry's
compact view (variable look-ups, includes, ``{% url %}``), so the entries are rendered here with
``format_html``-style escaping instead: the same markup in a few microseconds each. Everything
user-supplied goes through ``escape``/``linebreaksbr``; ``test_page_performance`` and the views'
tests check the output.
"""
from __future__ import annotations

from html import escape as _escape

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from styring.requirements.models import Item

ITEM_KINDS = dict(Item._meta.get_field("kind").flatchoices)
SYMBOLS = {"achieved": "●", "partly": "◐", "not_achieved": "○"}


def _date(d) -> str:
    return f"{d.day}.{d.month}.{d.year}"


def escape(value) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper (the same output)."""
    return _escape(str(value))


def _text(value: str) -> str:
    """``linebreaksbr`` with autoescaping (the same output)."""
    return _escape(value).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def status_tag(entry) -> str:
    colour, label = entry.tag
    return (f'<span class="ds-tag" data-color="{colour}"><span aria-hidden="true">{SYMBOLS.get(entry.status, "–")}'
            f'</span> {escape(label)}</span>')


def entry_head(entry, level: int = 3) -> SafeString:
    """The entry's heading (reference, kind, status), the item's text and an indicator's latest value."""
    item = entry.item
    ref = f"{escape(item.ref)} " if item.ref else ""
    parts = [
        f'<h{level} class="ds-heading" data-size="xs" id="punkt-{entry.pk}-tittel">{ref}'
        f'{escape(item.get_kind_display())} {status_tag(entry)}</h{level}>\n'
        f'<p class="ds-paragraph">{_text(item.text)}</p>\n'
    ]
    if item.kind == "indicator":
        v = entry.latest_value
        if v is None:
            parts.append('<p class="ds-paragraph st-muted">Ingen indikatorverdier registrert ennå.</p>\n')
        else:
            line = f"Siste verdi: <strong>{escape(floatformat(v.value, '-2'))}</strong> per {_date(v.date)}"
            if v.target:
                line += f" (mål: {escape(v.target)})"
            if v.source:
                line += f", kilde: {escape(v.source)}"
            parts.append(f'<p class="ds-paragraph st-muted">{line}</p>\n')
    return mark_safe("".join(parts))


def measure_line(m, report_id: int) -> str:
    text = f"{escape(m.description)} – ansvarlig {escape(m.owner)}, frist {_date(m.due_date)} "
    if m.closed_at is not None:
        return text + f'<span class="ds-tag" data-color="neutral" data-size="sm">Lukket {_date(m.closed_at)}</span>'
    text += '<span class="ds-tag" data-color="info" data-size="sm">Åpent</span>'
    if m.origin_period is not None and m.origin_report_id != report_id:
        text += f' <span class="st-muted">(videreført fra {escape(str(m.origin_period))})</span>'
    return text


class EntryRenderer:
    """Renders entries of one report; the URLs are reversed once, not once per entry."""

    def __init__(self, report, editable: bool):
        self.report = report
        self.editable = editable
        self.base = reverse("reporting:detail", args=[report.pk])
        self.attachment_base = reverse("reporting:attachment", args=[0])[: -len("0/")]

    def edit_url(self, entry) -> str:
        return f"{self.base}punkt/{entry.pk}/rediger/"

    def __call__(self, entry) -> SafeString:
        """The compact, read-only view of ``entry`` (an ``<article id="punkt-…">``)."""
        pk = entry.pk
        out = [f'<article class="st-entry st-stack" id="punkt-{pk}" aria-labelledby="punkt-{pk}-tittel">\n',
               entry_head(entry), '<dl class="st-facts">\n',
               f'<dt>Rapport</dt><dd>{_text(entry.text) if entry.text else "–"}</dd>\n']
        if entry.deviation:
            out.append(f"<dt>Avvik</dt><dd>{_text(entry.deviation)}</dd>\n")
        if entry.expected_completion:
            out.append(f"<dt>Forventet full måloppnåelse</dt><dd>{escape(entry.expected_completion)}</dd>\n")
        if entry.risk_id:
            out.append(f"<dt>Risiko</dt><dd>{escape(entry.risk.title)}</dd>\n")
        if entry.attachment:
            out.append(f'<dt>Vedlegg</dt><dd><a class="ds-link" href="{self.attachment_base}{pk}/">'
                       f"{escape(entry.attachment_filename)}</a></dd>\n")
        if entry.measure_list:
            lines = "".join(f"<li>{measure_line(m, self.report.pk)}</li>\n" for m in entry.measure_list)
            out.append(f'<dt>Tiltak</dt><dd><ul class="st-measures">\n{lines}</ul></dd>\n')
        else:
            out.append("<dt>Tiltak</dt><dd>Ingen</dd>\n")
        out.append("</dl>\n")
        if self.editable:
            url = self.edit_url(entry)
            out.append(f'<p><a class="ds-button" data-variant="secondary" data-size="sm" href="{url}" hx-get="{url}" '
                       f'hx-target="#punkt-{pk}" hx-swap="outerHTML">Rediger punktet</a></p>\n')
        out.append("</article>\n")
        return mark_safe("".join(out))


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
