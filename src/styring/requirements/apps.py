from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "styring.requirements"
    label = "requirements"
    verbose_name = "Krav"
