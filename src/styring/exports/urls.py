from django.urls import path

from styring.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/<int:pk>.docx", views.report_download, name="report_docx"),
    path("rapport/<int:pk>/mal.xlsx", views.report_template_download, name="report_template"),
    path("rapport/<int:pk>/last-opp/", views.report_upload, name="report_upload"),
    path("samlet/<str:code>/<int:period_id>.docx", views.consolidated_download, name="consolidated_docx"),
    path("mal/<str:code>/<int:year>.xlsx", views.template_download, {"fmt": "xlsx"}, name="template_xlsx"),
    path("mal/<str:code>/<int:year>.docx", views.template_download, {"fmt": "docx"}, name="template_docx"),
]
