from django.urls import path

from styring.exports import background, views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/<id:pk>.docx", views.report_download, name="report_docx"),
    path("rapport/<id:pk>.pdf", views.report_pdf_download, name="report_pdf"),
    path("rapport/<id:pk>/mal.xlsx", views.report_template_download, name="report_template"),
    path("rapport/<id:pk>/last-opp/", views.report_upload, name="report_upload"),
    path("samlet/<str:code>/<id:period_id>.docx", views.consolidated_download, {"fmt": "docx"}, name="consolidated_docx"),
    path("samlet/<str:code>/<id:period_id>.pdf", views.consolidated_download, {"fmt": "pdf"}, name="consolidated_pdf"),
    path("samlet/<str:code>/<id:period_id>/lag/", background.consolidated_start, name="consolidated_start"),
    path("mal/<str:code>/<id:year>/lag/", background.template_start, name="template_start"),
    path("mal/<str:code>/<id:year>.xlsx", views.template_download, {"fmt": "xlsx"}, name="template_xlsx"),
    path("mal/<str:code>/<id:year>.docx", views.template_download, {"fmt": "docx"}, name="template_docx"),
]
