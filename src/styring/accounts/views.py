"""The login and logout pages: Django's, with "Logg inn med …" (OpenID Connect) beside or instead of
the password form (``STYRING_LOCAL_LOGIN=0``), and the provider's logout after ours when configured."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from styring.accounts.oidc import MESSAGES, provider_logout_url


def local_login_off_message() -> str:
    return MESSAGES["local_off"].format(name=settings.OIDC_NAME)


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: object) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "local_login": settings.LOCAL_LOGIN, "oidc_enabled": settings.OIDC_ENABLED, "oidc_name": settings.OIDC_NAME,
        }

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not settings.LOCAL_LOGIN:  # no password is checked, whatever is sent
            context = self.get_context_data(password_refused=local_login_off_message())
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Ends the session here (and revokes the user's API tokens, ``security.on_logout``); with
    ``STYRING_OIDC_PROVIDER_LOGOUT=1`` the browser then goes on to the provider's logout."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        id_token = request.session.get("oidc_id_token", "")
        response = super().post(request, *args, **kwargs)
        provider = provider_logout_url(request, id_token) if id_token else None
        return HttpResponseRedirect(provider) if provider else response


def admin_login(request: HttpRequest) -> HttpResponse:
    """With local passwords off, the admin's own password form is not offered: the login page is."""
    if settings.LOCAL_LOGIN:
        return admin.site.login(request)
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{reverse('login')}?{query}" if query else reverse("login"))
