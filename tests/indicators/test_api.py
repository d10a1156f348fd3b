"""The indicator endpoints: who may do what, errors naming rows, nothing half-saved."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.indicators.models import IndicatorValue
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db
HEADER = ["indikator", "organisasjon", "periode", "verdi"]


def upload(client, rows):
    return client.post("/api/indicator-values/import/",
                       {"file": SimpleUploadedFile("v.csv", csv_bytes(rows), content_type="text/csv")},
                       format="multipart")


def test_a_bad_row_gives_400_with_the_rows_and_saves_nothing(hn_indicators, api):
    code = hn_indicators.series["epikrise"].code
    response = upload(api("HN", "owner_staff"), [HEADER, [code, "UNN", "2024", "70"], [code, "UNN", "2024-13", "x"]])
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["row"] == 3
    assert "ugyldig måned" in body["errors"][0]["message"].lower() and "«x» er ikke et tall" in body["errors"][0]["message"]
    assert "1 rad har feil" in body["detail"]
    assert not IndicatorValue.objects.exists()


def test_only_owner_staff_upload_files(hn_indicators, api):
    code = hn_indicators.series["epikrise"].code
    assert upload(api("UNN", "reporter"), [HEADER, [code, "UNN", "2024", "70"]]).status_code == 403
    assert api("UNN", "reporter").post("/api/indicator-values/import/", {}, format="multipart").status_code == 403
    assert upload(api("HN", "owner_staff"), [HEADER, [code, "UNN", "2024", "70"]]).status_code == 200


def test_one_value_created_then_replaced(hn_indicators, api):
    reporter = api("UNN", "reporter")
    code = hn_indicators.series["epikrise"].code
    body = {"indicator": code, "organisation": "UNN", "period": "2024-t1", "value": "68.5", "status": "preliminary",
            "source": "DIPS"}
    first = reporter.post("/api/indicator-values/", body, format="json")
    assert first.status_code == 201, first.json()
    assert (first.json()["period"], first.json()["value"], first.json()["updated_by"]) == \
        ("2024-T1", 68.5, reporter.user.username)
    second = reporter.post("/api/indicator-values/", {**body, "value": 71, "status": "final"}, format="json")
    assert second.status_code == 200 and IndicatorValue.objects.get().value == 71
    refused = reporter.post("/api/indicator-values/", {**body, "organisation": "FIN"}, format="json")
    assert refused.status_code == 400 and "Du kan ikke registrere verdier for FIN" in str(refused.json())
    listed = reporter.get(f"/api/indicator-values/?indicator={code}&period=2024-T1").json()["results"]
    assert [(r["organisation"], r["value"], r["status"]) for r in listed] == [("UNN", 71.0, "final")]
    assert api("FIN", "reporter").get("/api/indicator-values/").json()["results"] == []
    evaluation = reporter.get("/api/evaluations/?organisation=unn&period=2024-T1").json()["results"]
    assert [(e["colour"], e["reason"], e["target"]) for e in evaluation] == [("green", "71 % mot mål ≥ 70 %", "≥ 70 %")]


def test_the_endpoints_are_in_the_schema(client, make_user):
    client.force_login(make_user("HN", "owner_staff"))
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/indicator-values/", "/api/indicator-values/import/", "/api/evaluations/"} <= set(schema["paths"])


def test_bad_filters_are_a_400_in_norwegian(api):
    client = api("HN", "owner_staff")
    bad = client.get("/api/evaluations/?period=2024-T9")
    assert bad.status_code == 400 and "Ugyldig periode «2024-T9»" in str(bad.json())
    assert client.get("/api/indicator-values/?indicator=abc").status_code == 400
    assert client.get("/api/indicator-values/?year=1800").status_code == 400
