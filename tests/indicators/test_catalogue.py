"""The indicators an outside system can find and name: ``GET /api/indicators/``, the list page and
its CSV, imports naming a series by its code or the owner's external code and an organisation by
code, official name or alias, and a baseline target that says why it cannot be assessed yet."""
from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.indicators.models import Indicator, IndicatorValue, Target
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def stemi(hn_indicators, orgs):
    """A per-hospital series, as Vedlegg 3 gives it: limits for two hospitals, none for everyone."""
    item = hn_indicators.items["intensiv"]
    series = Indicator.objects.create(item=item, number=7, name="Reperfusjonsbehandling ved STEMI", unit="%")
    for code, green, yellow in (("UNN-TRO", 85, 70), ("NLSH-BOD", 80, 65)):
        Target.objects.create(indicator=series, organisation=orgs[code], kind="limits", better="higher", value=green,
                              yellow=yellow, source=Target.Source.ATTACHMENT)
    return series


def _upload(client, rows):
    return client.post("/api/indicator-values/import/",
                       {"file": SimpleUploadedFile("v.csv", csv_bytes(rows), content_type="text/csv")},
                       format="multipart")


def test_a_client_finds_a_per_hospital_series_by_name_and_imports_values_for_it(stemi, api):
    client = api("HN", "owner_staff")
    found = client.get("/api/indicators/", {"q": "reperfusjonsbehandling stemi"})
    assert found.status_code == 200, found.json()
    [series] = found.json()["results"]
    assert (series["code"], series["unit"], series["direction"]) == (stemi.code, "%", "higher")
    assert {(t["organisation"], t["target"]) for t in series["targets"]} == {
        ("UNN-TRO", "grønn ≥ 85 %, gul ≥ 70 %"), ("NLSH-BOD", "grønn ≥ 80 %, gul ≥ 65 %")}
    assert series["latest"] == []
    # the hospitals named by code, by official name and by alias
    imported = _upload(client, [["indikator", "organisasjon", "periode", "verdi"],
                                [series["code"], "UNN-TRO", "2024-T1", "88"],
                                [series["code"], "Nordlandssykehuset Bodø", "2024-T1", "70,5"],
                                [series["code"], "unn  breivika", "2024-T2", "60"]])
    assert imported.status_code == 200, imported.json()
    assert imported.json()["created"] == 3
    again = client.get("/api/indicators/", {"code": series["code"]}).json()["results"][0]
    assert [(r["organisation"], r["period"], r["colour"]) for r in again["latest"]] == [
        ("NLSH-BOD", "2024-T1", "yellow"), ("UNN-TRO", "2024-T2", "red")]


def test_the_owners_external_code_names_the_series_in_an_import(stemi, client, api, make_user, orgs):
    owner = make_user("HN", "owner_staff")
    client.force_login(owner)
    # what the browser sends: the series' fields, and the target's fields as the page fills them in
    form = {"serie-name": stemi.name, "serie-unit": "%", "serie-aggregation": "ratio", "mal-better": "higher",
            "mal-inclusive": "on", "mal-change_unit": "percent"}
    refused = client.post(f"/indikatorer/{stemi.code}/mal/", {**form, "serie-external_code": "42"})
    assert refused.status_code == 200 and "kan ikke være bare tall" in refused.content.decode()
    saved = client.post(f"/indikatorer/{stemi.code}/mal/", {**form, "serie-external_code": "NKI-42"})
    assert saved.status_code == 302
    stemi.refresh_from_db()
    assert stemi.external_code == "NKI-42" and not stemi.targets.filter(organisation__isnull=True).exists()
    history = stemi.history.first()
    assert history.external_code == "NKI-42" and history.history_user == owner
    api_client = api("HN", "owner_staff")
    assert api_client.get("/api/indicators/", {"code": "nki-42"}).json()["results"][0]["code"] == stemi.code
    imported = _upload(api_client, [["indikator", "organisasjon", "periode", "verdi"], ["NKI-42", "UNN Tromsø", "2024", "90"]])
    assert imported.status_code == 200, imported.json()
    value = IndicatorValue.objects.get()
    assert (value.indicator, value.organisation.code) == (stemi, "UNN-TRO")
    unknown = _upload(api_client, [["indikator", "organisasjon", "periode", "verdi"], ["NKI-43", "Ukjent HF", "2024", "1"]])
    message = unknown.json()["errors"][0]["message"]
    assert "indikator «NKI-43» finnes ikke" in message and "organisasjon «Ukjent HF» finnes ikke" in message


