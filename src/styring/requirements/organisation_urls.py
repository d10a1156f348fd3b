"""The organisation pages (``/organisasjoner/``): the register's tree and facts, and the items that
apply to one organisation (they read the access rules and the items, so they stand here, above both)."""
from django.urls import path

from styring.requirements import organisation_views as views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/krav/", views.organisation_items, name="items"),
]
