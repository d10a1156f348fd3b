from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "styring.reporting"
    label = "reporting"
    verbose_name = "Rapportering"
