"""The filters every page shows numbers, money, dates and long texts with (built in: see
``TEMPLATES`` in settings; the rules are ``styring.lib.formats``):

- ``{{ amount|kr }}`` → 24 300 000 kr; ``{{ amount|tusen }}`` → 24 300 000 (a column headed "kr");
- ``{{ date|dato }}`` → 15. mai 2024, also from an ISO string ("2024-05-15"), in the active language;
- ``{{ text|kort:160 }}`` → cut at a word boundary with "…" (put the whole text in a ``title``).
"""
from __future__ import annotations

from typing import SupportsFloat

from django import template
from django.template.defaultfilters import date as date_filter

from styring.lib import formats

register = template.Library()


@register.filter
def kr(value: SupportsFloat | str | None) -> str:
    return formats.kroner(value)


@register.filter
def tusen(value: SupportsFloat | str | None) -> str:
    return formats.thousands(value)


@register.filter
def dato(value: object, arg: str = "DATE_FORMAT") -> str:
    day = formats.as_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    return date_filter(day, arg)


@register.filter
def kort(value: object, limit: int = 160) -> str:
    return formats.shorten(str(value or ""), int(limit))
