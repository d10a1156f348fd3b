from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from styring.web import views as web_views

admin.site.site_header = "Styring – administrasjon"
admin.site.site_title = "Styring"

# One URL prefix per stage of the cycle; each app owns its urls.py.
urlpatterns = [
    path("", web_views.home, name="home"),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisasjoner/", include("styring.organisations.urls")),
    path("dokumenter/", include("styring.documents.urls")),
    path("krav/", include("styring.requirements.urls")),
    path("rapportering/", include("styring.reporting.urls")),
    path("oppfolging/", include("styring.followup.urls")),
    path("eksport/", include("styring.exports.urls")),
    path("api/", include("styring.api.urls")),
    path("", include("styring.web.urls")),
    path("admin/", admin.site.urls),
]
