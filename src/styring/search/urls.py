from django.urls import path

from styring.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("kilde/<id:pk>/", views.source, name="source"),
]
