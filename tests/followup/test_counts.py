"""Issue 18, points 4 and 6: counts that state their base and mean what they say, one rule for the
expected reporter (``scope.expected_trusts``), and follow-up pages that open on a period with
expected answers."""
from __future__ import annotations

import datetime as dt

import pytest

from styring.cascade.rollup import compare
from styring.followup.views import default_period
from styring.reporting import workflow
from styring.reporting.models import Measure, PeriodKind, ReportingPeriod
from styring.reporting.scope import ensure_report, expected_trusts
from tests.reporting.conftest import fill_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def kompetanse_at_nlsh(orgs, hn_doc):
    """NLSH gets one item, reported only in the annual report: no requirement in a tertial."""
    hn_doc.items["kompetanse"].recipients.add(orgs["NLSH"])
    return orgs["NLSH"]


def test_expected_reporters_are_those_with_requirements_in_the_period(orgs, periods, kompetanse_at_nlsh):
    hn_owned = {o.pk for o in orgs["HN"].owned.all()}
    assert [o.code for o in expected_trusts(periods.annual, hn_owned)] == ["FIN", "NLSH", "UNN"]
    assert [o.code for o in expected_trusts(periods.t1, hn_owned)] == ["FIN", "UNN"]  # NLSH: annual only
    assert [o.code for o in expected_trusts(periods.risk, hn_owned)] == ["FIN", "UNN"]  # ventetid is risk-marked
    monthly = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind=PeriodKind.MONTHLY, month=3)
    assert expected_trusts(monthly, hn_owned) == []  # no item is reported monthly


def test_completeness_states_its_base_and_names_an_opened_draft(client, orgs, periods, people, kompetanse_at_nlsh):
    ensure_report(orgs["FIN"], periods.t1)  # FIN opened its report; the owner may not read the draft
    client.force_login(people.owner)
    page = client.get(f"/oppfolging/kompletthet/?periode={periods.t1.pk}").content.decode()
    row = page[page.index('id="hf-FIN"'):page.index("</tr>", page.index('id="hf-FIN"'))]
    assert "Påbegynt (utkast)" in row and "Ikke startet" not in row
    unn = page[page.index('id="hf-UNN"'):page.index("</tr>", page.index('id="hf-UNN"'))]
    assert "Ikke startet" in unn
    summary = page[page.index('id="oppsummering"'):page.index("</p>", page.index('id="oppsummering"'))]
    assert "0 av 6 forventede svar er rapportert (0 %) fra 2 helseforetak med krav i perioden" in summary
    assert "Ingen krav i perioden:" in page and "Nordlandssykehuset HF" in page[page.index('id="ingen-krav"'):]
    assert 'id="hf-NLSH"' not in page
    monthly = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind=PeriodKind.MONTHLY, month=3)
    empty = client.get(f"/oppfolging/kompletthet/?periode={monthly.pk}").content.decode()
    assert "ingen krav er forventet rapportert i denne perioden" in empty
    assert "100 %" not in empty


def test_the_start_page_lists_only_measures_past_their_due_date(client, orgs, periods, people, hn_doc):
    report = fill_report(ensure_report(orgs["UNN"], periods.t1), people.reporter)
    entry = report.entries.first()
    today = dt.date.today()
    for text, due in (("Tiltak etter frist", today - dt.timedelta(days=3)),
                      ("Tiltak med frist neste år", dt.date(today.year + 1, 6, 30))):
        Measure.objects.create(organisation=orgs["UNN"], item=entry.item, created_in=entry, description=text,
                               owner="Klinikksjef", due_date=due)
    client.force_login(people.reporter)
    page = client.get("/").content.decode()
    section = page[page.index('id="tiltak"'):page.index("</section>", page.index('id="tiltak"'))]
    assert "Tiltak etter frist" in section and "Tiltak med frist neste år" not in section
    assert "1 av 2 åpne tiltak har passert fristen." in section


def test_the_cross_region_view_puts_trusts_under_their_region(orgs, periods, people, hn_doc):
    unn = fill_report(ensure_report(orgs["UNN"], periods.t1), people.reporter,
                      {hn_doc.items["ventetid"].pk: "not_achieved"})
    workflow.submit(unn, people.reporter)
    regions = compare(hn_doc.items["ventetid"], people.owner)
    assert [r.organisation.code for r in regions] == ["HN"]  # UNN and FIN are Helse Nord's trusts
    assert [t.code for t in regions[0].trusts] == ["FIN", "UNN"]
    assert regions[0].counts() == {"green": 0, "yellow": 0, "red": 1, "missing": 1}  # UNN red, FIN not sent


def test_follow_up_opens_on_the_latest_period_with_expected_answers(client, orgs, periods, people, hn_doc):
    # a later period nobody reports in (next year's, before next year's document) is not the one shown
    next_year = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2025, kind=PeriodKind.RISK,
                                             admin_deadline=dt.date(2025, 3, 1))
    owner_sees = {o.pk for o in orgs["HN"].owned.all()}
    chosen = default_period([*periods.all, next_year], owner_sees, today=dt.date(2025, 3, 10))
    assert chosen == periods.annual
    assert default_period([*periods.all, next_year], owner_sees, today=dt.date(2024, 7, 1)) == periods.t1
    # before any deadline: the current one with answers, not the empty risk period if it had none
    assert default_period(periods.all, owner_sees, today=dt.date(2024, 1, 10)) == periods.risk
