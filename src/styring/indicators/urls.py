from django.urls import path

from styring.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.scorecard_page, name="scorecard"),
    path("liste/", views.indicator_list, name="list"),
    path("last-opp/", views.upload, name="upload"),
    path("last-opp/mal.csv", views.upload_template, name="upload-template"),
    path("<str:code>/mal/", views.targets, name="targets"),
    path("<str:code>/<str:org_code>/", views.series_page, name="series"),
]
