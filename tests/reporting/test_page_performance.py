"""The report page stays cheap as reports grow: a constant number of queries whatever the number of
entries (measures, risks, indicator values … are fetched in bulk), and a compact page (each entry's
editor is loaded on demand)."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.indicators.models import Indicator, IndicatorValue
from styring.reporting.models import EntryStatus, Measure, Report, ReportEntry, Risk
from styring.requirements.models import Item


def big_report(orgs, periods, hn_doc, n: int) -> Report:
    """UNN's 1. tertial draft with ``n`` filled-in entries, half of them with a measure, a risk,
    indicator values and an earlier report's measure carried forward."""
    unn = orgs["UNN"]
    report = Report.objects.create(organisation=unn, period=periods.t1)
    risks = [Risk.objects.create(organisation=unn, title=f"Risiko {i}") for i in range(5)]
    items = Item.objects.bulk_create([
        Item(document=hn_doc.document, order=100 + i, kind=["goal", "indicator", "assignment"][i % 3], ref=str(i),
             main_goal=(i % 3) + 1, confirmed=True, reporting=["tertial"], text=f"Krav nummer {i} om noe viktig.")
        for i in range(n)
    ])
    Item.recipients.through.objects.bulk_create(
        [Item.recipients.through(item_id=i.pk, organisation_id=unn.pk) for i in items])
    statuses = [EntryStatus.ACHIEVED, EntryStatus.PARTLY, EntryStatus.NOT_ACHIEVED]
    entries = ReportEntry.objects.bulk_create([
        ReportEntry(report=report, item=item, status=statuses[i % 3], text=f"Rapport {i}.",
                    deviation="" if i % 3 == 0 else "Avvik.", risk=risks[i % 5] if i % 2 else None)
        for i, item in enumerate(items)
    ])
    Measure.objects.bulk_create([
        Measure(organisation=unn, item_id=e.item_id, created_in=e, description=f"Tiltak {e.pk}", owner="Klinikksjef",
                due_date=dt.date(2024, 9, 30))
        for e in entries if e.status != EntryStatus.ACHIEVED
    ])
    series = Indicator.objects.bulk_create([Indicator(item=item, unit="%") for item in items if item.kind == "indicator"])
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=s, organisation=unn, period=f"2024-{m:02d}", year=2024, value=60 + m)
        for s in series for m in (1, 2)
    ])
    return report


def render(client, report):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(f"/rapportering/{report.pk}/")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return response, len(queries), elapsed


@pytest.mark.parametrize("who", ["reporter", "reader"])
def test_queries_do_not_grow_with_entries(client, people, orgs, periods, hn_doc, who):
    client.force_login(getattr(people, who))
    small = big_report(orgs, periods, hn_doc, 3)
    render(client, small)  # warm caches (content types, templates)
    _, few, _ = render(client, small)
    small.delete()
    big = big_report(orgs, periods, hn_doc, 60)
    response, many, _ = render(client, big)
    assert many == few, f"{few} queries for 3 entries, {many} for 60"
    assert many <= 20
    assert response.content.decode().count('class="st-entry') == 60


def test_page_is_compact(client, people, orgs, periods, hn_doc):
    """No forms, selects or per-entry CSRF tokens on the page: what is left besides the texts
    themselves is a compact view of well under 1 KB of markup per entry."""
    report = big_report(orgs, periods, hn_doc, 150)
    client.force_login(people.reporter)
    render(client, report)
    response, queries, elapsed = render(client, report)
    page = response.content.decode()
    size = len(response.content)
    texts = sum(len((e.item.text + e.text + e.deviation + e.expected_completion).encode())
                for e in report.entries.select_related("item"))
    texts += sum(len(m.description.encode()) for m in Measure.objects.filter(organisation=report.organisation))
    print(f"\n150 entries: {queries} queries, {size / 1024:.0f} KB ({texts / 1024:.0f} KB of it texts), "
          f"{elapsed * 1000:.0f} ms in the test client")
    assert size < 150 * 1024, f"{size / 1024:.0f} KB"
    assert (size - texts) / 150 < 900, f"{(size - texts) / 150:.0f} bytes of markup per entry"
    assert page.count("<form") <= 3 and page.count("<select") == 0  # the logout and workflow forms only
    assert page.count(">Rediger punktet</a>") == 150


def test_unchanged_entries_are_not_rendered_again_and_changes_show(client, people, orgs, periods, hn_doc):
    """Each entry's HTML is a cached fragment keyed on everything it shows: a second load renders
    no entry anew, and a change to an entry, a measure or an item shows at once."""
    from django.test.signals import template_rendered

    rendered: list[str] = []

    def count(sender, template, **kwargs):
        if template.name == "reporting/_entry.html":
            rendered.append(template.name)

    report = big_report(orgs, periods, hn_doc, 30)
    client.force_login(people.reporter)
    template_rendered.connect(count)
    try:
        render(client, report)
        assert len(rendered) == 30
        rendered.clear()
        response, _, _ = render(client, report)
        assert rendered == []  # every entry came from the fragment cache
        page = response.content.decode()
        entry = report.entries.select_related("item").exclude(status=EntryStatus.ACHIEVED).order_by("pk").first()
        assert f"Tiltak {entry.pk} – ansvarlig Klinikksjef" in page and "Åpent" in page

        ReportEntry.objects.filter(pk=entry.pk).update(text="Ny rapporttekst <b>uten</b> markup.")
        Measure.objects.filter(created_in=entry).update(closed_at=dt.datetime(2024, 10, 1, 12, tzinfo=dt.UTC))
        Item.objects.filter(pk=entry.item_id).update(text="Omformulert krav.")
        page = render(client, report)[0].content.decode()
        assert len(rendered) == 1  # that entry only
    finally:
        template_rendered.disconnect(count)
    article = page[page.index(f'id="punkt-{entry.pk}"'):]
    article = article[: article.index("</article>")]
    assert "Ny rapporttekst &lt;b&gt;uten&lt;/b&gt; markup." in article
    assert "Omformulert krav." in article and "Lukket 1.10.2024" in article and "Åpent" not in article
