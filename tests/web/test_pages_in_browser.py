"""Every page of the shell in headless Chromium: it renders, and axe-core finds no violation."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/organisasjoner/", "/organisasjoner/UNN/", "/organisasjoner/UNN/krav/", "/indikatorer/", "/arshjul/"]


def test_login_page_is_accessible(page, orgs, assert_accessible):
    page.goto("/logg-inn/")
    assert page.locator("h1").inner_text() == "Logg inn"
    assert_accessible(page)


def test_wrong_password_gives_norwegian_message(page, make_user, assert_accessible):
    user = make_user("UNN", "reader")
    page.goto("/logg-inn/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "feil")
    page.click("button[type=submit]")
    assert "Feil brukernavn eller passord" in page.locator("[role=alert]").inner_text()
    assert_accessible(page, "login with error")


def test_owner_logs_in_and_sees_tree_and_every_page_is_accessible(page, make_user, login, assert_accessible):
    owner = make_user("HN", "owner_staff", first_name="Eirik", last_name="Eier")
    login(owner)
    assert "Helse Nord RHF" in page.locator("header").inner_text()
    nav = page.get_by_role("navigation", name="Hovedmeny")
    for label in ("Dokumenter", "Krav", "Rapportering", "Indikatorer", "Årshjul"):
        if nav.get_by_role("link", name=label).count():
            assert nav.get_by_role("link", name=label).is_visible()
    for url in PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page, url)
    page.goto("/organisasjoner/")
    tree = page.get_by_role("list", name="Organisasjonstre")
    assert tree.get_by_role("link", name="Helse Nord RHF").count() == 1
    assert tree.get_by_role("link", name="Sykehusbygg HF").count() == 4  # under each of its four owners
    tree.get_by_role("link", name="Universitetssykehuset Nord-Norge HF").click()
    assert page.locator("h1").inner_text() == "Universitetssykehuset Nord-Norge HF"


def test_reader_cannot_open_another_trusts_register(page, make_user, login):
    login(make_user("UNN", "reader"))
    assert page.goto("/organisasjoner/FIN/krav/").status == 404
    assert page.goto("/organisasjoner/UNN/krav/").status == 200
