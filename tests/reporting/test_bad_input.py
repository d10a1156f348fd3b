"""Hostile and mistyped input gets a 400 (or 404) with a Norwegian message, never a 500, and
nothing is half-saved: every parameter goes through a form or a serializer."""
from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from styring.reporting.models import Measure, ReportEntry, ReportingPeriod, Risk
from styring.reporting.scope import ensure_report

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
API_PROBES = [
    "/api/reports/?period=abc", "/api/reports/?year=abc", f"/api/reports/?period={HUGE}",
    "/api/reports/?status=ukjent", "/api/items/?document=abc", f"/api/items/?document={HUGE}",
    "/api/items/?main_goal=9", "/api/items/?kind=x", "/api/items/?recipient=U%00NN", "/api/items/?confirmed=kanskje",
    f"/api/items/?limit={HUGE}", f"/api/items/?offset={HUGE}", "/api/items/?limit=-1", "/api/documents/?year=abc",
    "/api/organisations/?kind=x", "/api/entries/?report=abc", "/api/reports/abc/", f"/api/reports/{HUGE}/",
    f"/api/entries/{HUGE}/", "/api/reports/1/docx/?malform=de", "/api/finnes-ikke/",
]


@pytest.mark.parametrize("url", API_PROBES)
def test_bad_api_parameters_are_a_json_400_or_404(url, people):
    api = APIClient()
    api.force_authenticate(people.reporter)
    response = api.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()


def test_a_bad_parameter_is_explained_in_norwegian(people):
    api = APIClient()
    api.force_authenticate(people.reporter)
    body = api.get("/api/reports/?period=abc").json()
    assert body == {"period": ["En gyldig heltall er nødvendig."]}  # DRF's own bokmål
    assert api.get("/api/reports/?year=").status_code == 200  # an empty filter is no filter
    assert "Null" in api.get("/api/items/?recipient=U%00NN").json()["recipient"][0]


UI_PROBES = [
    "/krav/?dokument=abc", f"/krav/?dokument={HUGE}", "/krav/?mottaker=U%00NN", "/krav/?hovedmal=7",
    "/arshjul/?ar=abc", f"/arshjul/?ar={HUGE}", f"/rapportering/{HUGE}/", f"/oppfolging/krav/{HUGE}/",
    f"/eksport/mal/UNN/{HUGE}.xlsx", f"/dokumenter/{HUGE}/",
]


@pytest.mark.parametrize("url", UI_PROBES)
def test_bad_page_parameters_are_a_400_or_404(client, people, url):
    client.force_login(people.owner)
    response = client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    assert "Styring" in response.content.decode()


@pytest.fixture
def draft(orgs, periods, people):
    return ensure_report(orgs["UNN"], periods.t1)


@pytest.mark.parametrize("data,message", [
    ({"expected_version": "abc", "text": "x"}, "Ugyldig versjonsnummer"),
    ({"expected_version": HUGE, "text": "x"}, "versjon"),
    ({"expected_version": "1", "risk": "abc"}, "Risikoen hører ikke til helseforetaket."),
    ({"expected_version": "1", "status": "lilla"}, "Ugyldig måloppnåelse."),
    ({"expected_version": "1", "text": "nul\x00byte"}, "Null"),
])
def test_a_bad_entry_save_is_refused_and_nothing_changes(client, draft, people, data, message):
    entry = draft.entries.first()
    client.force_login(people.reporter)
    url = f"/rapportering/{draft.pk}/punkt/{entry.pk}/"
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = client.post(url, data, **headers)
        assert response.status_code == 400
        assert message.lower() in response.content.decode().lower()
    fresh = ReportEntry.objects.get(pk=entry.pk)
    assert fresh.version == entry.version and fresh.text == ""


@pytest.mark.parametrize("data,message", [
    ({"description": "Tiltak", "owner": "Leder", "due_date": "abc"}, "gyldig dato"),
    ({"description": "Tiltak", "owner": "Leder", "due_date": "2024-09-01", "risk": "abc"}, "Risikoen hører ikke"),
    ({"description": "", "owner": "Leder", "due_date": "2024-09-01"}, "Beskriv tiltaket."),
])
def test_a_bad_measure_is_refused(client, draft, people, data, message):
    entry = draft.entries.first()
    client.force_login(people.reporter)
    response = client.post(f"/rapportering/{draft.pk}/punkt/{entry.pk}/tiltak/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Measure.objects.exists()


def test_a_refused_measure_keeps_what_was_typed(client, draft, people):
    entry = draft.entries.first()
    client.force_login(people.reporter)
    data = {"description": "Rekruttere to psykologer til BUP", "owner": "Klinikksjef", "due_date": "31.02.2024"}
    page = client.post(f"/rapportering/{draft.pk}/punkt/{entry.pk}/tiltak/", data).content.decode()
    assert ">Rekruttere to psykologer til BUP</textarea>" in page and 'value="Klinikksjef"' in page
    assert "<details open>" in page
    draft.__class__.objects.filter(pk=draft.pk).update(status="submitted")  # sent meanwhile, from another tab
    data["due_date"] = "2024-09-30"
    response = client.post(f"/rapportering/{draft.pk}/punkt/{entry.pk}/tiltak/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "kan ikke endres" in body  # refused, and the text is still shown
    assert ">Rekruttere to psykologer til BUP</textarea>" in body
    assert not Measure.objects.exists()


@pytest.mark.parametrize("data", [
    {"action": "ny", "title": "Mangel på sykepleiere", "item": "abc"},
    {"action": "ny", "title": "", "item": ""},
    {"risk": "abc", "probability": "3", "consequence": "3"},
    {"risk": HUGE, "probability": "3", "consequence": "3"},
])
def test_bad_risk_input_is_refused_with_a_message(client, people, periods, data):
    client.force_login(people.reporter)
    url = f"/rapportering/risiko/UNN/?periode={periods.t1.pk}"
    page = client.post(url, data, follow=True)
    assert page.status_code == 200
    assert "ble ikke lagret" in page.content.decode()
    assert not Risk.objects.exists()


def test_a_bad_assessment_is_refused(client, people, periods, orgs):
    risk = Risk.objects.create(organisation=orgs["UNN"], title="Mangel på sykepleiere")
    client.force_login(people.reporter)
    page = client.post(f"/rapportering/risiko/UNN/?periode={periods.t1.pk}",
                       {"risk": risk.pk, "probability": "abc", "consequence": "9"}, follow=True)
    text = page.content.decode()
    assert "Sannsynlighet må være et tall fra 1 til 5." in text and "Konsekvens må være et tall fra 1 til 5." in text
    assert not risk.assessments.exists()


def test_bad_period_input_is_refused(client, people, periods):
    client.force_login(people.owner)
    before = ReportingPeriod.objects.count()
    response = client.post("/rapportering/perioder/", {"year": "abc"})
    assert response.status_code == 400 and "Oppgi et årstall." in response.content.decode()
    assert client.post("/rapportering/perioder/", {"year": HUGE}).status_code == 400
    assert ReportingPeriod.objects.count() == before
    page = client.post(f"/rapportering/perioder/{periods.t1.pk}/", {"admin_deadline": "31.02.2024"}, follow=True)
    assert "Ugyldig dato." in page.content.decode()
    periods.t1.refresh_from_db()
    assert str(periods.t1.admin_deadline) == "2024-05-15"
