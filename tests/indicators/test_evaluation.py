"""Where a value comes from (reported, from months, from hospitals or trusts) and its colour."""
from __future__ import annotations

import pytest

from styring.indicators.evaluation import Evaluator
from styring.indicators.models import Aggregation, IndicatorValue, Target
from styring.indicators.periods import Period

pytestmark = pytest.mark.django_db


def put(series, org, period, value, numerator=None, denominator=None, status="final"):
    IndicatorValue.objects.create(indicator=series, organisation=org, period=period, year=int(period[:4]), value=value,
                                  numerator=numerator, denominator=denominator, status=status)


def test_a_tertial_is_computed_from_its_months_summing_numerators_and_denominators(hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    unn = orgs["UNN"]
    for month, (num, den) in enumerate([(90, 100), (10, 100), (700, 1000), (60, 100)], start=1):
        put(series, unn, f"2024-{month:02d}", 100 * num / den, num, den, "preliminary")
    result = Evaluator([series], [unn], [2024]).result(series.pk, unn.pk, Period.parse("2024-T1"))
    # 860 / 1300 = 66,15 % (the average of the four percentages would be 65 %)
    assert result.value.value == pytest.approx(66.153846)
    assert (result.colour, result.provenance) == ("red", "beregnet fra 4 måneder")
    assert result.evaluation.reason == "66,15 % mot mål ≥ 70 %"


def test_a_reported_tertial_stands_beside_its_months(hn_indicators, orgs):
    series, unn = hn_indicators.series["epikrise"], orgs["UNN"]
    for month in range(1, 5):
        put(series, unn, f"2024-{month:02d}", 60, 60, 100, "preliminary")
    put(series, unn, "2024-T1", 71, status="final")
    evaluator = Evaluator([series], [unn], [2024])
    assert evaluator.result(series.pk, unn.pk, Period.parse("2024-T1")).colour == "green"
    assert evaluator.result(series.pk, unn.pk, Period.parse("2024-04")).colour == "red"


def test_no_value_is_computed_from_incomplete_months_or_from_percentages_alone(hn_indicators, orgs):
    series, unn = hn_indicators.series["epikrise"], orgs["UNN"]
    for month in range(1, 4):
        put(series, unn, f"2024-{month:02d}", 80, 80, 100)
    put(series, orgs["FIN"], "2024-T1", 75)  # no numerator and denominator
    put(series, orgs["NLSH"], "2024-T1", 65)
    evaluator = Evaluator([series], [unn, orgs["HN"]], [2024])
    assert evaluator.value(series.pk, unn.pk, Period.parse("2024-T1")) is None
    assert evaluator.value(series.pk, orgs["HN"].pk, Period.parse("2024-T1")) is None  # never the mean 70 %


def test_a_region_sums_its_trusts_and_a_trust_its_hospitals(hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    put(series, orgs["UNN-TRO"], "2024", 80, 800, 1000)
    put(series, orgs["UNN-HAR"], "2024", 50, 100, 200)
    put(series, orgs["FIN"], "2024", 60, 60, 100)
    evaluator = Evaluator([series], [orgs["HN"], orgs["UNN"]], [2024])
    unn = evaluator.result(series.pk, orgs["UNN"].pk, Period.parse("2024"))
    assert unn.value.value == pytest.approx(75.0) and unn.colour == "green"  # 900 / 1200
    hn = evaluator.value(series.pk, orgs["HN"].pk, Period.parse("2024"))
    assert hn.value == pytest.approx(73.846154) and hn.parts == 2  # (900 + 60) / (1200 + 100)


def test_sums_and_series_that_cannot_be_combined(hn_indicators, orgs):
    studies = hn_indicators.series["studier"]
    studies.aggregation = Aggregation.SUM
    studies.save()
    put(studies, orgs["UNN"], "2023", 100)
    put(studies, orgs["FIN"], "2023", 20)
    put(studies, orgs["UNN"], "2024", 110)
    put(studies, orgs["FIN"], "2024", 30)
    evaluator = Evaluator([studies], [orgs["HN"], orgs["UNN"]], [2024])
    region = evaluator.result(studies.pk, orgs["HN"].pk, Period.parse("2024"))
    assert (region.value.value, region.colour) == (140, "green")  # 140 ≥ 120 × 1,15 = 138
    assert evaluator.result(studies.pk, orgs["UNN"].pk, Period.parse("2024")).colour == "red"  # 110 < 115
    studies.aggregation = Aggregation.NONE
    studies.save()
    assert Evaluator([studies], [orgs["HN"]], [2024]).value(studies.pk, orgs["HN"].pk, Period.parse("2024")) is None


def test_a_hospitals_own_limits_come_before_the_target_for_everyone(hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    Target.objects.create(indicator=series, organisation=orgs["UNN-TRO"], kind="limits", better="higher", value=85,
                          yellow=70, source="attachment")
    put(series, orgs["UNN-TRO"], "2024", 80)
    put(series, orgs["UNN-HAR"], "2024", 80)
    evaluator = Evaluator([series], [orgs["UNN-TRO"], orgs["UNN-HAR"]], [2024])
    assert evaluator.result(series.pk, orgs["UNN-TRO"].pk, Period.parse("2024")).colour == "yellow"
    assert evaluator.result(series.pk, orgs["UNN-HAR"].pk, Period.parse("2024")).colour == "green"


def test_trend_against_the_period_before_and_tolerance(hn_indicators, orgs):
    series, unn = hn_indicators.series["sykefravær"], orgs["UNN"]
    put(series, unn, "2023", 9.0)
    put(series, unn, "2024-T1", 8.9)
    put(series, unn, "2024-T2", 8.6)
    evaluator = Evaluator([series], [unn], [2024])
    t2 = evaluator.result(series.pk, unn.pk, Period.parse("2024-T2"))
    assert t2.colour == "none" and "ingen verdi for 2. tertial 2023" in t2.evaluation.reason  # no 2023-T2
    assert (t2.trend, t2.trend_symbol, t2.trend_text) == ("down", "↓", "ned, bedre fra 1. tertial 2024")
    put(series, unn, "2024", 8.6)
    series.tolerance = 0.1
    series.save()
    year = Evaluator([series], [unn], [2024]).result(series.pk, unn.pk, Period.parse("2024"))
    assert (year.colour, year.evaluation.reason) == (
        "yellow", "8,6 % mot mål ≤ 8,55 % (2023: 9 %, −5 % per år), innenfor toleransen på 0,1 %")


def test_no_target_and_no_value(hn_indicators, orgs):
    series, unn = hn_indicators.series["intensiv"], orgs["UNN"]
    put(series, unn, "2024", 12)
    evaluator = Evaluator([series], [unn], [2024])
    assert evaluator.result(series.pk, unn.pk, Period.parse("2024")).evaluation.reason == \
        "12: indikatoren har ikke noe mål"
    epikrise = hn_indicators.series["epikrise"]
    empty = Evaluator([epikrise], [unn], [2024]).result(epikrise.pk, unn.pk, Period.parse("2024"))
    assert (empty.colour, empty.value, empty.evaluation.reason) == ("none", None, "Ingen verdi for perioden")


def test_the_follow_up_matrix_gets_each_items_worst_latest_colour(hn_indicators, orgs):
    from styring.indicators.evaluation import latest_colours

    put(hn_indicators.series["epikrise"], orgs["UNN"], "2024-T1", 60)
    put(hn_indicators.series["epikrise"], orgs["UNN"], "2024-T2", 75)  # the latest wins
    put(hn_indicators.series["epikrise"], orgs["FIN"], "2024-T2", 65)
    found = latest_colours([hn_indicators.items["epikrise"].pk], [orgs["UNN"].pk, orgs["FIN"].pk, orgs["NLSH"].pk])
    item = hn_indicators.items["epikrise"].pk
    assert (found[(item, orgs["UNN"].pk)].colour, str(found[(item, orgs["UNN"].pk)].period)) == ("green", "2024-T2")
    assert found[(item, orgs["FIN"].pk)].colour == "red" and (item, orgs["NLSH"].pk) not in found
