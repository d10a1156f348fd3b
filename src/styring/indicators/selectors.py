"""Who may see and enter which indicator values (asks ``styring.accounts.access``; nothing else decides).

- A user sees the values of the organisations they may see (``visible_organisation_ids``) and of
  those organisations' hospitals: a trust's members see their own hospitals' values.
- Owner staff import and enter values for the organisations they manage and their hospitals.
- A trust's reporter enters its own values by hand (and its hospitals').
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from styring.accounts.access import Action, can, is_owner_staff, membership, visible_organisation_ids
from styring.indicators.models import IndicatorValue
from styring.organisations.models import Organisation
from styring.requirements.models import Item


def _with_sites(ids: set[int]) -> set[int]:
    sites = Organisation.objects.filter(kind=Organisation.Kind.SYKEHUS, owners__in=ids).values_list("pk", flat=True)
    return ids | set(sites)


def visible_value_organisation_ids(user) -> set[int]:
    """Organisations whose indicator values ``user`` may read."""
    return _with_sites(visible_organisation_ids(user))


def visible_values(user) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.filter(organisation_id__in=visible_value_organisation_ids(user))


def may_enter_value(user, organisation: Organisation) -> bool:
    """Owner staff for what they manage; a trust's reporter for the trust; both for its hospitals."""
    if not user.is_authenticated:
        return False
    targets = [organisation] + (list(organisation.owners.all()) if organisation.is_site else [])
    return any(can(user, Action.MANAGE, o) or can(user, Action.REPORT, o) for o in targets)


def may_import_values(user) -> bool:
    """Upload files of values: owner staff (their rows are checked one by one with ``may_enter_value``)."""
    return is_owner_staff(user)


def may_set_targets(user, item: Item) -> bool:
    """The reviewer of the item's document: owner staff who manage one of its issuers."""
    return any(can(user, Action.MANAGE, o) for o in item.document.issuers.all())


def visible_indicator_items(user):
    """Confirmed indicator items that apply to an organisation the user sees, or that it issued."""
    ids = visible_organisation_ids(user)
    return (Item.objects.confirmed().filter(kind=Item.Kind.INDICATOR)
            .filter(Q(recipients__in=ids) | Q(document__issuers__in=ids)).distinct())


def own_organisation(user) -> Organisation | None:
    m = membership(user)
    return m.organisation if m else None
