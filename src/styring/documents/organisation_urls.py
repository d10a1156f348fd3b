"""The organisation pages (``/organisasjoner/``): the register's tree and facts, and the items that
apply to one organisation (read from the documents, so the routes live here, above both)."""
from django.urls import path

from styring.documents import item_views
from styring.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/krav/", item_views.organisation_items, name="items"),
]
