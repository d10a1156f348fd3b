from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "styring.jobs"
    label = "jobs"
    verbose_name = "Bakgrunnsjobber"
    default_auto_field = "django.db.models.BigAutoField"
