"""The index follows every save and delete of what it holds (bulk loads: ``styring reindex``)."""
from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from styring.documents.models import SteeringDocument
from styring.reporting.models import Measure, ReportEntry
from styring.requirements.models import Item
from styring.search.index import BUILDERS, index_object, unindex

INDEXED = tuple(BUILDERS)


@receiver(post_save)
def _saved(sender: object, instance: Model, raw: bool = False, **kwargs) -> None:
    if isinstance(instance, INDEXED) and not raw:
        index_object(instance)


@receiver(post_delete)
def _deleted(sender: object, instance: Model, **kwargs) -> None:
    if isinstance(instance, INDEXED):
        unindex(instance)


@receiver(m2m_changed, sender=Item.recipients.through)
@receiver(m2m_changed, sender=Item.informed.through)
@receiver(m2m_changed, sender=SteeringDocument.issuers.through)
@receiver(m2m_changed, sender=SteeringDocument.addressees.through)
def _relations(sender: object, instance: Model, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, (Item, SteeringDocument)):
        index_object(instance)


__all__ = ["Measure", "ReportEntry"]
