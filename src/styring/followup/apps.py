from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styring.followup"
    label = "followup"
    verbose_name = "Oppfølging"
