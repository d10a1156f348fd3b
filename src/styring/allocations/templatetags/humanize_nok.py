from typing import SupportsFloat

from django import template

from styring.lib.formats import thousands

register = template.Library()


@register.filter
def nok(value: SupportsFloat | str | None) -> str:
    """Whole kroner with a space between thousands: 6 790 610 000 (``styring.lib.formats``)."""
    return thousands(value)
