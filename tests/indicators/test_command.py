from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from styring.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_derive_indicators_reads_items_saved_without_their_series(hn_indicators):
    Indicator.objects.all().delete()  # as if imported before the indicators app
    out = io.StringIO()
    call_command("derive_indicators", stdout=out)
    assert "4 krav fikk nye eller oppdaterte serier og mål" in out.getvalue()
    assert str(hn_indicators.items["epikrise"].indicators.get().targets.get()) == "≥ 70 %"
    out = io.StringIO()
    call_command("derive_indicators", stdout=out)
    assert "0 krav" in out.getvalue()
