"""The register's item pages (``/krav/``): items are read and edited as parts of their documents."""
from django.urls import path

from styring.documents import item_views as views

app_name = "requirements"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("<id:pk>/", views.card, name="card"),
    path("<id:pk>/rediger/", views.edit, name="edit"),
    path("<id:pk>/bekreft/", views.confirm, name="confirm"),
    path("<id:pk>/del/", views.split, name="split"),
    path("<id:pk>/slaa-sammen/", views.merge, name="merge"),
    path("<id:pk>/slett/", views.delete, name="delete"),
    path("nytt/<id:document_pk>/", views.add, name="add"),
    path("endre-flere/<id:document_pk>/", views.bulk_edit, name="bulk_edit"),
]
