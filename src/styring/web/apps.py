from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styring.web"
    label = "web"
    verbose_name = "Nettsider"

    def ready(self) -> None:
        from styring.web import checks  # noqa: F401 - registers the deploy checks
