from __future__ import annotations

import pytest

from styring.indicators.periods import MONTH, TERTIAL, YEAR, Period, PeriodError


@pytest.mark.parametrize("text, kind, canonical, label", [
    ("2024", YEAR, "2024", "2024"), ("2024-T1", TERTIAL, "2024-T1", "1. tertial 2024"),
    ("2024-t3", TERTIAL, "2024-T3", "3. tertial 2024"), ("2024-05", MONTH, "2024-05", "mai 2024"),
    (" 2024-5 ", MONTH, "2024-05", "mai 2024"), (2023, YEAR, "2023", "2023"),
])
def test_it_reads_years_tertials_and_months(text, kind, canonical, label):
    period = Period.parse(text)
    assert (period.kind, str(period), period.label) == (kind, canonical, label)


@pytest.mark.parametrize("text", ["2024-T4", "2024-13", "2024-00", "24", "T1 2024", "", "2024-Q1", "1800"])
def test_it_rejects_other_periods_in_norwegian(text):
    with pytest.raises(PeriodError, match="periode|år"):
        Period.parse(text)


def test_previous_and_months():
    assert str(Period.parse("2024-T1").previous()) == "2023-T3"
    assert str(Period.parse("2024-01").previous()) == "2023-12"
    assert str(Period.parse("2024").previous()) == "2023"
    assert [str(p) for p in Period.parse("2024-T2").month_periods()] == ["2024-05", "2024-06", "2024-07", "2024-08"]
    assert Period.parse("2024").contains(Period.parse("2024-T3"))
    assert not Period.parse("2024-T1").contains(Period.parse("2024-05"))


def test_chronological_order():
    texts = ["2024", "2024-T1", "2024-04", "2023", "2024-01"]
    assert [str(p) for p in sorted(map(Period.parse, texts), key=lambda p: p.sort_key)] == \
        ["2023", "2024-01", "2024-04", "2024-T1", "2024"]
