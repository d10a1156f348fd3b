from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "styring.organisations"
    label = "organisations"
    verbose_name = "Organisasjoner"
