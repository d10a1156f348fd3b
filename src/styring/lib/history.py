"""Who made a change and why, for django-simple-history: the request middleware records the
signed-in user of a web request; commands, services and the API's token users say it here."""
from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def authored(obj: T, user: object = None, reason: str = "") -> T:
    """Mark ``obj``'s next save in its history as made by ``user`` (when signed in), because of ``reason``."""
    if user is not None and getattr(user, "is_authenticated", False):
        setattr(obj, "_history_user", user)  # noqa: B010 - simple-history's hook, not a model field
    if reason:
        setattr(obj, "_change_reason", reason)  # noqa: B010
    return obj
