from django.urls import path

from styring.allocations import views

app_name = "allocations"
urlpatterns = [
    path("", views.money, name="money"),
    path("eksport.xlsx", views.export, name="export"),
]
