from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, register_converter

from styring.accounts import views as account_views
from styring.web import views as web_views


class IdConverter:
    """An id in an address: 1–18 digits. A longer number cannot be an id (it would overflow the
    database's integer and give a server error); it is a 404 like any address that does not exist."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")  # before the apps' urls are included: they use <id:pk>

handler400 = "styring.web.errors.bad_request"
handler403 = "styring.web.errors.permission_denied"
handler404 = "styring.web.errors.page_not_found"
handler500 = "styring.web.errors.server_error"

admin.site.site_header = "Styring – administrasjon"
admin.site.site_title = "Styring"

# One URL prefix per stage of the cycle; each app owns its urls.py.
urlpatterns = [
    path("", web_views.home, name="home"),
    # browsers ask for /favicon.ico whatever the page says: send them to the icon (its address has a hash in production)
    path("favicon.ico", lambda request: redirect(static("styring/favicon.svg")), name="favicon"),
    path("logg-inn/", account_views.LoginView.as_view(), name="login"),
    path("logg-ut/", account_views.LogoutView.as_view(), name="logout"),
    path("oidc/", include("mozilla_django_oidc.urls")),  # the provider's redirect URI: /oidc/callback/
    path("organisasjoner/", include("styring.organisations.urls")),
    path("dokumenter/", include("styring.documents.urls")),
    path("krav/", include("styring.requirements.urls")),
    path("indikatorer/", include("styring.indicators.urls")),
    path("rapportering/", include("styring.reporting.urls")),
    path("oppfolging/", include("styring.followup.urls")),
    path("eksport/", include("styring.exports.urls")),
    path("kaskade/", include("styring.cascade.urls")),
    path("sok/", include("styring.search.urls")),
    path("arshjul/", include("styring.yearwheel.urls")),
    path("penger/", include("styring.allocations.urls")),
    path("jobber/", include("styring.jobs.urls")),
    path("api/", include("styring.api.urls")),
    path("", include("styring.web.urls")),
    path("admin/login/", account_views.admin_login),  # the admin's password form only while passwords are on
    path("admin/", admin.site.urls),
]

