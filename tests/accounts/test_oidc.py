"""Sign-in through OpenID Connect, end to end: Styring's live server and a real provider
(django-oidc-provider, ``oidc_provider/``) in a subprocess, driven over plain HTTP like a browser
that follows redirects, with the provider's own login form in between."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth.models import User

from styring.accounts.models import Membership, OIDCIdentity
from styring.accounts.oidc import MESSAGES

pytestmark = [pytest.mark.oidc, pytest.mark.django_db(transaction=True)]

CLIENT_ID, CLIENT_SECRET = "styring-test", "the-clients-secret-0123456789"
ROOT = Path(__file__).resolve().parents[2]  # the checkout: the provider imports tests.accounts.oidc_provider


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def provider(live_server, tmp_path_factory) -> Iterator[str]:
    """The provider's issuer URL; its one client redirects to Styring's live server."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
           "PROVIDER_DB": str(tmp_path_factory.mktemp("provider") / "provider.sqlite3"), "PROVIDER_URL": url,
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    env.pop("DATABASE_URL", None)
    log = tmp_path_factory.mktemp("provider-log") / "provider.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.accounts.oidc_provider.serve", str(port), live_server.url,
             CLIENT_ID, CLIENT_SECRET], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/openid/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the test OIDC provider did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield f"{url}/openid"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def styring(provider, settings, live_server) -> str:
    """Styring's live server, signing in through the provider (local passwords still on)."""
    settings.OIDC_ISSUER = provider
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_ENABLED = True
    settings.OIDC_NAME = "Testleverandøren"
    settings.OIDC_CREATE_USERS = False
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "styring.accounts.oidc.Backend"]
    return live_server.url


class Browser:
    """A requests session that follows redirects one at a time, so a test can read or change each."""

    def __init__(self, styring: str):
        self.styring = styring
        self.http = requests.Session()

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.http.get(url if url.startswith("http") else self.styring + url, allow_redirects=False,
                             timeout=30, **kwargs)

    def to_provider(self, next_url: str = "/") -> str:
        """"Logg inn med …": the address of the provider's authorisation endpoint Styring sends us to."""
        response = self.get(f"/oidc/authenticate/?{urlencode({'next': next_url})}")
        assert response.status_code == 302
        return response.headers["Location"]

    def at_provider(self, authorize: str, username: str) -> str:
        """Sign in at the provider with its login form; returns its redirect back to Styring (the callback
        with code and state)."""
        response = self.get(authorize)
        if response.status_code == 302 and "/login/" in response.headers["Location"]:
            form = self.get(urljoin(authorize, response.headers["Location"]))
            next_url = parse_qs(urlsplit(form.url).query)["next"][0]
            posted = self.http.post(urljoin(authorize, "/login/"), allow_redirects=False, timeout=30, data={
                "csrfmiddlewaretoken": _csrf(form.text), "username": username, "password": "pw-" + username,
                "next": next_url})
            assert posted.status_code == 302, posted.text
            response = self.get(urljoin(authorize, posted.headers["Location"]))
        assert response.status_code == 302, response.text
        callback = response.headers["Location"]
        assert callback.startswith(self.styring + "/oidc/callback/"), callback
        return callback

    def back_to_styring(self, callback: str) -> requests.Response:
        return self.get(callback)

    def sign_in(self, username: str, next_url: str = "/") -> requests.Response:
        return self.back_to_styring(self.at_provider(self.to_provider(next_url), username))

    def page(self, path: str) -> requests.Response:
        response = self.get(path)
        while response.status_code == 302:
            response = self.get(response.headers["Location"])
        return response


