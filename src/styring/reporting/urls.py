from django.urls import path

from styring.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("perioder/", views.period_list, name="periods"),
    path("perioder/<int:period_pk>/", views.period_edit, name="period_edit"),
    path("perioder/<int:period_pk>/start/", views.start, name="start"),
    path("risiko/<str:code>/", views.risks, name="risks"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/historikk/", views.report_history, name="history"),
    path("<int:pk>/punkt/<int:entry_pk>/", views.save, name="save_entry"),
    path("<int:pk>/punkt/<int:entry_pk>/rediger/", views.entry_editor, name="edit_entry"),
    path("<int:pk>/punkt/<int:entry_pk>/vis/", views.entry_view, name="show_entry"),
    path("vedlegg/<int:entry_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/punkt/<int:entry_pk>/tiltak/", views.measure_add, name="add_measure"),
    path("<int:pk>/punkt/<int:entry_pk>/tiltak/<int:measure_pk>/lukk/", views.measure_close, name="close_measure"),
    path("<int:pk>/<str:step>/", views.step, name="step"),
]
