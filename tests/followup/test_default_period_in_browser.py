"""Issue 18, point 6: the matrix and completeness open on the latest period with expected answers,
not on a later period nobody reports in ("Ingen krav å vise")."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from styring.reporting.models import PeriodKind, ReportingPeriod
from tests.followup.test_followup import cycle  # noqa: F401  (the same fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_up_pages_open_on_a_period_with_answers(page, login, assert_accessible, people, periods, orgs,
                                                       cycle):  # noqa: F811
    # next year's first period, made before next year's document: after every other deadline, and
    # nobody is expected in it (the latest passed deadline used to choose it: "Ingen krav å vise")
    ReportingPeriod.objects.create(issuer=orgs["HN"], year=2025, kind=PeriodKind.RISK,
                                   admin_deadline=dt.date(2025, 3, 1))
    login(people.owner)
    page.goto("/oppfolging/")
    expect(page.locator("#periode option[selected]")).to_have_text("Årlig melding 2024 (HN)")
    expect(page.locator("table.st-matrix tbody tr").first).to_be_visible()
    expect(page.get_by_text("Ingen krav å vise")).to_have_count(0)
    assert_accessible(page, "matrix on its default period")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/oppfolging/kompletthet/")
    expect(page.locator("#periode option[selected]")).to_have_text("Årlig melding 2024 (HN)")
    expect(page.locator("#oppsummering")).to_contain_text("forventede svar er rapportert")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "completeness on its default period")
