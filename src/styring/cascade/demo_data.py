"""Sample data for ``make demo``: the surest suggested links of the demo document confirmed as
Helse Nord's owner staff would (the rest stay for the demo user to decide). Running it again
changes nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from django.contrib.auth import get_user_model

from styring.requirements.models import ItemLink

SURE = 0.9


def load(stdout: SupportsWrite[str]) -> int:
    user = get_user_model().objects.filter(username="hn-eier").first()
    if user is None:  # the demo's owner staff come first (accounts.demo)
        return 0
    sure = list(ItemLink.objects.open().filter(confidence__gte=SURE))
    for link in sure:
        link.decide(user, confirm=True)
    stdout.write(f"Kaskade: {len(sure)} sikre koblinger bekreftet, "
                 f"{ItemLink.objects.open().count()} forslag venter på eierstaben.")
    return len(sure)
