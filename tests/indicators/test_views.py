"""The indicator pages as their users see them (Django's test client)."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.indicators.models import IndicatorValue, Target
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db
HEADER = ["indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status"]


def put(series, org, period, value, source="NPR"):
    return IndicatorValue.objects.create(indicator=series, organisation=org, period=period, year=int(period[:4]),
                                         value=value, source=source)


def test_the_scorecard_shows_colours_with_symbols_and_trends(client, make_user, hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    put(series, orgs["UNN"], "2024-T1", 66)
    put(series, orgs["UNN"], "2024-T2", 72)
    put(series, orgs["FIN"], "2024-T2", 60)
    client.force_login(make_user("HN", "owner_staff"))
    page = client.get("/indikatorer/?periode=2024-T2").content.decode()
    assert "Målekort: 2. tertial 2024" in page
    assert 'class="st-cell st-cell--green"' in page and 'class="st-cell st-cell--red"' in page
    assert '<span aria-hidden="true">✓ 72 % ↑</span>' in page and '<span aria-hidden="true">✗ 60 %</span>' in page
    assert "Grønn. 72 % mot mål ≥ 70 %; opp, bedre fra 1. tertial 2024" in page  # for screen readers too
    assert "<strong>1 røde</strong>, 0 gule og 1 grønne" in page
    assert "Eksempeldata" not in page
    # filters: hovedmål 2 has no values in this period, only targets
    assert "Minst 70 prosent av epikrisene" not in client.get("/indikatorer/?periode=2024-T2&hovedmal=2").content.decode()


def test_the_scorecard_as_xlsx(client, make_user, hn_indicators, orgs):
    from openpyxl import load_workbook

    put(hn_indicators.series["epikrise"], orgs["UNN"], "2024", 66, source="Eksempeldata")
    client.force_login(make_user("HN", "owner_staff"))
    response = client.get("/indikatorer/?periode=2024&format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="malekort-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Målekort 2024 – helseforetak" and rows[1][0] == "Eksempeldata: tallene er ikke reelle."
    header = next(r for r in rows if r[0] == "Kode")
    line = next(r for r in rows if r[0] == hn_indicators.series["epikrise"].code)
    assert line[2] == "≥ 70 %" and line[header.index("UNN")] == "66 % ✗ Rød"


def test_a_trust_sees_its_own_values_and_hospitals_only(client, make_user, hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    put(series, orgs["UNN"], "2024", 75)
    put(series, orgs["UNN-TRO"], "2024", 71)
    put(series, orgs["FIN"], "2024", 50)
    client.force_login(make_user("UNN", "reader"))
    page = client.get("/indikatorer/?periode=2024").content.decode()
    assert ">UNN</abbr>" in page and ">FIN</abbr>" not in page
    assert "UNN-TRO</abbr>" in client.get("/indikatorer/?periode=2024&niva=sykehus").content.decode()
    assert client.get(f"/indikatorer/{series.code}/FIN/").status_code == 404
    assert client.get(f"/indikatorer/{series.code}/UNN-TRO/").status_code == 200
    assert client.get(f"/indikatorer/{series.code}/UNN/").context["form"] is None  # a reader enters nothing
    assert client.post(f"/indikatorer/{series.code}/UNN/", {"period": "2024"}).status_code == 403
    assert client.get("/indikatorer/last-opp/").status_code == 403


def test_the_series_page_draws_from_its_table_and_takes_a_value_by_hand(client, make_user, hn_indicators, orgs):
    series = hn_indicators.series["epikrise"]
    put(series, orgs["UNN"], "2024-T1", 66)
    reporter = make_user("UNN", "reporter")
    client.force_login(reporter)
    page = client.get(f"/indikatorer/{series.code}/UNN/").content.decode()
    assert 'data-chart-table="verdier"' in page and 'data-value="66" data-target="70"' in page
    assert "vendor/chartjs/chart.umd.min.js" in page and "<script>" not in page  # static files only (CSP)
    bad = client.post(f"/indikatorer/{series.code}/UNN/", {"organisation": "UNN", "period": "2024-T5", "value": "x",
                                                             "status": "final"})
    assert bad.status_code == 200 and "Ugyldig periode «2024-T5»" in bad.content.decode()
    good = client.post(f"/indikatorer/{series.code}/UNN/", {"organisation": "UNN", "period": "2024-T2", "value": "71,5",
                                                              "status": "preliminary", "neste": "/rapportering/"})
    assert good.status_code == 302 and good["Location"] == "/rapportering/"
    value = IndicatorValue.objects.get(period="2024-T2")
    assert (float(value.value), value.status, value.updated_by) == (71.5, "preliminary", reporter)


def test_upload_page_lists_bad_rows_and_saves_nothing(client, make_user, hn_indicators):
    client.force_login(make_user("HN", "owner_staff"))
    code = hn_indicators.series["epikrise"].code
    data = csv_bytes([HEADER, [code, "UNN", "2024", "70", "", "", "", ""], [code, "UNN", "2024", "71", "", "", "", ""]])
    response = client.post("/indikatorer/last-opp/", {"file": SimpleUploadedFile("v.csv", data)})
    page = response.content.decode()
    assert response.status_code == 400 and "Rad 3: samme indikator, organisasjon og periode som rad 2" in page
    assert not IndicatorValue.objects.exists()
    good = csv_bytes([HEADER, [code, "UNN", "2024", "70", "", "", "", ""]])
    ok = client.post("/indikatorer/last-opp/", {"file": SimpleUploadedFile("v.csv", good)})
    assert ok.status_code == 302 and IndicatorValue.objects.count() == 1
    template = client.get("/indikatorer/last-opp/mal.csv").content.decode("utf-8-sig").splitlines()
    assert template[0] == ";".join(HEADER) and f"{code};UNN;;;;;;endelig" in template


def test_the_reviewer_sets_a_target_the_text_did_not_give(client, make_user, hn_indicators, orgs):
    series = hn_indicators.series["intensiv"]
    client.force_login(make_user("HN", "owner_staff"))
    assert "Mangler mål" in client.get("/indikatorer/liste/").content.decode()
    refused = client.post(f"/indikatorer/{series.code}/mal/", {"serie-aggregation": "sum", "mal-kind": "limits",
                                                                "mal-better": "higher", "mal-value": "10",
                                                                "mal-yellow": "12", "mal-change_unit": "percent"})
    assert "Grensen for gul må ligge på den dårlige siden" in refused.content.decode()
    saved = client.post(f"/indikatorer/{series.code}/mal/", {
        "serie-unit": "senger", "serie-aggregation": "sum", "mal-kind": "threshold", "mal-better": "higher",
        "mal-value": "40", "mal-inclusive": "on", "mal-change_unit": "percent"})
    assert saved.status_code == 302
    target = Target.objects.get(indicator=series)
    assert (str(target), target.source) == ("≥ 40 senger", "reviewer")
    # the text read again does not replace the reviewer's target
    item = hn_indicators.items["intensiv"]
    item.text += " Minst 50 senger."
    item.save()
    assert str(Target.objects.get(indicator__item=item)) == "≥ 40 senger"
    client.force_login(make_user("UNN", "reporter"))
    assert client.get(f"/indikatorer/{series.code}/mal/").status_code == 403


def test_owner_start_page_shows_the_red_count(client, make_user, hn_indicators, orgs):
    put(hn_indicators.series["epikrise"], orgs["UNN"], "2024-T1", 60)
    put(hn_indicators.series["epikrise"], orgs["FIN"], "2024-T1", 61)
    client.force_login(make_user("HN", "owner_staff"))
    assert "Målekort 1. tertial 2024: <strong>2 røde</strong>" in client.get("/").content.decode()
    client.force_login(make_user("UNN", "reporter"))
    assert "Målekort" not in client.get("/").content.decode()


def test_the_review_screen_shows_each_indicators_target_or_that_it_is_missing(client, make_user, hn_indicators):
    client.force_login(make_user("HN", "owner_staff"))
    page = client.get(f"/dokumenter/{hn_indicators.document.pk}/gjennomgang/").content.decode()
    epikrise = page[page.index(f'id="krav-{hn_indicators.items["epikrise"].pk}"'):]
    assert "<dt>Mål</dt><dd>≥ 70 %" in epikrise[:3000]
    intensiv = page[page.index(f'id="krav-{hn_indicators.items["intensiv"].pk}"'):]
    assert "Mangler mål" in intensiv[:3000] and f'/indikatorer/{hn_indicators.series["intensiv"].code}/mal/' in intensiv[:3000]
