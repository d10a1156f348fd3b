"""Bring the database register in line with the packaged registry (``styring.registry``).

Used by the data migration (with historical models) and by ``styring load_registry``. Existing
rows are updated, never deleted: edits made in the admin to organisations that are not in the
packaged file stay.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from styring.organisations.models import Organisation, OrganisationGroup


def sync_registry(organisation_model: type[Organisation], group_model: type[OrganisationGroup]) -> tuple[int, int]:
    """Create or update every organisation and group of the packaged registry; returns the counts."""
    from styring.registry import load_registry

    registry = load_registry()
    by_code = {}
    for org in registry.all():
        obj, _ = organisation_model.objects.update_or_create(
            code=org.code, defaults={"name": org.name, "kind": org.kind, "aliases": list(org.aliases)}
        )
        by_code[org.code] = obj
    for org in registry.all():
        owners = [by_code[c] for c in org.owners if c in by_code]
        by_code[org.code].owners.set(owners)
    groups = [g for g in registry.group_objects() if g.members is not None]
    for g in groups:
        group, _ = group_model.objects.update_or_create(
            name=g.name, defaults={"words": list(g.words), "region": by_code.get(g.region) if g.region else None}
        )
        group.members.set([by_code[c] for c in g.members or () if c in by_code])
    return len(by_code), len(groups)
