from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "styring.documents"
    label = "documents"
    verbose_name = "Styringsdokumenter"
