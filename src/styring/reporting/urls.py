from django.urls import path

from styring.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("perioder/", views.period_list, name="periods"),
    path("perioder/<id:period_pk>/", views.period_edit, name="period_edit"),
    path("perioder/<id:period_pk>/start/", views.start, name="start"),
    path("risiko/<str:code>/", views.risks, name="risks"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/historikk/", views.report_history, name="history"),
    path("<id:pk>/punkt/<id:entry_pk>/", views.save, name="save_entry"),
    path("<id:pk>/punkt/<id:entry_pk>/rediger/", views.entry_editor, name="edit_entry"),
    path("<id:pk>/punkt/<id:entry_pk>/vis/", views.entry_view, name="show_entry"),
    path("vedlegg/<id:entry_pk>/", views.attachment, name="attachment"),
    path("<id:pk>/punkt/<id:entry_pk>/tiltak/", views.measure_add, name="add_measure"),
    path("<id:pk>/punkt/<id:entry_pk>/tiltak/<id:measure_pk>/lukk/", views.measure_close, name="close_measure"),
    path("<id:pk>/<str:step>/", views.step, name="step"),
]
