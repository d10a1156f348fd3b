"""The access rules of Styring, in one place.

Every view, API endpoint and export asks this module; nothing else decides who may do what.

Rules
- Owner staff (eierstab) see and manage their own organisation and everything it owns,
  directly or transitively (HOD → RHF → trusts; the jointly owned trusts under all four RHFs).
- Approval power: owner staff approve, return and reopen the reports of the organisations their
  own organisation owns *directly*, in the periods their organisation issued (see
  ``reporting.transitions``): HN approves UNN's report on HN's period; each owner of a jointly
  owned trust approves the trust's report on its own period; HOD reads trusts' reports but
  approves only the RHFs'.
- Trust reporters (rapportør) see their own organisation and write its reports.
- Trust approvers (godkjenner) see their own organisation and record its board's decisions.
- Readers (leser) see their own organisation, read only.
- A report that is still a draft (utkast) is the trust's own work: only the trust's members see
  it, and what was added to it (texts, measures, risks: ``selectors``); owners see a trust's report once it has been sent (and other
  trusts never see it).
- A document is managed by its issuer: reviewing it and confirming, editing or deleting its items
  belongs to the issuing organisation's owner staff, not to the issuer's owner (HOD reads Helse
  Nord's items in review but does not decide them).
- Superusers may do everything.
- A user without a membership sees nothing.
"""
from __future__ import annotations

from enum import StrEnum

from styring.accounts.models import Membership, Role
from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation, descendants_of


class Action(StrEnum):
    VIEW = "view"  # read an organisation's register, reports, scorecards
    MANAGE = "manage"  # import/author steering documents and items, edit deadlines
    REPORT = "report"  # fill in and submit the organisation's own reports
    BOARD_APPROVE = "board_approve"  # record the board's decision on the organisation's report
    OWNER_APPROVE = "owner_approve"  # approve or return a directly owned organisation's report
    VIEW_DRAFT = "view_draft"  # read the organisation's reports while they are drafts (its own members)


def membership(user: AnyUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_styring_membership"):  # once per request (the user object lives as long)
        found = Membership.objects.select_related("organisation").filter(user=user).first()
        setattr(user, "_styring_membership", found)  # noqa: B010 - a cache on the instance, not a field
    cached: Membership | None = getattr(user, "_styring_membership")  # noqa: B009
    return cached


def visible_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations whose register and reports the user may read."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    m = membership(user)
    if m is None:
        return set()
    if m.role == Role.OWNER_STAFF:
        return {m.organisation_id} | descendants_of([m.organisation_id])
    return {m.organisation_id}


def owned_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations the user oversees as owner (not including the user's own)."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    m = membership(user)
    if m is None or m.role != Role.OWNER_STAFF:
        return set()
    return descendants_of([m.organisation_id])


def can(user: AnyUser, action: Action, organisation: Organisation | int) -> bool:
    """May ``user`` take ``action`` for ``organisation``?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    m = membership(user)
    if m is None:
        return False
    own = m.organisation_id == org_id
    if action == Action.VIEW:
        return org_id in visible_organisation_ids(user)
    if action == Action.MANAGE:
        return m.role == Role.OWNER_STAFF and org_id in visible_organisation_ids(user)
    if action == Action.REPORT:  # an RHF's owner staff also compile the region's own report to its owner
        return own and (m.role == Role.REPORTER or (m.role == Role.OWNER_STAFF and bool(_direct_owner_ids(org_id))))
    if action == Action.BOARD_APPROVE:
        return own and m.role == Role.APPROVER
    if action == Action.OWNER_APPROVE:
        return m.role == Role.OWNER_STAFF and m.organisation_id in _direct_owner_ids(org_id)
    if action == Action.VIEW_DRAFT:
        return own
    return False


def may_approve(user: AnyUser, organisation_id: int, issuer_id: int) -> bool:
    """May ``user`` approve, return or reopen the report of ``organisation_id`` in a period issued
    by ``issuer_id``? The issuer's owner staff, when the issuer owns the organisation directly
    (each owner of a jointly owned trust approves on its own periods); superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    m = membership(user)
    return m is not None and m.organisation_id == issuer_id and can(user, Action.OWNER_APPROVE, organisation_id)


def _direct_owner_ids(org_id: int) -> set[int]:
    return set(Organisation.owners.through.objects.filter(from_organisation_id=org_id)
               .values_list("to_organisation_id", flat=True))


def managed_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations whose documents, items and periods the user may manage (owner staff: the
    visible ones; superusers: all)."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    m = membership(user)
    if m is None or m.role != Role.OWNER_STAFF:
        return set()
    return visible_organisation_ids(user)


def issuing_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations whose steering documents the user manages (reviews, confirms, edits and deletes
    their items): the user's own, for its owner staff; every one for superusers."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    m = membership(user)
    return {m.organisation_id} if m is not None and m.role == Role.OWNER_STAFF else set()


def draft_visible_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations whose draft reports the user may read (its own; every one for superusers)."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    m = membership(user)
    return {m.organisation_id} if m is not None else set()
