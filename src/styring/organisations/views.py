"""The organisation register as people see it: the ownership tree and one page per organisation."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
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
    kind_order = {k: i for i, k in enumerate(["rhf", "hf", "privat_ideell", "as", "felleseid_hf", "sf", "etat", "sykehus"])}

    def build(org: Organisation, path: frozenset[int]) -> dict:
        kids = sorted(children.get(org.pk, []), key=lambda o: (kind_order.get(o.kind, 99), o.name))
        return {"org": org, "children": [build(k, path | {k.pk}) for k in kids if k.pk not in path]}

    roots = sorted((o for pk, o in orgs.items() if pk not in owned), key=lambda o: (o.kind != "departement", o.name))
    return [build(r, frozenset({r.pk})) for r in roots]


@login_required
def tree(request):
    return render(request, "organisations/tree.html", {"tree": ownership_tree()})


@login_required
def detail(request, code: str):
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
