"""Input no view may ever see: a NUL character anywhere (PostgreSQL cannot take one: 13 addresses
were a 500 there) and JSON nested deeper than any input of ours (Python's parser runs out of stack).
One gate refuses both with a Norwegian 400, for every address, parameter and body."""
from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

NUMERIC = {"id", "int"}


def _routes(patterns=None, prefix=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            if isinstance(p.pattern, RoutePattern):
                yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p.pattern, RoutePattern):
            yield prefix + str(p.pattern)


def _addresses():
    """Every address with a text parameter, once for each such parameter with a NUL in it."""
    out = []
    for route in _routes():
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        for n, (converter, _name) in enumerate(params):
            if converter in NUMERIC:
                continue
            values = iter(["x\x00" if i == n else ("1" if c in NUMERIC else "x") for i, (c, _) in enumerate(params)])
            out.append("/" + re.sub(r"<(?:\w+:)?\w+>", lambda _m: next(values), route))  # noqa: B023
    return out


ADDRESSES = _addresses()


def test_the_walk_finds_the_addresses_with_a_text_parameter():
    assert "/arshjul/kalender/x\x00.ics" in ADDRESSES and "/organisasjoner/x\x00/" in ADDRESSES
    assert len(ADDRESSES) > 20


@pytest.fixture
def clients(make_user):
    anonymous, admin = Client(raise_request_exception=False), Client(raise_request_exception=False)
    admin.force_login(make_user(None, None, is_staff=True, is_superuser=True))
    return {"anonymous": anonymous, "admin": admin}


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_nul_in_any_address_parameter_is_a_400(address, clients):
    response = clients["admin"].get(address)  # who may reach every address
    assert response.status_code == 400, (address, response.status_code)
    assert "ugyldig tegn" in response.content.decode()


def test_a_nul_in_the_anonymous_calendar_address_is_a_400(clients):
    response = clients["anonymous"].get("/arshjul/kalender/%00.ics")
    assert response.status_code == 400 and "ugyldig tegn" in response.content.decode()


def test_a_nul_in_a_query_parameter_or_a_form_field_is_a_400(clients):
    admin = clients["admin"]
    assert admin.get("/sok/", {"q": "venteti\x00d"}).status_code == 400
    assert admin.get("/krav/", {"mottaker\x00": "UNN"}).status_code == 400
    response = admin.post("/indikatorer/last-opp/", {"x": "a\x00"})
    assert response.status_code == 400 and "ugyldig tegn" in response.content.decode()


def test_a_nul_in_json_is_a_norwegian_400(api):
    client = api("HN", "owner_staff")
    client.raise_request_exception = False
    response = client.post("/api/periods/", {"issuer": "HN\x00", "kind": "tertial", "year": 2025}, format="json")
    assert response.status_code == 400 and "ugyldig tegn" in response.json()["detail"]


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_also_anonymously_on_the_token_address():
    client = Client(raise_request_exception=False)
    deep = "[" * 100_000 + "]" * 100_000
    for body in (deep, json.dumps({"username": "a", "password": json.loads("[" * 40 + "]" * 40)})):
        response = client.post("/api/token/", body, content_type="application/json")
        assert response.status_code == 400, response.content[:200]
        assert "nestet for dypt" in response.json()["detail"]


def test_a_deep_json_body_is_refused_for_a_signed_in_user_too(api):
    client = api("UNN", "reporter")
    client.raise_request_exception = False
    body = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post("/api/risks/", body, content_type="application/json")
    assert response.status_code == 400 and "nestet for dypt" in response.json()["detail"]
