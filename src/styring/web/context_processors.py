"""What every page's shell needs: the user's organisation and role, and the stage navigation."""
from __future__ import annotations

from django.urls import reverse

from styring.accounts.access import membership

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


def shell(request):
    nav = []
    for name, label, prefix in NAVIGATION:
        try:
            url = reverse(name)
        except Exception:  # a stage whose app is not wired yet is left out of the menu
            continue
        nav.append({"url": url, "label": label, "current": request.path.startswith(prefix)})
    return {"navigation": nav, "membership": membership(request.user) if hasattr(request, "user") else None}
