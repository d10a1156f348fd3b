from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styring.web"
    label = "web"
    verbose_name = "Nettsider"
