"""``{% item_targets item %}``: an indicator item's targets in words, for the review screen."""
from __future__ import annotations

from typing import Any

from django import template

from styring.indicators.models import Indicator
from styring.requirements.models import Item

register = template.Library()


@register.inclusion_tag("indicators/_item_targets.html")
def item_targets(item: Item) -> dict[str, Any]:
    series = []
    for indicator in Indicator.objects.filter(item=item).prefetch_related("targets"):
        targets = list(indicator.targets.all())
        general = next((t for t in targets if t.organisation_id is None), None)
        series.append({"indicator": indicator, "general": general, "specific": len(targets) - bool(general)})
    return {"item": item, "series": series}
