from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db.models.signals import post_save

if TYPE_CHECKING:
    from styring.requirements.models import Item


def _item_saved(sender: object, instance: "Item", raw: bool = False, **kwargs) -> None:
    """An indicator item gets its series and targets when it is saved (imported, edited)."""
    if raw or instance.kind != "indicator":
        return
    from styring.indicators.derive import derive_indicators

    derive_indicators(instance)


class IndicatorsConfig(AppConfig):
    name = "styring.indicators"
    label = "indicators"
    verbose_name = "Indikatorer og målekort"

    def ready(self) -> None:
        from styring.requirements.models import Item

        post_save.connect(_item_saved, sender=Item, dispatch_uid="indicators.derive_on_item_save")
