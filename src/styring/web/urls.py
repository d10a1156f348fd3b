from django.urls import path

from styring.web import views

app_name = "web"
urlpatterns = [
    path("arshjul/", views.calendar, name="calendar"),
]