def test_what_a_trust_sees_of_the_list(stemi, api):
    fin = api("FIN", "reporter").get("/api/indicators/", {"q": "STEMI"}).json()["results"]
    assert [s["code"] for s in fin] == [stemi.code]
    assert fin[0]["targets"] == []  # the limits of other trusts' hospitals are not FIN's to read
    unn = api("UNN", "reporter").get("/api/indicators/", {"q": "STEMI"}).json()["results"]
    assert [t["organisation"] for t in unn[0]["targets"]] == ["UNN-TRO"]
    assert api("HV", "owner_staff").get("/api/indicators/").json()["results"] == []
    assert api("HN", "owner_staff").get("/api/indicators/", {"year": "1800"}).status_code == 400


def test_the_list_is_in_the_schema(client, make_user):
    client.force_login(make_user("HN", "owner_staff"))
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/indicators/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/indicators/"]["get"]["parameters"]}
    assert {"q", "code", "year", "organisation"} <= parameters


def test_the_list_page_and_its_csv(stemi, client, make_user, hn_indicators):
    client.force_login(make_user("HN", "owner_staff"))
    IndicatorValue.objects.create(indicator=stemi, organisation=stemi.targets.first().organisation, period="2024",
                                  year=2024, value=50)
    page = client.get("/indikatorer/liste/", {"q": "STEMI"}).content.decode()
    assert stemi.code in page and "Reperfusjonsbehandling ved STEMI" in page and "1 rød" in page
    assert "Ekstern kode" in page and "412-3" in page  # the codes explained
    response = client.get("/indikatorer/liste/", {"q": "STEMI", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["kode", "ekstern kode", "navn"]
    by_org = {r[8]: r for r in rows[1:]}
    assert set(by_org) == {"alle kravet gjelder for", "UNN-TRO", "NLSH-BOD"}
    assert by_org["UNN-TRO"][9] == "grønn ≥ 85 %, gul ≥ 70 %" and by_org["UNN-TRO"][13] == "Rød"
    everything = client.get("/indikatorer/liste/").content.decode()
    assert all(s.code in everything for s in hn_indicators.series.values())
    assert client.get("/indikatorer/liste/", {"ar": "x"}).status_code == 400


def test_a_baseline_target_says_why_it_is_not_assessed_and_when_it_will_be(hn_indicators, orgs, client, make_user):
    from styring.indicators.evaluation import Evaluator
    from styring.indicators.periods import Period

    series = hn_indicators.series["studier"]  # «økes med minst 15 pst. sammenliknet med 2023»
    IndicatorValue.objects.create(indicator=series, organisation=orgs["UNN"], period="2024-T1", year=2024, value=40)
    result = Evaluator([series], [orgs["UNN"]], {2024}).result(series.pk, orgs["UNN"].pk, Period.parse("2024-T1"))
    assert result.colour == "none"
    assert "kan ikke vurderes ennå" in result.evaluation.reason
    assert "ingen verdi for 1. tertial 2023" in result.evaluation.reason
    assert "Vurderes så snart verdien for 1. tertial 2023 er registrert" in result.evaluation.reason
    client.force_login(make_user("HN", "owner_staff"))
    page = client.get("/indikatorer/", {"periode": "2024-T1"}).content.decode()
    assert "Vurderes så snart verdien for 1. tertial 2023 er registrert" in page
