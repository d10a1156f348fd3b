"""Sign-in through the organisation's OpenID Connect provider (Microsoft Entra ID, HelseID,
ID-porten, …), on mozilla-django-oidc.

The flow is the authorisation code with PKCE (S256), state and nonce; the ID token's signature
(the provider's JWKS), issuer, audience, expiry and nonce are checked. The provider's endpoints come
from its discovery document (``STYRING_OIDC_ISSUER`` + ``/.well-known/openid-configuration``, read on
first use and kept for an hour) unless given one by one (``STYRING_OIDC_*_ENDPOINT``).

A person is the value of one claim (``STYRING_OIDC_CLAIM``, ``sub`` by default) at one issuer,
linked to a Styring account by :class:`~styring.accounts.models.OIDCIdentity`. The first time, the
account is found by e-mail (only a verified one unless ``STYRING_OIDC_MATCH_EMAIL=always``), or
created without any role (``STYRING_OIDC_CREATE_USERS=1``); otherwise the person is refused with a
Norwegian message. A disabled account is refused. An administrator gives roles as for any account.
"""
from __future__ import annotations

import logging
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from styring.accounts.models import OIDCIdentity

log = logging.getLogger(__name__)

# What a person is told, in one place.
MESSAGES = {
    "unknown": "Du har ingen bruker i Styring. Be en administrator i virksomheten din om tilgang.",
    "disabled": "Brukeren din i Styring er deaktivert. Kontakt en administrator.",
    "ambiguous": "Flere brukere i Styring har samme e-postadresse. Kontakt en administrator.",
    "no_claim": "Innloggingstjenesten sendte ikke det som identifiserer deg. Kontakt brukerstøtte.",
    "state": "Innloggingen kunne ikke bekreftes (ukjent eller brukt forespørsel). Prøv igjen.",
    "failed": "Innloggingen kunne ikke bekreftes. Prøv igjen, eller kontakt brukerstøtte.",
    "cancelled": "Innloggingen ble avbrutt hos innloggingstjenesten.",
    "unavailable": "Innloggingstjenesten svarer ikke nå. Prøv igjen om litt.",
    "local_off": "Innlogging med passord er slått av. Bruk «Logg inn med {name}».",
}

DISCOVERY_SECONDS = 3600
_discovery: dict[str, Any] = {"issuer": "", "at": 0.0, "document": {}}

# mozilla-django-oidc's names of the endpoints → the discovery document's
ENDPOINT_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    """The discovery document could not be read."""


class Refused(Exception):
    """The provider vouched for the person, but Styring does not let them in (a key of MESSAGES)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def discovery() -> dict[str, Any]:
    """The provider's discovery document, read once an hour (per process)."""
    if not settings.OIDC_ISSUER:
        return {}
    if (_discovery["issuer"] != settings.OIDC_ISSUER or not _discovery["document"]
            or time.monotonic() - _discovery["at"] > DISCOVERY_SECONDS):
        url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(f"{url}: {exc}") from exc
        if document.get("issuer", "").rstrip("/") != settings.OIDC_ISSUER:
            raise ProviderUnavailable(f"{url} names another issuer: {document.get('issuer')!r}")
        _discovery.update(issuer=settings.OIDC_ISSUER, at=time.monotonic(), document=document)
    return _discovery["document"]


def endpoint(name: str) -> str:
    """One of the provider's endpoints: the one set explicitly, else the discovery document's."""
    return settings.OIDC_ENDPOINTS.get(name) or discovery().get(name, "")


def oidc_setting(attr: str, *default: Any) -> Any:  # noqa: ANN401 - any of mozilla-django-oidc's settings
    """mozilla-django-oidc's settings, with the endpoints from :func:`endpoint`."""
    if attr in ENDPOINT_SETTINGS:
        return endpoint(ENDPOINT_SETTINGS[attr]) or None
    return import_from_settings(attr, *default)


def issuer() -> str:
    return settings.OIDC_ISSUER or discovery().get("issuer", "")


def client_assertion(token_endpoint: str) -> str:
    """A signed JWT that proves the client (``private_key_jwt``, RFC 7523; HelseID requires it):
    signed with the private key in ``STYRING_OIDC_PRIVATE_KEY_FILE`` (PEM), valid for a minute."""
    with open(settings.OIDC_PRIVATE_KEY_FILE, "rb") as key_file:
        key = key_file.read()
    now = int(time.time())
    audience = settings.OIDC_ASSERTION_AUDIENCE or token_endpoint
    claims = {"iss": settings.OIDC_RP_CLIENT_ID, "sub": settings.OIDC_RP_CLIENT_ID, "aud": audience,
              "jti": str(uuid.uuid4()), "iat": now, "nbf": now, "exp": now + 60}
    headers = {"kid": settings.OIDC_PRIVATE_KEY_ID} if settings.OIDC_PRIVATE_KEY_ID else None
    return jwt.encode(claims, key, algorithm="RS256", headers=headers)


def _truthy(value: object) -> bool:
    return value is True or str(value).strip().lower() == "true"


