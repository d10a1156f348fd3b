"""The organisation register as people see it: the ownership tree and one page per organisation."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from styring.accounts.access import Action, can
from styring.organisations.models import Organisation


def ownership_tree() -> list[dict]:
    """Nested ``{"org", "children"}`` from the organisations nobody owns down; a jointly owned
    trust appears under each of its owners."""
    orgs = {o.pk: o for o in Organisation.objects.filter(active=True)}
    children: dict[int, list[Organisation]] = {}
    owned: set[int] = set()
    for child_id, owner_id in Organisation.owners.through.objects.values_list(
        "from_organisation_id", "to_organisation_id"
    ):
        if child_id in orgs and owner_id in orgs:
            children.setdefault(owner_id, []).append(orgs[child_id])
            owned.add(child_id)
    kind_order: dict[str, int] = {k: i for i, k in enumerate([
        Organisation.Kind.RHF, Organisation.Kind.HF, Organisation.Kind.PRIVAT_IDEELL, Organisation.Kind.AS,
        Organisation.Kind.FELLESEID_HF, Organisation.Kind.SF, Organisation.Kind.ETAT, Organisation.Kind.SYKEHUS])}

    def build(org: Organisation, path: frozenset[int]) -> dict:
        kids = sorted(children.get(org.pk, []), key=lambda o: (kind_order.get(o.kind, 99), o.name))
        return {"org": org, "children": [build(k, path | {k.pk}) for k in kids if k.pk not in path]}

    roots = sorted((o for pk, o in orgs.items() if pk not in owned), key=lambda o: (o.kind != Organisation.Kind.DEPARTEMENT, o.name))
    return [build(r, frozenset({r.pk})) for r in roots]


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
def items(request: HttpRequest, code: str) -> HttpResponse:
    """Exactly the confirmed items that apply to one organisation, grouped by hovedmål, with deadlines."""
    from styring.selectors import organisation_or_404, visible_items

    org = organisation_or_404(request.user, code)
    found = (
        visible_items(request.user).confirmed()
        .applying_to(org)
        .select_related("document", "lead")
        .prefetch_related("recipients", "informed")
        .order_by("-document__year", "document_id", "order")
    )
    # Hovedmål 1–3 in order, then the items outside them, the same on SQLite and PostgreSQL.
    items = sorted(found, key=lambda i: (i.main_goal is None, i.main_goal or 0))
    groups: dict = {}
    for item in items:
        item.for_information_only = not any(r.pk == org.pk for r in item.recipients.all())
        groups.setdefault(item.main_goal_title, []).append(item)
    return render(request, "organisations/items.html", {"org": org, "groups": groups, "count": len(items)})
