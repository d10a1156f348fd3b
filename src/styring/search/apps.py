from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "styring.search"
    label = "search"
    verbose_name = "Søk"

    def ready(self) -> None:
        from styring.search import signals  # noqa: F401 - keeps the index current
