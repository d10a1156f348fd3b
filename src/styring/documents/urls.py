from django.urls import path

from styring.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("last-opp/", views.upload, name="upload"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/gjennomgang/", views.review, name="review"),
    path("<id:pk>/bekreft/", views.confirm, name="confirm"),
    path("<id:pk>/ta-med-videre/", views.carry_over, name="carry_over"),
    path("<id:pk>/fil/", views.download, name="download"),
]
