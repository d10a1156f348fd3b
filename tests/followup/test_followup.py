"""The owner's follow-up: matrix, completeness and timeliness, overdue, one item across trusts."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from styring.followup.metrics import overdue, period_status
from styring.reporting import workflow
from styring.reporting.models import Report
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_report


@pytest.fixture
def cycle(orgs, periods, people, hn_doc):
    """UNN sent 1. tertial in time with "ventetid" red; FIN sent it late; NLSH/HSYK get no items."""
    unn = fill_report(ensure_report(orgs["UNN"], periods.t1), people.reporter, {hn_doc.items["ventetid"].pk: "not_achieved"})
    workflow.submit(unn, people.reporter)
    fin = fill_report(ensure_report(orgs["FIN"], periods.t1), people.fin_reporter, {hn_doc.items["pakke"].pk: "partly"})
    workflow.submit(fin, people.fin_reporter)
    Report.objects.filter(pk=fin.pk).update(submitted_at=timezone.make_aware(dt.datetime(2024, 5, 20, 12)))
    Report.objects.filter(pk=unn.pk).update(submitted_at=timezone.make_aware(dt.datetime(2024, 5, 14, 12)))
    return {"unn": unn, "fin": fin}


def test_completeness_and_timeliness_numbers(cycle, periods, people, orgs, hn_doc):
    from styring.accounts.access import visible_organisation_ids
    from styring.selectors import visible_reports

    hn_doc.items["ventetid"].recipients.add(orgs["HN"])

    status = period_status(periods.t1, visible_reports(people.owner), visible_organisation_ids(people.owner),
                           today=dt.date(2024, 6, 10))
    rows = {t.organisation.code: (t.expected, t.reported, t.share, t.timeliness) for t in status.trusts}
    # UNN: pakke, forsk, ventetid; FIN: pakke, ventetid, fin-only. Helse Nord RHF, named in an item
    # it passes on from HOD, reports to HOD and is not expected in its own period.
    assert rows == {"UNN": (3, 3, 100, "i tide"), "FIN": (3, 3, 100, "for sent")}
    per_item = {r.item.pk: ([o.code for o in r.expected], [o.code for o in r.missing]) for r in status.items}
    assert per_item[hn_doc.items["forsk"].pk] == (["UNN"], [])


def test_unsent_report_counts_as_not_answered(orgs, periods, people, hn_doc):
    from styring.accounts.access import visible_organisation_ids
    from styring.selectors import visible_reports

    fill_report(ensure_report(orgs["UNN"], periods.t1), people.reporter)  # a draft
    status = period_status(periods.t1, visible_reports(people.owner), visible_organisation_ids(people.owner),
                           today=dt.date(2024, 5, 20))
    rows = {t.organisation.code: (t.expected, t.reported, t.timeliness) for t in status.trusts}
    assert rows == {"UNN": (3, 0, "ikke levert"), "FIN": (3, 0, "ikke levert")}
    item_23 = next(r for r in status.items if r.item.ref == "23")
    assert [o.code for o in item_23.missing] == ["UNN"]  # "which trusts have not answered item 23"


def test_overdue_lists_late_reports_and_measures(cycle, periods, people, orgs):
    from styring.accounts.access import visible_organisation_ids
    from styring.selectors import visible_reports

    rows = overdue([periods.t1], visible_reports(people.owner), visible_organisation_ids(people.owner),
                   today=dt.date(2024, 10, 2))
    whats = sorted((o.organisation.code, o.what) for o in rows)
    assert ("FIN", "1. tertial 2024: styrebehandlet versjon") in whats
    assert ("UNN", "1. tertial 2024: styrebehandlet versjon") in whats
    assert not any("administrativ" in w for _, w in whats)
    assert sum("Tiltak" in w for _, w in whats) == 2  # both open measures were due 1 September


def test_matrix_page_colours_filters_and_cell(client, cycle, people, periods, hn_doc):
    client.force_login(people.owner)
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}").content.decode()
    assert page.count('class="st-status-red"') == 1 and page.count('class="st-status-yellow"') == 1
    assert page.count('class="st-status-green"') == 4
    assert ">Rød</a>" in page and ">Gul</a>" in page and 'aria-haspopup="dialog"' in page
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}&hovedmal=3&hf=UNN").content.decode()
    assert page.count("st-status-") == 1 and "Andel pakkeforløp" not in page
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}&type=indicator").content.decode()
    assert "Andel pakkeforløp" in page and "sykefravær" not in page
    entry = cycle["unn"].entries.get(item=hn_doc.items["ventetid"])
    fragment = client.get(f"/oppfolging/celle/{entry.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Lavere kapasitet enn planlagt" in fragment and "Ekstra poliklinikkdager" in fragment
    assert "<html" not in fragment


def test_trust_sees_only_itself_in_the_matrix(client, cycle, people, periods, hn_doc):
    client.force_login(people.reporter)
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}").content.decode()
    assert '<th scope="col">UNN</th>' in page and '<th scope="col">FIN</th>' not in page
    fin_entry = cycle["fin"].entries.first()
    assert client.get(f"/oppfolging/celle/{fin_entry.pk}/").status_code == 404


def test_completeness_and_overdue_pages(client, cycle, people, periods):
    client.force_login(people.owner)
    page = client.get(f"/oppfolging/kompletthet/?periode={periods.t1.pk}").content.decode()
    # issue 18: the summary states its base (expected answers from the trusts with requirements in the period)
    assert ("6 av 6 forventede svar er rapportert (100 %) fra 2 helseforetak med krav i perioden; "
            "1 av 2 leverte i tide") in page
    assert client.get("/oppfolging/forfalt/").status_code == 200


def test_item_across_trusts_with_history_csv(client, cycle, people, hn_doc, orgs):
    client.force_login(people.owner)
    item = hn_doc.items["ventetid"]
    page = client.get(f"/oppfolging/krav/{item.pk}/").content.decode()
    assert "Universitetssykehuset Nord-Norge HF" in page and "Finnmarkssykehuset HF" in page
    csv_text = client.get(f"/oppfolging/krav/{item.pk}/?format=csv").content.decode()
    lines = csv_text.splitlines()
    assert lines[0] == "tidspunkt;bruker;organisasjon;gjelder;endring"
    assert any(";UNN;1. tertial 2024;" in line and "Ikke oppnådd" in line for line in lines)
    assert any(";FIN;" in line and "fin-rapportor" in line for line in lines)
    client.force_login(people.other_owner)
    assert client.get(f"/oppfolging/krav/{item.pk}/").status_code == 404


def test_forfalt_shows_older_years_and_a_carried_forward_measure_once(client, cycle, people, periods, orgs, hn_doc):
    """The periods are 2024's and today is later: «Forfalt» still shows them (every year is looked
    at), and UNN's open measure, carried forward into its 2. tertial report, is listed once."""
    t2 = ensure_report(orgs["UNN"], periods.t2)  # the red item is carried into 2. tertial with its measure
    assert t2.entries.filter(item=hn_doc.items["ventetid"]).exists()
    client.force_login(people.owner)
    page = client.get("/oppfolging/forfalt/").content.decode()
    assert "Ingenting er forfalt" not in page
    assert "1. tertial 2024: styrebehandlet versjon" in page and "2. tertial 2024: administrativ versjon" in page
    assert page.count("Tiltak «Ekstra poliklinikkdager» (Klinikksjef") == 2  # UNN's and FIN's, once each
    unn_rows = [line for line in page.splitlines() if "Universitetssykehuset" in line and "Tiltak" in line]
    assert len(unn_rows) == 1


def test_matrix_tells_still_to_come_from_missing(client, orgs, people, periods, hn_doc):
    """Early in the year the matrix is not a wall of "missing": before the deadline an unsent
    answer is quietly "Frist …"; after it, "Mangler" stands out."""
    import datetime as dt

    from styring.reporting.models import ReportingPeriod

    client.force_login(people.owner)
    ReportingPeriod.objects.filter(pk=periods.t1.pk).update(admin_deadline=dt.date.today() + dt.timedelta(days=30))
    future = ReportingPeriod.objects.get(pk=periods.t1.pk).admin_deadline
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}").content.decode()
    assert "st-cell-missing" not in page
    assert page.count(f"Frist {future.day}.{future.month}.") == 6  # UNN 3 and FIN 3 expected answers
    ReportingPeriod.objects.filter(pk=periods.t1.pk).update(admin_deadline=dt.date.today() - dt.timedelta(days=1))
    page = client.get(f"/oppfolging/?periode={periods.t1.pk}").content.decode()
    assert page.count('class="st-cell-missing">Mangler<') == 6 and "st-cell-pending" not in page
