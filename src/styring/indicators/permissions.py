"""Who may enter indicator values and set targets (what a role may *do*; who may *see* values is
``IndicatorValue.objects.visible_to``). Asks ``styring.accounts.access``; nothing else decides.

- Owner staff import files and enter values for the organisations they manage and their hospitals.
- A trust's reporter enters the trust's own values by hand (and its hospitals').
- Targets are set by those who manage the item's document (its reviewers, the issuer's owner staff).
"""
from __future__ import annotations

from styring.accounts.access import Action, access_of, can, membership
from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation
from styring.requirements.models import Item


def may_enter_value(user: AnyUser, organisation: Organisation) -> bool:
    """Owner staff for what they manage; a trust's reporter for the trust; both for its hospitals."""
    if not user.is_authenticated:
        return False
    targets = [organisation] + (list(organisation.owners.all()) if organisation.is_site else [])
    return any(can(user, Action.MANAGE, o) or can(user, Action.REPORT, o) for o in targets)


def may_import_values(user: AnyUser) -> bool:
    """Upload files of values: owner staff (their rows are checked one by one with ``may_enter_value``)."""
    return bool(access_of(user).managed_ids)


def may_set_targets(user: AnyUser, item: Item) -> bool:
    """The item's reviewers: those who manage its document (``SteeringDocument.is_managed_by``)."""
    return item.document.is_managed_by(user)


def own_organisation(user: AnyUser) -> Organisation | None:
    m = membership(user)
    return m.organisation if m else None
