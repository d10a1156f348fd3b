from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from styring.web import views as web_views

admin.site.site_header = "Styring – administrasjon"
admin.site.site_title = "Styring"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisasjoner/", include("styring.organisations.urls")),
    path("", include("styring.web.urls")),
    path("admin/", admin.site.urls),
]
