from django.urls import path

from styring.requirements import views

app_name = "requirements"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("<int:pk>/", views.card, name="card"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/bekreft/", views.confirm, name="confirm"),
    path("<int:pk>/del/", views.split, name="split"),
    path("<int:pk>/slaa-sammen/", views.merge, name="merge"),
    path("<int:pk>/slett/", views.delete, name="delete"),
    path("nytt/<int:document_pk>/", views.add, name="add"),
]