def _with_param(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return urlunsplit(parts._replace(query=urlencode(query)))


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def _refused_with(browser: Browser, response: requests.Response, reason: str) -> None:
    assert response.status_code == 302 and response.headers["Location"] == "/logg-inn/", response.headers
    login = browser.page("/logg-inn/")
    assert MESSAGES[reason] in login.text.replace("&#x27;", "'").replace("&quot;", '"')
    assert browser.page("/").url.startswith(browser.styring + "/logg-inn/")  # not signed in


def test_code_flow_with_pkce_signs_in_and_lands_on_the_roles_start_page(styring, settings, make_user):
    kari = make_user("UNN", "reporter", email="Kari.Nordmann@unn.example")
    browser = Browser(styring)
    login = browser.page("/logg-inn/")
    assert "Logg inn med Testleverandøren" in login.text and 'name="password"' in login.text

    authorize = browser.to_provider()
    params = parse_qs(urlsplit(authorize).query)
    assert params["code_challenge_method"] == ["S256"] and len(params["code_challenge"][0]) == 43
    assert params["response_type"] == ["code"] and params["client_id"] == [CLIENT_ID]
    assert params["nonce"][0] and params["state"][0]
    landed = browser.back_to_styring(browser.at_provider(authorize, "kari"))
    assert landed.status_code == 302 and landed.headers["Location"] == "/"
    home = browser.page("/")
    assert home.status_code == 200 and "Rapporter å fylle ut" in home.text and "Du er rapportør i" in home.text
    # linked by the verified e-mail the first time, by the provider's subject from then on
    identity = OIDCIdentity.objects.get(user=kari)
    assert identity.issuer == settings.OIDC_ISSUER and identity.subject
    kari.email = "changed@unn.example"
    kari.save()
    again = Browser(styring)
    assert again.sign_in("kari").headers["Location"] == "/"
    assert "Rapporter å fylle ut" in again.page("/").text
    assert User.objects.count() == 1


def test_the_next_page_is_kept_through_the_provider(styring, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    assert browser.sign_in("kari", next_url="/sok/").headers["Location"] == "/sok/"


def test_a_wrong_state_is_refused(styring, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    callback = browser.at_provider(browser.to_provider(), "kari")
    _refused_with(browser, browser.back_to_styring(_with_param(callback, state="not-the-state-we-sent")), "state")
    assert not OIDCIdentity.objects.exists()


def test_a_callback_is_used_once(styring, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    callback = browser.at_provider(browser.to_provider(), "kari")
    assert browser.back_to_styring(callback).headers["Location"] == "/"
    thief = Browser(styring)  # the same answer again, from another browser: its session never asked
    _refused_with(thief, thief.back_to_styring(callback), "state")


def test_a_wrong_nonce_is_refused(styring, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    authorize = _with_param(browser.to_provider(), nonce="a-nonce-styring-never-made")
    _refused_with(browser, browser.back_to_styring(browser.at_provider(authorize, "kari")), "failed")
    assert not OIDCIdentity.objects.exists()


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(styring, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    authorize = _with_param(browser.to_provider(), code_challenge="A" * 43)  # not the hash of Styring's verifier
    _refused_with(browser, browser.back_to_styring(browser.at_provider(authorize, "kari")), "failed")


def test_a_disabled_user_is_refused(styring, make_user):
    make_user("UNN", "reporter", email="per.sluttet@unn.example", is_active=False)
    browser = Browser(styring)
    _refused_with(browser, browser.sign_in("per"), "disabled")


def test_a_user_disabled_after_linking_is_refused(styring, make_user):
    kari = make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    first = Browser(styring)
    assert first.sign_in("kari").headers["Location"] == "/"
    User.objects.filter(pk=kari.pk).update(is_active=False)
    assert first.page("/").url.startswith(styring + "/logg-inn/")  # the running session ends too
    second = Browser(styring)
    _refused_with(second, second.sign_in("kari"), "disabled")


def test_an_unknown_person_is_refused_unless_accounts_are_created(styring, settings, make_user):
    browser = Browser(styring)
    _refused_with(browser, browser.sign_in("ola"), "unknown")
    assert not User.objects.filter(email="ola.ukjent@unn.example").exists()

    settings.OIDC_CREATE_USERS = True
    browser = Browser(styring)
    assert browser.sign_in("ola").headers["Location"] == "/"
    home = browser.page("/")
    assert "Velkommen, Ola Ukjent" in home.text and "ikke knyttet til en organisasjon" in home.text
    ola = User.objects.get(email="ola.ukjent@unn.example")
    assert not Membership.objects.filter(user=ola).exists() and not ola.has_usable_password()
    assert not ola.is_staff and not ola.is_superuser
    assert OIDCIdentity.objects.filter(user=ola).count() == 1


def test_the_email_is_not_trusted_when_told_not_to(styring, settings, make_user):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    settings.OIDC_MATCH_EMAIL = "never"
    browser = Browser(styring)
    _refused_with(browser, browser.sign_in("kari"), "unknown")


def test_the_login_lockout_holds_for_passwords_and_refused_sign_ins_lock_nobody_out(styring, settings, make_user):
    kari = make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        form = browser.page("/logg-inn/")
        password = kari.raw_password if attempt == settings.AXES_FAILURE_LIMIT else "wrong"
        posted = browser.http.post(styring + "/logg-inn/", allow_redirects=False, timeout=30, data={
            "csrfmiddlewaretoken": _csrf(form.text), "username": kari.username, "password": password})
    assert posted.status_code == 429 and "For mange mislykkede innlogginger" in posted.text  # the right one, too late
    # people the provider vouches for but Styring refuses, all from this one address, lock nobody out
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        stranger = Browser(styring)
        _refused_with(stranger, stranger.sign_in("ola"), "unknown")
    assert browser.sign_in("kari").headers["Location"] == "/"
    assert "Rapporter å fylle ut" in browser.page("/").text


def test_logout_ends_the_local_session(styring, make_user, settings):
    make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    browser = Browser(styring)
    browser.sign_in("kari")
    home = browser.page("/")
    assert "Rapporter å fylle ut" in home.text
    csrf = _csrf(home.text)
    out = browser.http.post(styring + "/logg-ut/", data={"csrfmiddlewaretoken": csrf}, allow_redirects=False,
                            headers={"Referer": styring + "/"}, timeout=30)
    assert out.status_code == 302 and out.headers["Location"] == "/logg-inn/"
    assert browser.page("/").url.startswith(styring + "/logg-inn/")

    settings.OIDC_PROVIDER_LOGOUT = True  # ... and with it on, the provider's session too
    browser.sign_in("kari")
    home = browser.page("/")
    csrf = _csrf(home.text)
    out = browser.http.post(styring + "/logg-ut/", data={"csrfmiddlewaretoken": csrf}, allow_redirects=False,
                            headers={"Referer": styring + "/"}, timeout=30)
    assert out.status_code == 302 and out.headers["Location"].startswith(settings.OIDC_ISSUER + "/end-session")
    query = parse_qs(urlsplit(out.headers["Location"]).query)
    assert query["post_logout_redirect_uri"] == [styring + "/logg-inn/"] and query["id_token_hint"][0]
    assert browser.page("/").url.startswith(styring + "/logg-inn/")


def test_with_local_passwords_off_only_the_provider_signs_in(styring, settings, make_user):
    kari = make_user("UNN", "reporter", email="kari.nordmann@unn.example")
    settings.LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS
                                        if b != "django.contrib.auth.backends.ModelBackend"]
    browser = Browser(styring)
    login = browser.page("/logg-inn/")
    assert "Logg inn med Testleverandøren" in login.text
    assert 'name="password"' not in login.text and 'name="username"' not in login.text
    csrf = browser.http.cookies["csrftoken"]
    posted = browser.http.post(styring + "/logg-inn/", data={"csrfmiddlewaretoken": csrf, "username": kari.username,
                                                            "password": kari.raw_password}, timeout=30,
                               allow_redirects=False, headers={"Referer": styring + "/logg-inn/"})
    assert posted.status_code == 403 and "Innlogging med passord er slått av" in posted.text
    assert browser.page("/").url.startswith(styring + "/logg-inn/")
    token = requests.post(styring + "/api/token/", json={"username": kari.username, "password": kari.raw_password},
                          timeout=30)
    assert token.status_code == 403 and "token" not in token.json()
    assert browser.page("/admin/login/?next=/admin/").url.startswith(styring + "/logg-inn/?next=/admin/")

    assert browser.sign_in("kari").headers["Location"] == "/"
    assert "Rapporter å fylle ut" in browser.page("/").text


def test_the_provider_down_is_said_in_norwegian(settings, live_server, make_user):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{_free_port()}/openid"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_ENABLED = CLIENT_ID, True
    browser = Browser(live_server.url)
    response = browser.get("/oidc/authenticate/")
    assert response.status_code == 302 and response.headers["Location"] == "/logg-inn/"
    assert MESSAGES["unavailable"] in browser.page("/logg-inn/").text
