"""Seed 001 (Helse Nord's Styringskrav og rammer 2024) through the real extractor: targets read
from the items' text, Vedlegg 3 as per-hospital targets and values, and values uploaded over the
API for UNN and for the Tromsø hospital evaluated with those targets and limits."""
from __future__ import annotations

import pytest

from styring.indicators.models import Indicator, IndicatorValue, Target
from tests.indicators.conftest import csv_bytes, item_with

pytestmark = [pytest.mark.django_db, pytest.mark.shared]


def series(document, words: str, name: str = "") -> Indicator:
    item = item_with(document, words)
    return item.indicators.get(name__startswith=name) if name else item.indicators.get(number=0)


def test_most_indicators_get_a_target_from_their_text(seed_001):
    items = list(seed_001.items.filter(kind="indicator"))
    with_target = [i for i in items if Target.objects.filter(indicator__item=i).exists()]
    assert len(items) == 31
    assert len(with_target) >= 27
    assert str(series(seed_001, "epikrisene").targets.get()) == "≥ 70 %"
    assert str(series(seed_001, "sykefraværet").targets.get()) == "reduksjon på 5 % per år fra 2023 til ≤ 7,5 %"
    waiting = item_with(seed_001, "Gjennomsnittlig ventetid").indicators.order_by("number")
    assert [(s.code.split("-")[1], s.name, s.unit) for s in waiting] == [
        ("1", "somatikk", "dager"), ("2", "psykisk helsevern voksne", "dager"),
        ("3", "psykisk helsevern barn og unge", "dager"), ("4", "TSB", "dager")]
    left = [i.indicators.get().note for i in items if i not in with_target]
    assert all(note for note in left)  # each one left to the reviewer says why


def test_vedlegg_3_gives_per_hospital_targets_and_the_printed_results(seed_001, orgs):
    item = item_with(seed_001, "jf. vedlegg nr. 3")
    assert item.indicators.count() == 17
    stemi = series(seed_001, "jf. vedlegg nr. 3", "Reperfusjonsbehandling")
    tromso = stemi.targets.get(organisation=orgs["UNN-TRO"])
    assert (tromso.kind, tromso.better, tromso.value, tromso.yellow, tromso.source) == \
        ("limits", "higher", 85, 70, "attachment")
    assert not stemi.targets.filter(organisation__isnull=True).exists()  # limits are per hospital only
    values = {(v.period, float(v.value), v.status) for v in stemi.values.filter(organisation=orgs["UNN-TRO"])}
    assert values == {("2022", 48.0, "final"), ("2023", 48.0, "preliminary")}
    assert "vedlegg 3" in stemi.values.first().source
    hba1c = series(seed_001, "jf. vedlegg nr. 3", "Andel med HbA1C > 75")
    assert str(hba1c.targets.get(organisation=orgs["UNN-TRO"])) == "grønn ≤ 12 %, gul ≤ 14 %"  # lower is better
    # the same indicator worded differently for Harstad and Bodø is one series
    leak = series(seed_001, "jf. vedlegg nr. 3", "Reseksjoner av tykktarm")
    assert set(leak.targets.values_list("organisation__code", flat=True)) == {"UNN-HAR", "NLSH-BOD"}
    # Narvik's preliminary 2023 result is split over two lines in the text ("100 \n\n%)")
    hip = series(seed_001, "jf. vedlegg nr. 3", "Operasjon innen 48 timer")
    assert float(hip.values.get(organisation=orgs["UNN-NAR"], period="2023").value) == 100
    values = IndicatorValue.objects.filter(indicator__item=item)
    assert (values.filter(status="final").count(), values.filter(status="preliminary").count()) == (55, 31)  # every result line and every "Foreløpig res."


def test_values_uploaded_for_unn_and_tromso_evaluate_with_seed_001s_targets(seed_001, api, orgs):
    owner = api("HN", "owner_staff")
    epikrise = series(seed_001, "epikrisene").code
    pakke = series(seed_001, "pakkeforløp gjennomført").code
    sick = series(seed_001, "sykefraværet").code
    stemi = series(seed_001, "jf. vedlegg nr. 3", "Reperfusjonsbehandling").code
    hba1c = series(seed_001, "jf. vedlegg nr. 3", "Andel med HbA1C > 75").code
    hip = series(seed_001, "jf. vedlegg nr. 3", "Operasjon innen 48 timer").code
    rows = [
        ["indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status"],
        [epikrise, "UNN", "2024-T1", "72,5", "725", "1000", "NPR", "foreløpig"],
        [epikrise, "UNN", "2024-T2", "66", "", "", "NPR", "endelig"],
        [pakke, "UNN", "2024", "69,9", "", "", "", ""],
        [sick, "UNN", "2023", "9", "", "", "", ""],
        [sick, "UNN", "2024", "8,5", "", "", "", ""],
        [stemi, "UNN-TRO", "2024", "80", "", "", "NORHARDT", ""],
        [hba1c, "UNN-TRO", "2024", "11,5", "", "", "", ""],
        [hba1c, "UNN-TRO", "2024-T1", "13", "", "", "", ""],
        [hip, "UNN-TRO", "2024-T1", "60", "", "", "", ""],
    ]
    response = owner.post("/api/indicator-values/import/", {"file": _file(csv_bytes(rows))}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 9, "updated": 0, "unchanged": 0, "rows": 9}

    unn = {(r["indicator"], r["period"]): r for r in owner.get("/api/evaluations/?organisation=UNN").json()["results"]}
    assert (unn[(epikrise, "2024-T1")]["colour"], unn[(epikrise, "2024-T1")]["reason"]) == \
        ("green", "72,5 % mot mål ≥ 70 %")
    assert unn[(epikrise, "2024-T1")]["target"] == "≥ 70 %"
    assert unn[(epikrise, "2024-T2")]["colour"] == "red"
    assert unn[(pakke, "2024")]["colour"] == "red"
    assert (unn[(sick, "2024")]["colour"], unn[(sick, "2024")]["reason"]) == \
        ("green", "8,5 % mot mål ≤ 8,55 % (2023: 9 %, −5 % per år)")

    tromso = {(r["indicator"], r["period"]): r
              for r in owner.get("/api/evaluations/?organisation=UNN-TRO").json()["results"]}
    assert tromso[(stemi, "2024")]["colour"] == "yellow"
    assert tromso[(stemi, "2024")]["reason"] == "80 % mot grense grønn ≥ 85 %, gul ≥ 70 %"
    assert tromso[(stemi, "2022")]["colour"] == "red"  # the printed 2022 result, 48 %
    assert tromso[(hba1c, "2024")]["colour"] == "green"  # lower is better: 11,5 ≤ 12
    assert tromso[(hba1c, "2024-T1")]["colour"] == "yellow"  # 13: between 12 and 14
    assert tromso[(hba1c, "2022")]["colour"] == "yellow"  # the printed 13 %
    assert tromso[(hip, "2024-T1")]["colour"] == "red"
    assert {r["colour"] for r in tromso.values()} <= {"green", "yellow", "red"}

    # the trust's reporter sees the trust's and its hospitals' values, not another trust's
    reporter = api("UNN", "reporter")
    seen = {r["organisation"] for r in reporter.get("/api/evaluations/").json()["results"]}
    assert "UNN" in seen and "UNN-TRO" in seen and not seen & {"FIN", "FIN-KIR", "NLSH-BOD"}


def _file(data: bytes, name: str = "verdier.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")
