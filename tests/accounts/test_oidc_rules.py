"""The rules of the OpenID Connect sign-in that need no provider: which account a person is, what an
ID token must say, the client assertion of ``private_key_jwt``, and local passwords switched off.
(The whole flow against a real provider: ``test_oidc.py``, ``make test-oidc``.)"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from styring.accounts import oidc
from styring.accounts.models import OIDCIdentity
from styring.accounts.oidc import MESSAGES, Backend, Refused

ISSUER, CLIENT, SECRET = "https://idp.example/tenant", "styring", "a-secret-of-at-least-32-bytes-0123456789"


@pytest.fixture
def configured(settings):
    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = ISSUER, CLIENT, SECRET
    settings.OIDC_ENDPOINTS = {"authorization_endpoint": f"{ISSUER}/authorize", "token_endpoint": f"{ISSUER}/token",
                               "userinfo_endpoint": "", "jwks_uri": f"{ISSUER}/jwks", "end_session_endpoint": ""}
    settings.OIDC_ENABLED, settings.OIDC_CREATE_USERS, settings.OIDC_MATCH_EMAIL = True, False, "verified"
    settings.OIDC_CLAIM = "sub"
    # as if the discovery document had been read (no userinfo endpoint: the ID token's claims only)
    oidc._discovery.update(issuer=ISSUER, at=time.monotonic(), document={"issuer": ISSUER})
    yield settings
    oidc._discovery.update(issuer="", at=0.0, document={})


def _claims(**extra):
    return {"iss": ISSUER, "aud": CLIENT, "sub": "person-1", "exp": int(time.time()) + 60, **extra}


def test_a_person_is_found_by_verified_email_then_by_the_link(configured, make_user):
    kari = make_user("UNN", "reporter", email="kari@unn.example")
    backend = Backend()
    assert backend.get_or_create_user("", "", _claims(email="KARI@unn.example", email_verified=True)) == kari
    assert OIDCIdentity.objects.get(issuer=ISSUER, subject="person-1").user == kari
    kari.email = "someone.else@unn.example"
    kari.save()
    assert backend.get_or_create_user("", "", _claims()) == kari  # the link, whatever the e-mail says


@pytest.mark.parametrize("policy, verified, found", [
    ("verified", False, False), ("verified", "true", True), ("always", False, True), ("never", True, False)])
def test_which_emails_are_trusted(configured, make_user, policy, verified, found):
    kari = make_user("UNN", "reporter", email="kari@unn.example")
    configured.OIDC_MATCH_EMAIL = policy
    claims = _claims(email="kari@unn.example", email_verified=verified)
    if found:
        assert Backend().get_or_create_user("", "", claims) == kari
    else:
        with pytest.raises(Refused) as refused:
            Backend().get_or_create_user("", "", claims)
        assert refused.value.reason == "unknown" and not OIDCIdentity.objects.exists()


def test_an_email_shared_by_two_accounts_or_taken_by_another_person_is_not_matched(configured, make_user):
    make_user("UNN", "reporter", email="felles@unn.example")
    other = make_user("UNN", "approver", email="felles@unn.example")
    with pytest.raises(Refused) as refused:
        Backend().get_or_create_user("", "", _claims(email="felles@unn.example", email_verified=True))
    assert refused.value.reason == "ambiguous" and MESSAGES["ambiguous"]
    # an account linked to one person at this issuer is not handed to another by its e-mail
    kari = make_user("UNN", "reporter", email="kari@unn.example")
    OIDCIdentity.objects.create(user=kari, issuer=ISSUER, subject="the-real-kari")
    with pytest.raises(Refused):
        Backend().get_or_create_user("", "", _claims(sub="an-impostor", email="kari@unn.example", email_verified=True))
    assert OIDCIdentity.objects.filter(user=kari).count() == 1 and other.oidc_identities.count() == 0


def test_the_identifying_claim_is_configurable_and_required(configured, make_user):
    kari = make_user("UNN", "reporter", email="kari@unn.example")
    configured.OIDC_CLAIM = "oid"
    with pytest.raises(Refused) as refused:
        Backend().get_or_create_user("", "", _claims(email="kari@unn.example", email_verified=True))
    assert refused.value.reason == "no_claim"
    assert Backend().get_or_create_user("", "", _claims(oid="0a1b", email="kari@unn.example", email_verified=True)) == kari
    assert OIDCIdentity.objects.get(user=kari).subject == "0a1b"


def test_a_created_account_has_no_role_no_password_and_a_free_username(configured, make_user):
    make_user(None, username="kari")
    configured.OIDC_CREATE_USERS = True
    user = Backend().get_or_create_user("", "", _claims(preferred_username="kari", given_name="Kari",
                                                        family_name="Nordmann", email="kari@unn.example"))
    assert user.username == "kari-2" and user.get_full_name() == "Kari Nordmann"
    assert not user.has_usable_password() and not user.is_staff and not hasattr(user, "membership")


@pytest.mark.parametrize("change, ok", [({}, True), ({"iss": "https://evil.example"}, False),
                                         ({"aud": "another-client"}, False), ({"aud": ["x", CLIENT]}, True),
                                         ({"nonce": "not-ours"}, False), ({"exp": int(time.time()) - 600}, False)])
def test_the_id_token_must_be_for_us_from_our_issuer_with_our_nonce(configured, change, ok):
    configured.OIDC_RP_SIGN_ALGO = "HS256"  # signed with the client secret: no JWKS needed here
    token = jwt.encode(_claims(nonce="ours") | change, SECRET, algorithm="HS256")
    if ok:
        assert Backend().verify_token(token, nonce="ours")["sub"] == "person-1"
    else:
        with pytest.raises((SuspiciousOperation, jwt.PyJWTError)):
            Backend().verify_token(token, nonce="ours")


def test_private_key_jwt_sends_a_signed_assertion_instead_of_the_secret(configured, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = tmp_path / "client.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    received: dict = {}

    class Token(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            received.update(parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            body = json.dumps({"access_token": "a", "id_token": "b"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Token)
    threading.Thread(target=server.handle_request, daemon=True).start()
    token_endpoint = f"http://127.0.0.1:{server.server_port}/token"
    configured.OIDC_ENDPOINTS = {**configured.OIDC_ENDPOINTS, "token_endpoint": token_endpoint}
    configured.OIDC_PRIVATE_KEY_FILE, configured.OIDC_PRIVATE_KEY_ID = str(pem), "key-1"
    try:
        answer = Backend().get_token({"client_id": CLIENT, "client_secret": SECRET, "grant_type": "authorization_code",
                                      "code": "c", "redirect_uri": "https://styring.example/oidc/callback/"})
    finally:
        server.server_close()
    assert answer == {"access_token": "a", "id_token": "b"}
    assert "client_secret" not in received and received["code"] == ["c"]
    assert received["client_assertion_type"] == ["urn:ietf:params:oauth:client-assertion-type:jwt-bearer"]
    assertion = received["client_assertion"][0]
    assert jwt.get_unverified_header(assertion)["kid"] == "key-1"
    claims = jwt.decode(assertion, key.public_key(), algorithms=["RS256"], audience=token_endpoint)
    assert claims["iss"] == claims["sub"] == CLIENT and claims["exp"] - claims["iat"] <= 60 and claims["jti"]


def test_with_local_passwords_off_no_password_is_checked(configured, client, make_user):
    kari = make_user("UNN", "reporter")
    configured.LOCAL_LOGIN = False
    configured.OIDC_NAME = "HelseID"
    configured.AUTHENTICATION_BACKENDS = [b for b in configured.AUTHENTICATION_BACKENDS if not b.endswith("ModelBackend")]
    page = client.get("/logg-inn/")
    assert "Logg inn med HelseID" in page.content.decode() and b'name="password"' not in page.content
    refused = client.post("/logg-inn/", {"username": kari.username, "password": kari.raw_password})
    assert refused.status_code == 403 and "_auth_user_id" not in client.session
    assert "Innlogging med passord er slått av. Bruk «Logg inn med HelseID»." in refused.content.decode()
    token = client.post("/api/token/", {"username": kari.username, "password": kari.raw_password},
                        content_type="application/json")
    assert token.status_code == 403 and "token" not in token.json()
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/logg-inn/?next=/admin/"


def test_with_local_passwords_on_the_form_stays_and_the_button_shows_only_when_configured(client, settings):
    settings.OIDC_ENABLED = False
    page = client.get("/logg-inn/").content.decode()
    assert 'name="password"' in page and "Logg inn med" not in page
    settings.OIDC_ENABLED, settings.OIDC_NAME = True, "Entra ID"
    page = client.get("/logg-inn/?next=/sok/").content.decode()
    assert 'name="password"' in page and 'href="/oidc/authenticate/?next=/sok/"' in page
    assert client.get("/admin/login/").status_code == 200  # the admin's own form while passwords are on
