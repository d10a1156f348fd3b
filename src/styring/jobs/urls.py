from django.urls import path

from styring.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/status/", views.status, name="status"),
    path("<id:pk>/fil/", views.download, name="download"),
]
