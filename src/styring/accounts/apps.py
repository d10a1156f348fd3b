from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "styring.accounts"
    label = "accounts"
    verbose_name = "Brukere og tilgang"
