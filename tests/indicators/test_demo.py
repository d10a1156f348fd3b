"""``styring load_demo``: a scorecard with sample values, labelled as sample data wherever shown."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from styring.indicators.models import SAMPLE_SOURCE, IndicatorValue

pytestmark = [pytest.mark.django_db, pytest.mark.shared]


def test_the_demo_shows_a_scorecard_of_sample_values_labelled_as_such(shared_dir, orgs, client):
    from django.contrib.auth.models import User

    out = io.StringIO()
    call_command("load_demo", demo_in_production=True, stdout=out)
    assert "eksempelverdier (merket «Eksempeldata»)" in out.getvalue()
    samples = IndicatorValue.objects.filter(source=SAMPLE_SOURCE)
    assert samples.filter(organisation__code="UNN").exists() and samples.filter(organisation__kind="sykehus").exists()
    assert not IndicatorValue.objects.exclude(source=SAMPLE_SOURCE).exclude(source__contains="vedlegg 3").exists()
    count = samples.count()
    call_command("load_demo", demo_in_production=True, stdout=io.StringIO())
    assert samples.count() == count  # idempotent

    client.force_login(User.objects.get(username="hn-eier"))
    page = client.get("/indikatorer/").content.decode()
    import datetime as dt

    from styring.indicators.demo_data import sample_periods
    from styring.indicators.periods import Period

    latest = max((Period.parse(p) for p in sample_periods(dt.date.today())), key=lambda p: p.sort_key).label
    assert f"Målekort: {latest}" in page
    assert "<strong>Eksempeldata.</strong>" in page and page.count('<span class="st-sample"> eksempel</span>') > 20
    assert 'class="st-cell st-cell--red"' in page and 'class="st-cell st-cell--green"' in page
    code = samples.filter(organisation__code="UNN").first().indicator.code
    assert "<strong>Eksempeldata.</strong>" in client.get(f"/indikatorer/{code}/UNN/").content.decode()
    assert f"Målekort {latest}: <strong>" in client.get("/").content.decode()
