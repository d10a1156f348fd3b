"""Norwegian error pages with the site's navigation; JSON errors under /api/."""
from __future__ import annotations

import pytest
from django.test import RequestFactory

from styring.web import errors

pytestmark = pytest.mark.django_db


def test_not_found_is_norwegian_with_navigation(client, make_user):
    client.force_login(make_user("UNN", "reporter"))
    response = client.get("/finnes-ikke/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Fant ikke siden" in page and "Siden finnes ikke, eller du har ikke tilgang til den." in page
    assert 'aria-label="Hovedmeny"' in page and "Rapportering" in page
    assert "Not Found" not in page


def test_the_views_norwegian_reason_reaches_the_user(client, make_user):
    client.force_login(make_user("UNN", "reporter"))
    denied = client.get("/rapportering/perioder/")
    assert denied.status_code == 403
    assert "Bare eierstab kan endre rapporteringsperioder." in denied.content.decode()
    missing = client.get("/rapportering/987654/")
    assert missing.status_code == 404 and "Fant ikke rapporten." in missing.content.decode()


def test_server_error_page_is_norwegian_and_shows_no_detail(orgs):
    response = errors.server_error(RequestFactory().get("/rapportering/1/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt" in page and "Til forsiden" in page and "Traceback" not in page


def test_api_errors_are_json(client, make_user, orgs):
    assert errors.server_error(RequestFactory().get("/api/reports/")).status_code == 500
    assert errors.server_error(RequestFactory().get("/api/reports/"))["Content-Type"] == "application/json"
    client.force_login(make_user("UNN", "reporter"))
    response = client.get("/api/finnes-ikke/")
    assert response.status_code == 404 and response.json() == {
        "detail": "Siden finnes ikke, eller du har ikke tilgang til den."}
    missing = client.get("/api/reports/987654/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Finnes ikke, eller du har ikke tilgang."}


def test_an_expired_form_gets_a_norwegian_answer(orgs, make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("HN", "owner_staff"))
    response = client.post("/rapportering/perioder/", {"year": "2025"})
    assert response.status_code == 403
    assert "Last siden på nytt" in response.content.decode()


def test_the_demo_with_debug_on_shows_the_norwegian_404_and_403_pages(client, make_user, settings):
    """``make demo`` runs with DEBUG=1: a missing page is still the Norwegian page, not Django's
    technical 404, for an unknown address and for a view's ``Http404``; a missing slash is still
    added by a redirect."""
    settings.DEBUG = True
    client.force_login(make_user("UNN", "reporter"))
    for url, reason in (("/finnes-ikke/", "Siden finnes ikke, eller du har ikke tilgang til den."),
                        ("/rapportering/987654/", "Fant ikke rapporten.")):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404 and "Fant ikke siden" in page and reason in page, url
        assert 'aria-label="Hovedmeny"' in page and "Django" not in page and "URLconf" not in page
    denied = client.get("/rapportering/perioder/")
    assert denied.status_code == 403 and "Bare eierstab kan endre rapporteringsperioder." in denied.content.decode()
    assert client.get("/rapportering")["Location"] == "/rapportering/"
    assert client.get("/api/finnes-ikke/").json() == {"detail": "Siden finnes ikke, eller du har ikke tilgang til den."}