class Backend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, reading the endpoints when it signs someone in (not each time
    Django loads a session's user), checking issuer and audience, and matching people by
    :class:`OIDCIdentity`. A refusal is kept on the request for :class:`CallbackView` to say."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: endpoint("token_endpoint"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: endpoint("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: endpoint("jwks_uri") or None)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    # A session's user is loaded as Django's own backend does: a disabled account's session ends.
    get_user = ModelBackend.get_user

    def authenticate(self, request: Any, **kwargs: object) -> User | None:  # noqa: ANN401 - the request carries the refusal
        if request is None or "nonce" not in kwargs:  # only the callback signs in through the provider
            return None
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            log.info("OIDC sign-in refused: %s", refusal.reason)
            request.styring_oidc_refusal = refusal.reason
        except ProviderUnavailable as exc:
            log.warning("OIDC provider unavailable: %s", exc)
            request.styring_oidc_refusal = "unavailable"
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, KeyError, ValueError) as exc:
            log.warning("OIDC sign-in failed: %s", exc)
            request.styring_oidc_refusal = "failed"
        return None

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        if settings.OIDC_PRIVATE_KEY_FILE:  # private_key_jwt instead of the secret
            payload.pop("client_secret", None)
            payload["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            payload["client_assertion"] = client_assertion(self.OIDC_OP_TOKEN_ENDPOINT)
        return super().get_token(payload)

    def verify_token(self, token: str, **kwargs: object) -> dict[str, Any]:
        payload = super().verify_token(token, **kwargs)
        expected = issuer()
        if expected and str(payload.get("iss", "")).rstrip("/") != expected.rstrip("/"):
            raise SuspiciousOperation(f"ID token from another issuer: {payload.get('iss')!r}")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"ID token for another audience: {audience!r}")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            info = self.get_userinfo(access_token, id_token, payload)
            if info.get("sub") not in (None, payload.get("sub")):
                raise SuspiciousOperation("The userinfo is about someone else")
            claims.update(info)
        subject = claims.get(settings.OIDC_CLAIM)
        if subject in (None, "") or isinstance(subject, dict | list):
            raise Refused("no_claim")
        at = str(payload.get("iss") or issuer())
        identity = OIDCIdentity.objects.select_related("user").filter(issuer=at, subject=str(subject)).first()
        user: User | None = identity.user if identity is not None else self.by_email(claims, at)
        if user is None:  # neither linked nor found by e-mail
            if not settings.OIDC_CREATE_USERS:
                raise Refused("unknown")
            user = self.create_user(claims)
        if not user.is_active:
            raise Refused("disabled")
        if identity is None:
            OIDCIdentity.objects.create(user=user, issuer=at, subject=str(subject))
        return user

    def by_email(self, claims: dict[str, Any], at: str) -> User | None:
        """The one account with the person's e-mail, if the provider's e-mail is to be trusted and no
        other person at this issuer is linked to that account already."""
        email = str(claims.get("email") or "").strip()
        policy = settings.OIDC_MATCH_EMAIL
        if not email or policy == "never" or (policy != "always" and not _truthy(claims.get("email_verified"))):
            return None
        users = list(self.UserModel.objects.filter(email__iexact=email).exclude(oidc_identities__issuer=at)[:2])
        if len(users) > 1:
            raise Refused("ambiguous")
        return users[0] if users else None

    def create_user(self, claims: dict[str, Any]) -> User:
        """A new account without any role: an administrator gives it one."""
        base = str(claims.get("preferred_username") or claims.get("email") or claims.get(settings.OIDC_CLAIM))[:140]
        username, n = base, 1
        while self.UserModel.objects.filter(username__iexact=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = self.UserModel(username=username, email=str(claims.get("email") or "")[:254],
                              first_name=str(claims.get("given_name") or "")[:150],
                              last_name=str(claims.get("family_name") or "")[:150])
        user.set_unusable_password()
        user.save()
        return user


class AuthenticationRequestView(OIDCAuthenticationRequestView):
    """"Logg inn med …": to the provider with state, nonce and the PKCE challenge."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: object) -> None:
        View.__init__(self, **kwargs)

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: endpoint("authorization_endpoint"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except ProviderUnavailable as exc:
            log.warning("OIDC provider unavailable: %s", exc)
            messages.error(request, MESSAGES["unavailable"])
            return redirect("login")


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: an unknown state, a wrong nonce, a failed code exchange or a refused
    person is sent back to the login page with a Norwegian message, not signed in."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # the state is not one this session started
            log.warning("OIDC callback refused: %s", exc)
            request.styring_oidc_refusal = "state"  # type: ignore[attr-defined]
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        request = self.request
        reason = getattr(request, "styring_oidc_refusal", None)
        if reason is None:
            reason = "cancelled" if request.GET.get("error") else "state" if "state" in request.GET else "failed"
        messages.error(request, MESSAGES[reason])
        return HttpResponseRedirect(reverse("login"))


def provider_logout_url(request: HttpRequest, id_token: str) -> str | None:
    """Where to send the browser to end the provider's session too (``STYRING_OIDC_PROVIDER_LOGOUT``)."""
    try:
        end_session = endpoint("end_session_endpoint")
    except ProviderUnavailable:
        return None
    if not (settings.OIDC_PROVIDER_LOGOUT and end_session and id_token):
        return None
    query = urlencode({"id_token_hint": id_token, "client_id": settings.OIDC_RP_CLIENT_ID,
                       "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))})
    return f"{end_session}?{query}"
