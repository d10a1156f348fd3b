"""How numbers, money, dates and long texts are shown, in one place (plain Python; the templates
reach it through the ``formats`` filters, which are built in)."""
from __future__ import annotations

import datetime as dt
from typing import SupportsFloat

NBSP = "\u00a0"


def thousands(value: SupportsFloat | str | None) -> str:
    """A whole number with a (non-breaking) space between thousands: 24 300 000; "" if not a number."""
    if value is None:
        return ""
    try:
        number = int(round(float(value)))
    except (TypeError, ValueError):
        return ""
    return f"{number:,}".replace(",", NBSP).replace("-", "−")


def kroner(value: SupportsFloat | str | None) -> str:
    """An amount of money in kroner: 24 300 000 kr ("" if not a number)."""
    shown = thousands(value)
    return f"{shown}{NBSP}kr" if shown else ""


def as_date(value: object) -> dt.date | None:
    """A date, from a date, a datetime or an ISO string (YYYY-MM-DD); None if it is none of them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + "…"
