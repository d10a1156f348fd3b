from django.urls import path

from styring.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("celle/<id:entry_pk>/", views.cell, name="cell"),
    path("kompletthet/", views.completeness, name="completeness"),
    path("forfalt/", views.overdue_list, name="overdue"),
    path("krav/<id:item_pk>/", views.item_detail, name="item"),
]
