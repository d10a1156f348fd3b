"""The report page's guide over HTTP: progress counts, the filters (also without JavaScript), what
each entry lacks after a failed send, and the rule they share with sending."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from styring.reporting import completeness, workflow
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_entry, fill_report

MEASURE = {"description": "Ekstra poliklinikkdager", "owner": "Klinikksjef", "due_date": dt.date(2024, 9, 1)}


def shown_entries(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<article class="st-entry[^"]*" id="punkt-(\d+)"', html)}


@pytest.fixture
def t1(orgs, periods, hn_doc, people):
    report = ensure_report(orgs["UNN"], periods.t1)
    entries = {e.item_id: e for e in report.entries.all()}
    return report, {k: entries[hn_doc.items[k].pk] for k in ("pakke", "forsk", "ventetid")}


def test_entry_problems_is_the_rule_of_sending():
    class M:
        def __init__(self, is_open=True, owner="Klinikksjef", due_date=dt.date(2024, 9, 1)):
            self.is_open, self.owner, self.due_date = is_open, owner, due_date

    assert completeness.entry_problems("", "", []) == [completeness.MISSING_STATUS]
    assert completeness.entry_problems("achieved", "", []) == []
    assert completeness.entry_problems("partly", "", [M(is_open=False), M(owner=" ")]) == [
        completeness.MISSING_DEVIATION, completeness.MISSING_MEASURE]
    assert completeness.entry_problems("not_achieved", "Forklart.", [M()]) == []
    # a status that contradicts its indicator needs a reason (models.contradicts)
    assert completeness.entry_problems("achieved", "", [], indicator_colour="red") == [completeness.MISSING_REASON]
    assert completeness.entry_problems("achieved", "", [], indicator_colour="red", reason="Foreløpig tall.") == []
    assert completeness.entry_problems("achieved", "", [], indicator_colour="none") == []


@pytest.mark.parametrize("status,colour,contradicts", [
    ("achieved", "red", True), ("achieved", "yellow", True), ("achieved", "green", False),
    ("partly", "green", True), ("not_achieved", "green", True), ("not_achieved", "red", False),
    ("partly", "yellow", False), ("partly", "red", False), ("achieved", "none", False), ("", "red", False),
])
def test_what_contradicts_an_indicator(status, colour, contradicts):
    from styring.reporting.models import ReportEntry
    from styring.reporting.models import contradicts as rule

    assert rule(status, colour) is contradicts
    assert ReportEntry(status=status).contradicts(colour) is contradicts


def test_the_reason_is_set_over_the_api(api, t1):
    report, entries = t1
    client = api("UNN", "reporter")
    entry = entries["pakke"]
    response = client.patch(f"/api/entries/{entry.pk}/", {"version": entry.version, "status": "achieved",
                                                          "contradiction_reason": "Foreløpig tall."}, format="json")
    assert response.status_code == 200 and response.json()["contradiction_reason"] == "Foreløpig tall."


def test_progress_and_filters(client, people, t1):
    report, e = t1
    fill_entry(e["forsk"], people.reporter, "achieved")
    fill_entry(e["ventetid"], people.reporter, "not_achieved", deviation="Kapasitet.", measure=MEASURE)
    client.force_login(people.reporter)
    url = f"/rapportering/{report.pk}/"
    html = client.get(url).content.decode()
    assert "Fremdrift: 2 av 3 utfylt" in html and 'value="2"' in html
    # issue 18: the base stated, an unanswered entry is not a failure
    assert "Av 3 punkter: 1 ikke besvart ennå (måloppnåelse ikke valgt) · 1 besvart gul eller rød" in html
    assert "Ufullstendige (1)" in html and "Ubesvart (1)" in html and "Gul eller rød (1)" in html
    assert "Endret siden forrige rapport" not in html  # no earlier report to compare with
    assert shown_entries(html) == {e["pakke"].pk, e["forsk"].pk, e["ventetid"].pk}
    assert "Mangler før sending" not in html  # problems are shown only after a failed send or under their filter
    assert shown_entries(client.get(url + "?vis=gul-rod").content.decode()) == {e["ventetid"].pk}
    unfinished = client.get(url + "?vis=ufullstendige").content.decode()
    assert shown_entries(unfinished) == {e["pakke"].pk} and "Mangler før sending:</strong> Velg måloppnåelse." in unfinished
    assert shown_entries(client.get(url + "?vis=ubesvart").content.decode()) == {e["pakke"].pk}
    # an unknown filter, or "changed" without an earlier report, shows everything
    assert len(shown_entries(client.get(url + "?vis=tull").content.decode())) == 3
    assert len(shown_entries(client.get(url + "?vis=endret").content.decode())) == 3
    # the same list for htmx (it selects #punktliste from the page)
    assert shown_entries(client.get(url + "?vis=gul-rod", HTTP_HX_REQUEST="true").content.decode()) == {e["ventetid"].pk}


def test_changed_since_the_previous_report(client, people, orgs, periods, hn_doc, t1):
    report, e = t1
    fill_report(report, people.reporter, {hn_doc.items["ventetid"].pk: "partly"})
    workflow.submit(report, people.reporter)
    t2 = ensure_report(orgs["UNN"], periods.t2)
    entries = {x.item_id: x for x in t2.entries.all()}
    same = entries[hn_doc.items["forsk"].pk]
    fill_entry(same, people.reporter, "achieved")  # as in 1. tertial ("Rapportert.")
    fill_entry(entries[hn_doc.items["pakke"].pk], people.reporter, "partly", deviation="Lavere kapasitet enn planlagt.")
    client.force_login(people.reporter)
    url = f"/rapportering/{t2.pk}/"
    html = client.get(url).content.decode()
    assert "Endret siden forrige rapport (1. tertial 2024)" in html
    changed = shown_entries(client.get(url + "?vis=endret").content.decode())
    assert same.pk not in changed and entries[hn_doc.items["pakke"].pk].pk in changed
    assert entries[hn_doc.items["ventetid"].pk].pk in changed  # unanswered now, yellow then


def test_failed_send_shows_each_entry_problem_and_a_summary(client, people, t1):
    report, e = t1
    fill_entry(e["forsk"], people.reporter, "achieved")
    fill_entry(e["ventetid"], people.reporter, "partly")
    client.force_login(people.reporter)
    response = client.post(f"/rapportering/{report.pk}/send/")
    # the page lands on the first entry to fix in the page's order (hovedmål 1 first)
    assert response["Location"] == f"/rapportering/{report.pk}/?mangler=1#punkt-{e['pakke'].pk}"
    html = client.get(response["Location"]).content.decode()
    assert "2 punkter mangler svar" in html and "kan ikke sendes før alle punkter er fylt ut" in html
    assert f'href="#punkt-{e["pakke"].pk}"' in html and f'href="#punkt-{e["ventetid"].pk}"' in html
    assert f'aria-describedby="punkt-{e["ventetid"].pk}-mangler"' in html
    assert "Forklar avviket. Legg inn minst ett tiltak med ansvarlig og frist." in html
    assert f'id="punkt-{e["forsk"].pk}-mangler"' not in html
    # the editor opened from there marks the fields that lack something
    editor = client.get(f"/rapportering/{report.pk}/punkt/{e['ventetid'].pk}/rediger/?mangler=1",
                        HTTP_HX_REQUEST="true").content.decode()
    assert re.search(rf'id="avvik-{e["ventetid"].pk}" rows="2" aria-invalid="true"', editor)
    # a reader sees no problems and no buttons
    client.force_login(people.reader)
    html = client.get(f"/rapportering/{report.pk}/?mangler=1").content.decode()
    assert "mangler svar" not in html and "Send rapporten" not in html


def test_ending_a_measure_asks_first(client, people, t1):
    from styring.reporting.models import Measure

    report, e = t1
    fill_entry(e["ventetid"], people.reporter, "partly", deviation="Kapasitet.", measure=MEASURE)
    measure = Measure.objects.get(created_in=e["ventetid"])
    client.force_login(people.reporter)
    editor = client.get(f"/rapportering/{report.pk}/punkt/{e['ventetid'].pk}/rediger/", HTTP_HX_REQUEST="true").content.decode()
    url = f"/rapportering/{report.pk}/punkt/{e['ventetid'].pk}/tiltak/{measure.pk}/lukk/"
    assert f'href="{url}"' in editor and "Avslutt tiltaket …" in editor and ">Lukk<" not in editor
    # the button only asks (a page of its own: no JavaScript needed)
    page = client.get(url).content.decode()
    assert "Avslutte tiltaket?" in page and "Ekstra poliklinikkdager" in page and "Ja, avslutt tiltaket" in page
    # a post without the confirmation asks again and closes nothing
    assert "Avslutte tiltaket?" in client.post(url).content.decode()
    measure.refresh_from_db()
    assert measure.closed_at is None
    # a reader may not end it
    client.force_login(people.reader)
    assert client.post(url, {"bekreft": "ja"}).status_code == 403
    measure.refresh_from_db()
    assert measure.closed_at is None
    client.force_login(people.reporter)
    response = client.post(url, {"bekreft": "ja"}, follow=True)
    measure.refresh_from_db()
    assert measure.closed_at is not None and measure.closed_in_id == e["ventetid"].pk
    assert "er avsluttet og følger ikke med i senere rapporter" in response.content.decode()
    assert client.get(url)["Location"].endswith(f"#punkt-{e['ventetid'].pk}")  # nothing left to ask


def test_a_trust_with_no_items_cannot_start_a_report(client, people, periods, orgs):
    from styring.reporting.models import Report

    hsyk = people.reporter.__class__.objects.create_user(username="hsyk-rapportor", password="x")
    from styring.accounts.models import Membership

    Membership.objects.create(user=hsyk, organisation=orgs["HSYK"], role="reporter")  # addressed, but no items
    client.force_login(hsyk)
    page = client.get("/rapportering/").content.decode()
    assert "Ingen krav å rapportere på i perioden" in page and "Start rapport for 1. tertial 2024" not in page
    response = client.post(f"/rapportering/perioder/{periods.t1.pk}/start/", follow=True)
    assert "kan ikke startes: ingen bekreftede krav gjelder Helgelandssykehuset" in response.content.decode()
    assert not Report.objects.filter(organisation=orgs["HSYK"]).exists()
