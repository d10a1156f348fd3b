from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "styring.exports"
    label = "exports"
    verbose_name = "Dokumenter ut"
