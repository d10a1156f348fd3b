from django.apps import AppConfig


class YearwheelConfig(AppConfig):
    name = "styring.yearwheel"
    label = "yearwheel"
    verbose_name = "Årshjul og kalender"
