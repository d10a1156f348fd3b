from django.urls import path

from styring.cascade import views

app_name = "cascade"
urlpatterns = [
    path("", views.rollup_page, name="rollup"),
    path("krav/<id:item_pk>/", views.item_trace, name="trace"),
    path("krav/<id:item_pk>/bruk-utkast/", views.use_draft, name="use_draft"),
    path("krav/<id:item_pk>/regioner/", views.regions, name="regions"),
    path("forslag/", views.suggestions, name="suggestions"),
    path("forslag/<id:link_pk>/", views.decide, name="decide"),
]
