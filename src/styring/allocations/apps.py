from django.apps import AppConfig


class AllocationsConfig(AppConfig):
    name = "styring.allocations"
    label = "allocations"
    verbose_name = "Bevilgninger"
