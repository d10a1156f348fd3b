"""The types of who is asking, for annotations: a request's user is a signed-in ``User`` or Django's
``AnonymousUser`` (every rule in ``access`` answers for both; the anonymous one may see nothing)."""
from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

AnyUser: TypeAlias = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: its user is signed in."""

    user: User


def signed_in(user: AnyUser | None) -> User | None:
    """``user`` if signed in, else None: what a "done by" column stores."""
    return user if isinstance(user, User) and user.is_authenticated else None
