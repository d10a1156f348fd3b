"""Issue 18, point 10: a reporting deadline in the årshjul links to the user's own report for that
period where one exists (the list of reports otherwise), also where the period shares its date with
the document's reporting calendar."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from styring.reporting.scope import ensure_report
from styring.yearwheel.deadlines import deadlines
from tests.reporting.conftest import hn_doc, people, periods  # noqa: F401  (the same fixtures)

pytestmark = pytest.mark.django_db


def test_a_period_deadline_links_to_the_users_report(client, orgs, periods, people):  # noqa: F811
    report = ensure_report(orgs["UNN"], periods.t1)
    found = {d.title.split(":")[0]: d for d in deadlines(people.reporter, 2024, mine=True, today=dt.date(2024, 4, 1))
             if d.kind == "admin"}
    assert found["1. tertial 2024"].url == reverse("reporting:detail", args=[report.pk])
    assert found["2. tertial 2024"].url == reverse("reporting:list")  # not started: the list
    client.force_login(people.reporter)
    page = client.get(reverse("yearwheel:wheel") + "?ar=2024").content.decode()
    assert f'href="{reverse("reporting:detail", args=[report.pk])}"' in page
