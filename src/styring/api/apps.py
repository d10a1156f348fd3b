from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "styring.api"
    label = "api"
    verbose_name = "API"
