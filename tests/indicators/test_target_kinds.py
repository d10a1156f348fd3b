"""A target kind is one class: registered, it is read from texts, described, evaluated, stored,
offered and checked in the reviewer's form, without a change anywhere else."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

import pytest
from django import forms

from styring.indicators import targets as rules
from styring.indicators.parsing import parse_targets
from styring.indicators.targets import (
    KINDS,
    LOWER,
    Colour,
    ParseRule,
    Series,
    Target,
    TargetKind,
    number,
    register,
    unregister,
)


class NoOccurrences(TargetKind):
    """A kind the house does not have: "Korridorpasienter skal ikke forekomme" — green at zero only."""

    name = "zero"
    label = "Skal ikke forekomme"
    fields = ()

    def parse_rules(self) -> Iterable[ParseRule]:
        return (ParseRule(5, self.read),)  # before every built-in rule

    @staticmethod
    def read(sentence: str) -> Series:
        if re.search(r"skal\s+ikke\s+forekomme", sentence, re.I):
            return [("", Target("zero", LOWER, 0.0, True))]
        return []

    def colour(self, target: Target, value: float, year: int, baseline: float | None = None) -> Colour:
        return Colour.GREEN if value == 0 else Colour.RED

    def reason(self, target: Target, value: float, colour: Colour, year: int, baseline: float | None,
               level: float | None) -> str:
        return f"{number(value, target.unit)} mot mål: ingen"

    def describe(self, target: Target) -> str:
        return "ingen"

    def check(self, data: Mapping[str, Any]) -> dict[str, str]:
        return {} if data.get("better") == LOWER else {"better": "Lavere er bedre når noe ikke skal forekomme."}


@pytest.fixture
def zero_kind() -> Iterator[type[NoOccurrences]]:
    register(NoOccurrences)
    try:
        yield NoOccurrences
    finally:
        unregister(NoOccurrences.name)


def test_a_new_kind_is_read_described_and_evaluated(zero_kind):
    [(name, target)] = parse_targets("Korridorpasienter skal ikke forekomme.").series
    assert (name, target.kind, target.describe()) == ("", "zero", "ingen")
    assert (target.colour(0, 2024), target.colour(2, 2024)) == (Colour.GREEN, Colour.RED)
    evaluation = target.evaluate(3, 2024)
    assert (evaluation.colour, evaluation.reason, evaluation.label, evaluation.symbol) == (
        "red", "3 mot mål: ingen", "Rød", "✗")
    assert Target.from_dict(target.to_dict()) == target
    # the built-in kinds read as before
    assert [t.describe() for _, t in parse_targets("Minst 70 prosent av epikrisene.").series] == ["≥ 70 %"]


def test_without_the_class_the_text_is_left_to_the_reviewer():
    assert "zero" not in KINDS
    assert not parse_targets("Korridorpasienter skal ikke forekomme.").found
    with pytest.raises(ValueError, match="Unknown target kind 'zero'"):
        Target("zero")


@pytest.mark.parametrize("name", ["", "Zero", "far_too_long_name", "null-toleranse"])
def test_a_kind_has_a_short_lowercase_name(name):
    bad = type("Bad", (TargetKind,), {"name": name, "label": "Dårlig"})
    with pytest.raises(ValueError):
        register(bad)
    assert name not in KINDS


def test_the_built_in_kinds_and_their_order():
    assert rules.kind_choices() == [("threshold", "Terskel (fast nivå)"), ("limits", "Grenser for grønn og gul"),
                                    ("baseline", "Mot et basisår"), ("change", "Endring fra et basisår"),
                                    ("glide", "Glidebane (årlig endring til et mål)")]
    assert [k for k in KINDS if KINDS[k].needs_baseline] == ["baseline", "change", "glide"]
    # the most specific first: glide, limits, several series, change, baseline, threshold, balance, direction
    assert [r.read.__qualname__ for r in rules.parse_rules()] == [
        "Glide.read", "Limits.read", "Threshold.read_series", "Change.read", "Baseline.read", "Threshold.read",
        "Threshold.read_balance", "Baseline.read_direction"]


def test_colours_are_an_enum_with_their_words():
    assert [(c.value, c.label, c.symbol, c.tag) for c in sorted(Colour, key=lambda c: c.severity)] == [
        ("red", "Rød", "✗", "danger"), ("yellow", "Gul", "!", "warning"), ("green", "Grønn", "✓", "success"),
        ("none", "Ingen vurdering", "–", "neutral")]
    assert Colour.worst(["green", "yellow", "none"]) is Colour.YELLOW and Colour.worst([]) is Colour.NONE
    assert rules.COLOURS["green"] == "Grønn" and f"st-colour--{Colour.RED}" == "st-colour--red"


@pytest.mark.django_db
def test_a_new_kind_is_offered_in_the_form_stored_and_coloured(zero_kind, client, make_user, hn_indicators, orgs):
    from styring.indicators.evaluation import Evaluator
    from styring.indicators.forms import TargetForm
    from styring.indicators.models import IndicatorValue
    from styring.indicators.models import Target as StoredTarget
    from styring.indicators.periods import Period

    form = TargetForm(prefix="mal")
    assert ("zero", "Skal ikke forekomme") in cast(list[tuple[str, str]], cast(forms.ChoiceField, form.fields["kind"]).choices)
    # each field names the kinds that use it; this kind uses none of them
    assert form.fields["yellow"].widget.attrs["data-kinds"] == "limits"
    assert not any("zero" in f.widget.attrs.get("data-kinds", "").split() for f in form.fields.values())
    series = hn_indicators.series["intensiv"]
    client.force_login(make_user("HN", "owner_staff"))
    post = {"serie-aggregation": "sum", "mal-kind": "zero", "mal-change_unit": "percent"}
    refused = client.post(f"/indikatorer/{series.code}/mal/", {**post, "mal-better": "higher"})
    assert "Lavere er bedre når noe ikke skal forekomme." in refused.content.decode()
    saved = client.post(f"/indikatorer/{series.code}/mal/", {**post, "mal-better": "lower"})
    assert saved.status_code == 302
    stored = StoredTarget.objects.get(indicator=series)
    assert (stored.kind, str(stored)) == ("zero", "ingen")
    for org, value in (("UNN", 0), ("FIN", 2)):
        IndicatorValue.objects.create(indicator=series, organisation=orgs[org], period="2024", year=2024, value=value)
    evaluator = Evaluator([series], [orgs["UNN"], orgs["FIN"]], {2024})
    unn, fin = (evaluator.result(series.pk, orgs[c].pk, Period.parse("2024")) for c in ("UNN", "FIN"))
    assert (unn.colour, fin.colour, fin.evaluation.reason) == (Colour.GREEN, Colour.RED, "2 mot mål: ingen")
