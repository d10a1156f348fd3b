"""The organisation pages (``/organisasjoner/``): the ownership tree, one page per organisation
(registry facts for everyone, its members for those who manage it), and the items that apply to it.
They read the access rules and the items, so they stand here, above both."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from styring.accounts.access import Action, can, organisation_or_404
from styring.organisations.models import Organisation, ownership_tree
from styring.requirements.models import Item


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/tree.html", {"tree": ownership_tree()})


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    """Registry facts are public to every user; members only to those who manage the organisation."""
    org = get_object_or_404(Organisation, code=code)
    context = {
        "org": org,
        "owners": org.owners.all(),
        "owned": org.owned.filter(active=True).order_by("name"),
        "can_view": can(request.user, Action.VIEW, org),
        "members": org.memberships.select_related("user") if can(request.user, Action.MANAGE, org) else None,
    }
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_items(request: HttpRequest, code: str) -> HttpResponse:
    """Exactly the confirmed items that apply to one organisation, grouped by hovedmål, with deadlines."""
    org = organisation_or_404(request.user, code)
    found = (
        Item.objects.visible_to(request.user).confirmed()
        .applying_to(org)
        .select_related("document", "lead")
        .prefetch_related("recipients", "informed")
        .order_by("-document__year", "document_id", "order")
    )
    # Hovedmål 1–3 in order, then the items outside them, the same on SQLite and PostgreSQL.
    items: list[Any] = sorted(found, key=lambda i: (i.main_goal is None, i.main_goal or 0))
    groups: dict = {}
    for item in items:
        item.for_information_only = not any(r.pk == org.pk for r in item.recipients.all())
        groups.setdefault(item.main_goal_title, []).append(item)
    return render(request, "organisations/items.html", {"org": org, "groups": groups, "count": len(items)})
