"""What every page's shell needs: the user's organisation and role, and the stage navigation."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from styring.accounts.access import membership
from styring.accounts.types import AnyUser

NAVIGATION = [
    ("documents:list", "Dokumenter", "/dokumenter/"),
    ("requirements:list", "Krav", "/krav/"),
    ("reporting:list", "Rapportering", "/rapportering/"),
    ("followup:matrix", "Oppfølging", "/oppfolging/"),
    ("cascade:rollup", "Kaskade", "/kaskade/"),
    ("indicators:scorecard", "Indikatorer", "/indikatorer/"),
    ("yearwheel:wheel", "Årshjul", "/arshjul/"),
    ("organisations:tree", "Organisasjoner", "/organisasjoner/"),
    ("allocations:money", "Penger", "/penger/"),
    ("search:search", "Søk", "/sok/"),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    nav = []
    for name, label, prefix in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:  # a stage whose app is not wired yet is left out of the menu
            continue
        nav.append({"url": url, "label": label, "current": request.path.startswith(prefix)})
    user = getattr(request, "user", None)
    return {"navigation": nav, "membership": membership(user) if user is not None else None,
            "nav_tasks": _tasks(user)}


def _tasks(user: AnyUser | None) -> list[dict]:
    """What waits for the user, counted for the menu ("Til godkjenning 3"); only the counts above 0."""
    if user is None or not user.is_authenticated:
        return []
    from styring.web.start import nav_tasks  # the start page's own rules

    home = reverse("home")
    return [{**t, "url": f"{home}#{t['anchor']}"} for t in nav_tasks(user) if t["count"]]
