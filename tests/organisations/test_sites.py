"""Hospitals (sites) in the register, under their trusts."""
from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_lists_a_trusts_hospitals_over_the_api(orgs, make_user, client):
    client.force_login(make_user("UNN", "reader"))
    rows = client.get("/api/organisations/?parent=UNN").json()["results"]
    assert [(r["code"], r["name"], r["kind"], r["owners"]) for r in rows] == [
        ("UNN-HAR", "UNN Harstad", "sykehus", ["UNN"]),
        ("UNN-LYB", "Longyearbyen sykehus", "sykehus", ["UNN"]),
        ("UNN-NAR", "UNN Narvik", "sykehus", ["UNN"]),
        ("UNN-TRO", "UNN Tromsø", "sykehus", ["UNN"]),
    ]
    assert [r["code"] for r in client.get("/api/organisations/?parent=hn&kind=rhf").json()["results"]] == []


@pytest.mark.django_db
def test_hospitals_hang_under_their_trust_in_the_tree(orgs, make_user, client):
    client.force_login(make_user("HN", "owner_staff"))
    page = client.get("/organisasjoner/UNN/").content.decode()
    assert "UNN Tromsø" in page and "Longyearbyen sykehus" in page
    assert orgs["NLSH-BOD"].is_site and not orgs["NLSH"].is_site and not orgs["NLSH-BOD"].is_trust


@pytest.mark.django_db
def test_hospitals_do_not_make_their_trust_an_issuer(orgs, make_user):
    from styring.selectors import issuer_organisations

    assert [o.code for o in issuer_organisations(make_user("HN", "owner_staff"))] == ["HN"]
    assert list(issuer_organisations(make_user("UNN", "owner_staff"))) == []
