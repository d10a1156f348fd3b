"""The locks: login throttling and lockout with an audit admins can read, API tokens hashed with an
expiry and revoked at logout, API throttles, session timeouts, and the security headers."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from styring.accounts.security import SEEN, STARTED

pytestmark = pytest.mark.django_db


def _login(client, user, password):
    return client.post("/logg-inn/", {"username": user.username, "password": password})


def test_five_failed_logins_lock_the_user_out_in_norwegian(client, make_user, settings):
    from axes.models import AccessAttempt, AccessFailureLog

    user = make_user("UNN", "reporter")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user, "feil").status_code == 200  # the form again, with its message
    locked = _login(client, user, "feil")
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    # now even the right password is refused, and nobody is signed in
    assert _login(client, user, user.raw_password).status_code == 429
    assert client.get("/").status_code == 302
    assert AccessAttempt.objects.get(username=user.username).failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert AccessFailureLog.objects.filter(username=user.username).count() >= settings.AXES_FAILURE_LIMIT


def test_a_successful_login_is_recorded_and_admins_can_read_the_audit(client, make_user):
    from axes.models import AccessLog

    user = make_user("UNN", "reporter")
    assert _login(client, user, user.raw_password).status_code == 302
    assert AccessLog.objects.filter(username=user.username).count() == 1
    admin = make_user(None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    for page in ("/admin/axes/accesslog/", "/admin/axes/accessattempt/", "/admin/axes/accessfailurelog/"):
        response = client.get(page)
        assert response.status_code == 200, page
    assert user.username in client.get("/admin/axes/accesslog/").content.decode()


def test_api_tokens_are_hashed_expire_and_are_revoked_at_logout(make_user, settings):
    user = make_user("UNN", "reporter")
    api = APIClient()
    answer = api.post("/api/token/", {"username": user.username, "password": user.raw_password})
    assert answer.status_code == 200
    token = answer.json()["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key) and len(stored.digest) == 128  # SHA-512, not the token
    expiry = dt.datetime.fromisoformat(answer.json()["expiry"].replace("Z", "+00:00"))
    assert expiry - timezone.now() <= settings.REST_KNOX["TOKEN_TTL"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/reports/").status_code == 200

    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert api.get("/api/reports/").status_code == 401  # expired

    second = APIClient()
    second.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    assert second.post("/api/token/logout/").status_code == 204
    assert second.get("/api/reports/").status_code == 401  # revoked

    third = AuthToken.objects.create(user)[1]
    browser = APIClient()
    browser.force_login(user)
    browser.post("/logg-ut/")
    api.credentials(HTTP_AUTHORIZATION=f"Token {third}")
    assert api.get("/api/reports/").status_code == 401  # logging out of the UI revokes the API tokens too


def test_the_token_endpoint_is_throttled_and_locks_out_like_the_login_page(make_user, settings):
    user = make_user("UNN", "reporter")
    api = APIClient()
    statuses = [api.post("/api/token/", {"username": user.username, "password": "feil"}).status_code
                for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    locked = api.post("/api/token/", {"username": user.username, "password": user.raw_password})
    assert locked.status_code == 429 and "For mange mislykkede innlogginger" in locked.json()["detail"]
    other = make_user("FIN", "reporter")
    for _ in range(12):  # the scoped rate (10/min) stops even right answers
        last = api.post("/api/token/", {"username": other.username, "password": other.raw_password})
    assert last.status_code == 429


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def test_an_idle_session_is_logged_out(client, make_user, settings):
    client.force_login(make_user("UNN", "reporter"))
    assert client.get("/").status_code == 200
    _age_session(client, seen=settings.SESSION_IDLE_SECONDS + 5)
    response = client.get("/rapportering/", follow=True)
    assert response.redirect_chain[0][0].startswith("/logg-inn/?next=/rapportering/")
    assert "uten aktivitet" in response.content.decode()
    assert client.get("/").status_code == 302


def test_htmx_gets_a_redirect_to_login_and_an_old_session_ends_anyway(client, make_user, settings):
    client.force_login(make_user("UNN", "reporter"))
    _age_session(client, seen=settings.SESSION_IDLE_SECONDS + 5)
    response = client.get("/krav/", HTTP_HX_REQUEST="true")
    assert response.status_code == 401 and response["HX-Redirect"].startswith("/logg-inn/")
    client.force_login(make_user("FIN", "reporter"))
    _age_session(client, started=settings.SESSION_MAX_SECONDS + 5, seen=10)  # active, but too old
    assert client.get("/").status_code == 302


def test_activity_such_as_autosave_keeps_the_session_alive(client, make_user, settings):
    client.force_login(make_user("UNN", "reporter"))
    _age_session(client, seen=settings.SESSION_IDLE_SECONDS - 30)
    assert client.get("/").status_code == 200  # within the idle time: the clock is reset
    assert int(time.time()) - client.session[SEEN] < 5
    _age_session(client, seen=settings.SESSION_IDLE_SECONDS - 30)
    assert client.get("/").status_code == 200


def test_pages_carry_a_strict_csp_and_the_other_security_headers(client, make_user):
    client.force_login(make_user("UNN", "reporter"))
    response = client.get("/", secure=True)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_inline_script_or_style():
    """What the CSP forbids, none of our templates relies on."""
    import re
    from pathlib import Path

    import styring

    offenders = []
    for template in Path(styring.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=\"|\son[a-z]+=\"|javascript:", text):
            offenders.append(str(template))
    assert offenders == []


def test_many_user_names_from_one_address_are_locked_out(make_user, settings):
    """Beside the lockout of one user name from one address (issue 19: a password spray over many
    names was never throttled)."""
    settings.LOGIN_ADDRESS_FAILURES = 3
    api = APIClient()
    for n in range(3):
        assert api.post("/api/token/", {"username": f"ukjent-{n}", "password": "feil"}).status_code == 400
    user = make_user("UNN", "reporter")  # a name this address never tried, with its right password
    locked = api.post("/api/token/", {"username": user.username, "password": user.raw_password})
    assert locked.status_code == 429 and "For mange mislykkede innlogginger" in locked.json()["detail"]
    other = APIClient(REMOTE_ADDR="10.0.0.9")  # another address is not affected
    assert other.post("/api/token/", {"username": user.username, "password": user.raw_password}).status_code == 200


def test_an_idle_web_session_leaves_the_api_tokens_alone(client, make_user, settings):
    user = make_user("UNN", "reporter")
    token = AuthToken.objects.create(user)[1]
    client.force_login(user)
    _age_session(client, seen=settings.SESSION_IDLE_SECONDS + 5)
    assert client.get("/").status_code == 302  # the session ended
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/reports/").status_code == 200  # the token lives by its own expiry


@pytest.mark.parametrize("trusted,allowed", [("0", ""), ("1", "127.0.0.1,::1")])
def test_gunicorn_trusts_forwarded_headers_only_behind_the_trusted_proxy(monkeypatch, trusted, allowed):
    import importlib

    from gunicorn.config import Config  # type: ignore[import-untyped]

    from styring import gunicorn_conf

    monkeypatch.setenv("STYRING_TRUSTED_PROXY", trusted)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    conf = importlib.reload(gunicorn_conf)
    cfg = Config()
    for name in ("forwarded_allow_ips", "secure_scheme_headers"):
        cfg.set(name, getattr(conf, name))
    assert cfg.forwarded_allow_ips == [ip for ip in allowed.split(",") if ip]
    assert bool(cfg.secure_scheme_headers) == (trusted == "1")  # gunicorn's own default trusts 127.0.0.1
    monkeypatch.undo()
    importlib.reload(gunicorn_conf)
