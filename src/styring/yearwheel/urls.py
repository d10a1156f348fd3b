from django.urls import path

from styring.yearwheel import views

app_name = "yearwheel"
urlpatterns = [
    path("", views.year_wheel, name="wheel"),
    path("abonnement/ny/", views.renew, name="renew"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
