"""The OpenAPI schema is valid and served; the documentation page lists every endpoint."""
from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/organisations/": {"get"}, "/api/documents/": {"get", "post"}, "/api/items/": {"get"},
    "/api/reports/": {"get", "post"}, "/api/reports/{id}/": {"get"}, "/api/entries/{id}/": {"get", "put", "patch"},
    "/api/reports/{id}/submit/": {"post"}, "/api/reports/{id}/board-approve/": {"post"},
    "/api/reports/{id}/approve/": {"post"}, "/api/reports/{id}/return/": {"post"}, "/api/reports/{id}/docx/": {"get"},
    "/api/reports/{id}/pdf/": {"get"},
    "/api/token/": {"post"}, "/api/token/logout/": {"post"},
    "/api/reports/{id}/reopen/": {"post"}, "/api/measures/": {"get", "post"}, "/api/measures/{id}/close/": {"post"},
    "/api/risks/": {"get", "post"}, "/api/risks/{id}/assess/": {"post"}, "/api/periods/": {"get", "post"},
    "/api/periods/{id}/": {"get", "patch"},
}


def test_generated_schema_validates_and_has_every_endpoint():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    for path, methods in ENDPOINTS.items():
        assert methods <= set(schema["paths"][path]), path
    patch = schema["paths"]["/api/entries/{id}/"]["patch"]
    assert "409" in patch["responses"]
    assert "knoxApiToken" in schema["components"]["securitySchemes"]  # hashed, expiring tokens


def test_spectacular_command_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/reports/{id}/board-approve/" in out.read_text()


def test_schema_and_docs_are_served_without_login(orgs):
    client = APIClient()
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Styrings-API"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    for path in ENDPOINTS:
        assert path in html
    # no asset from another origin (a CSP nonce may hold the letters "cdn" by chance)
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", html), "the docs page loads from another origin"
    assert "cdn." not in html.lower() and "/cdn" not in html.lower()


def test_the_docs_page_speaks_norwegian(orgs):
    """Our own texts on the docs page are Norwegian: titles, summaries, descriptions, sections, paging;
    code docstrings (English) stay out of it."""
    html = APIClient().get("/api/docs/").content.decode()
    assert "Styringssyklusen i spesialisthelsetjenesten" in html
    assert "Last opp (importer) et styringsdokument" in html and 'id="tag-rapportpunkter"' in html
    assert "Hvor mange treff per side" in html
    for english in ("A list's query parameters", "Number of results", "The initial index", "List reports",
                    "One item", "The steering cycle", "Evaluate indicator values", ">organisations<"):
        assert english not in html, english
