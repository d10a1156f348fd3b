from django.apps import AppConfig


class CascadeConfig(AppConfig):
    name = "styring.cascade"
    label = "cascade"
    verbose_name = "Kaskade (HOD → RHF → HF)"
