from django.urls import path

from styring.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("last-opp/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gjennomgang/", views.review, name="review"),
    path("<int:pk>/bekreft/", views.confirm, name="confirm"),
    path("<int:pk>/ta-med-videre/", views.carry_over, name="carry_over"),
    path("<int:pk>/fil/", views.download, name="download"),
]
