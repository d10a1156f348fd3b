"""The locks around a session: the client's address (for login throttling), session timeouts,
the Permissions-Policy header, and API tokens revoked when their user logs out.

Login throttling and its audit are django-axes' (``settings.AXES_*``); API tokens are
django-rest-knox's (hashed at rest, with an expiry); the Content-Security-Policy is django-csp's.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from styring.accounts.types import AnyUser

STARTED, SEEN = "styring_started_at", "styring_seen_at"
SEEN_RESOLUTION = 60  # seconds: the session is written at most once a minute to record activity


def client_ip(request: HttpRequest) -> str:
    """The client's address: the last hop our own proxy added to X-Forwarded-For when
    ``STYRING_TRUSTED_PROXY`` is on, else the connection's address (a client's header is not trusted)."""
    if settings.TRUSTED_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def start_session(request: HttpRequest) -> None:
    """At login: the clocks of the absolute and the idle timeout start."""
    now = int(time.time())
    request.session[STARTED] = request.session[SEEN] = now


class SessionTimeoutMiddleware:
    """Log out after ``SESSION_IDLE_SECONDS`` without a request, or ``SESSION_MAX_SECONDS`` after login.

    Any request counts as activity, the report page's autosave included, so someone typing stays
    signed in. A page request is sent to the login page with a message; an htmx request gets 401 with
    ``HX-Redirect`` (htmx then loads the login page); an API request goes on unauthenticated (401)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            started = request.session.setdefault(STARTED, now)
            seen = request.session.setdefault(SEEN, now)
            idle, too_old = now - seen > settings.SESSION_IDLE_SECONDS, now - started > settings.SESSION_MAX_SECONDS
            if idle or too_old:
                request._styring_session_expired = True  # type: ignore[attr-defined]  # tokens live on (on_logout)
                logout(request)
                return self._logged_out(request, idle)
            if now - seen >= SEEN_RESOLUTION:
                request.session[SEEN] = now
        return self.get_response(request)

    def _logged_out(self, request: HttpRequest, idle: bool) -> HttpResponse:
        if request.path.startswith("/api/"):
            return self.get_response(request)
        minutes = settings.SESSION_IDLE_SECONDS // 60
        messages.info(request, f"Du ble logget ut etter {minutes} minutter uten aktivitet. Logg inn igjen."
                      if idle else "Økten var for gammel, og du ble logget ut. Logg inn igjen.")
        login = f"{reverse('login')}?next={request.get_full_path()}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse("Du er logget ut.", status=401)
            response["HX-Redirect"] = login
            return response
        return redirect(login)


class PermissionsPolicyMiddleware:
    """The browser features Styring never uses are switched off (``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def on_login(sender: type, request: HttpRequest | None, user: AnyUser, **kwargs) -> None:
    """A session login starts the session's clocks (an API token login has no session)."""
    if request is not None and hasattr(request, "session") and not request.path.startswith("/api/"):
        start_session(request)


def on_logout(sender: type, request: HttpRequest | None, user: AnyUser, **kwargs) -> None:
    """Logging out revokes the user's API tokens too; a session that timed out does not (a token
    lives by its own expiry, ``STYRING_API_TOKEN_HOURS``)."""
    from knox.models import AuthToken

    if getattr(request, "_styring_session_expired", False):
        return
    if user is not None:
        AuthToken.objects.filter(user=user).delete()


class AddressLimitBackend:
    """Beside django-axes' lockout of one user name from one address: one address that fails with
    many user names (``STYRING_LOGIN_ADDRESS_FAILURES`` within the lockout time, counted from axes'
    own records) is locked out the same way (429 in Norwegian), whatever name it tries next.
    Listed after axes' backend in ``AUTHENTICATION_BACKENDS``; it never logs anyone in."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: object) -> None:
        limit = settings.LOGIN_ADDRESS_FAILURES
        if request is None or not limit or is_oidc_callback(request, kwargs):
            return
        import datetime as dt

        from axes.exceptions import AxesBackendPermissionDenied
        from axes.models import AccessAttempt
        from django.db.models import Sum
        from django.utils import timezone

        since = timezone.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
        failures = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start"))["n"] or 0
        if failures >= limit:
            request.axes_locked_out = True  # type: ignore[attr-defined]  # axes' middleware answers 429
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        # nobody is logged in here; and no get_user: no session is this backend's (force_login takes the first with one)
        return


def is_oidc_callback(request: HttpRequest | None, credentials: dict[str, object] | None = None) -> bool:
    """An OpenID Connect sign-in (``accounts.oidc``: its callback authenticates with the ``nonce``), not
    a password: axes neither locks it nor counts its refusals (``AXES_WHITELIST_CALLABLE``). Everyone
    behind one address shares the empty user name of such an attempt, so five refused people would
    otherwise lock everyone out; the provider guards its own login, and the state, nonce and PKCE
    checks make a guessed callback worthless."""
    return credentials is not None and "nonce" in credentials


def lockout(request: HttpRequest, original_response: HttpResponse | None = None,
            credentials: dict[str, object] | None = None) -> HttpResponse:
    """What a locked-out login gets (``AXES_LOCKOUT_CALLABLE``): 429, in Norwegian; JSON for the API."""
    from django.http import JsonResponse
    from django.shortcuts import render

    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    message = (f"For mange mislykkede innlogginger med dette brukernavnet. Prøv igjen om {minutes} minutter, "
               "eller kontakt brukerstøtte.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
