from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "styring.accounts"
    label = "accounts"
    verbose_name = "Brukere og tilgang"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from styring.accounts.security import on_login, on_logout

        user_logged_in.connect(on_login, dispatch_uid="styring-session-start")
        user_logged_out.connect(on_logout, dispatch_uid="styring-revoke-tokens")
