from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "styring.files"
    label = "files"
    verbose_name = "Lagrede filer"
    default_auto_field = "django.db.models.BigAutoField"
