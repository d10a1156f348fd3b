"""The access rules of Styring, in one place.

Every view, API endpoint and export asks this module; nothing else decides who may do what.
``access_of(user)`` is the user's :class:`Access`, computed once per request (it is kept on the
user object, which lives as long as the request): the membership, the role and the organisation
ids each rule reads. Each model's queryset answers "what may this user see" from it
(``Item.objects.visible_to(user)``, ``Report.objects.visible_to(user)``, …, each with an
``*_or_404``), built on :class:`VisibleQuerySet`.

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
  it, and what was added to it (texts, measures, risks: ``reporting.models``); owners see a trust's
  report once it has been sent (and other trusts never see it).
- A document is managed by its issuer: reviewing it and confirming, editing or deleting its items
  belongs to the issuing organisation's owner staff, not to the issuer's owner (HOD reads Helse
  Nord's items in review but does not decide them).
- Superusers may do everything.
- A user without a membership sees nothing.

Organisations are the ground every other rule stands on, so their own visibility is the access
object's (``Access.organisations``, ``organisation_or_404``); the models above answer theirs.
"""
from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from styring.accounts.models import Membership, Role
from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation, descendants_of

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"  # read an organisation's register, reports, scorecards
    MANAGE = "manage"  # import/author steering documents and items, edit deadlines
    REPORT = "report"  # fill in and submit the organisation's own reports
    BOARD_APPROVE = "board_approve"  # record the board's decision on the organisation's report
    OWNER_APPROVE = "owner_approve"  # approve or return a directly owned organisation's report
    VIEW_DRAFT = "view_draft"  # read the organisation's reports while they are drafts (its own members)


class Access:
    """What one user may see and do, computed once: each figure on first use, then kept."""

    def __init__(self, user: AnyUser) -> None:
        self.user = user
        self.is_authenticated = bool(user.is_authenticated)
        self.is_superuser = bool(self.is_authenticated and user.is_superuser)

    @cached_property
    def membership(self) -> Membership | None:
        if not self.is_authenticated or self.user.pk is None:
            return None
        return Membership.objects.select_related("organisation").filter(user_id=self.user.pk).first()

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership is not None else None

    @property
    def organisation_id(self) -> int | None:
        return self.membership.organisation_id if self.membership is not None else None

    @property
    def is_owner_staff(self) -> bool:
        return self.role == Role.OWNER_STAFF

    @cached_property
    def _all_ids(self) -> frozenset[int]:
        return frozenset(Organisation.objects.values_list("pk", flat=True))

    @cached_property
    def visible_ids(self) -> frozenset[int]:
        """Organisations whose register and reports the user may read."""
        if self.is_superuser:
            return self._all_ids
        m = self.membership
        if m is None:
            return frozenset()
        if m.role == Role.OWNER_STAFF:
            return frozenset({m.organisation_id} | descendants_of([m.organisation_id]))
        return frozenset({m.organisation_id})

    @cached_property
    def owned_ids(self) -> frozenset[int]:
        """Organisations the user oversees as owner (not including the user's own)."""
        if self.is_superuser:
            return self._all_ids
        m = self.membership
        if m is None or m.role != Role.OWNER_STAFF:
            return frozenset()
        return frozenset(descendants_of([m.organisation_id]))

    @cached_property
    def managed_ids(self) -> frozenset[int]:
        """Organisations whose documents, items and periods the user may manage (owner staff: the
        visible ones; superusers: all)."""
        if self.is_superuser:
            return self._all_ids
        return self.visible_ids if self.is_owner_staff else frozenset()

    @cached_property
    def issuing_ids(self) -> frozenset[int]:
        """Organisations whose steering documents the user manages (reviews, confirms, edits and
        deletes their items): the user's own, for its owner staff; every one for superusers."""
        if self.is_superuser:
            return self._all_ids
        m = self.membership
        return frozenset({m.organisation_id}) if m is not None and m.role == Role.OWNER_STAFF else frozenset()

    @cached_property
    def draft_ids(self) -> frozenset[int]:
        """Organisations whose draft reports the user may read (its own; every one for superusers)."""
        if self.is_superuser:
            return self._all_ids
        m = self.membership
        return frozenset({m.organisation_id}) if m is not None else frozenset()

    @cached_property
    def value_ids(self) -> frozenset[int]:
        """Organisations whose indicator values the user may read: the visible ones and their hospitals."""
        sites = Organisation.objects.filter(kind=Organisation.Kind.SYKEHUS, owners__in=self.visible_ids)
        return self.visible_ids | frozenset(sites.values_list("pk", flat=True))

    @cached_property
    def period_issuer_ids(self) -> frozenset[int]:
        """Organisations whose reporting periods the user may read: the visible ones, and the owners
        of the user's own organisation."""
        m = self.membership
        if m is None:
            return self.visible_ids
        return self.visible_ids | frozenset(m.organisation.owners.values_list("pk", flat=True))

    def can(self, action: Action, organisation: Organisation | int) -> bool:
        """May the user take ``action`` for ``organisation``?"""
        if not self.is_authenticated:
            return False
        if self.is_superuser:
            return True
        org_id = organisation if isinstance(organisation, int) else organisation.pk
        m = self.membership
        if m is None:
            return False
        own = m.organisation_id == org_id
        if action == Action.VIEW:
            return org_id in self.visible_ids
        if action == Action.MANAGE:
            return m.role == Role.OWNER_STAFF and org_id in self.visible_ids
        if action == Action.REPORT:  # an RHF's owner staff also compile the region's own report to its owner
            return own and (m.role == Role.REPORTER or (m.role == Role.OWNER_STAFF and bool(_direct_owner_ids(org_id))))
        if action == Action.BOARD_APPROVE:
            return own and m.role == Role.APPROVER
        if action == Action.OWNER_APPROVE:
            return m.role == Role.OWNER_STAFF and m.organisation_id in _direct_owner_ids(org_id)
        if action == Action.VIEW_DRAFT:
            return own
        return False

    def can_own(self, action: Action) -> bool:
        """May the user take ``action`` for the user's own organisation?"""
        return self.organisation_id is not None and self.can(action, self.organisation_id)

    def may_approve(self, organisation_id: int, issuer_id: int) -> bool:
        """May the user approve, return or reopen the report of ``organisation_id`` in a period issued
        by ``issuer_id``? The issuer's owner staff, when the issuer owns the organisation directly
        (each owner of a jointly owned trust approves on its own periods); superusers."""
        if self.is_superuser:
            return True
        return self.organisation_id == issuer_id and self.can(Action.OWNER_APPROVE, organisation_id)

    def approvable(self, organisation: str = "organisation", issuer: str = "period__issuer") -> models.Q | None:
        """:meth:`may_approve` as a filter on reports (``organisation`` and ``issuer`` are the paths
        to the report's organisation and its period's issuer); None: the user approves none."""
        if self.is_superuser:
            return models.Q()
        if not self.is_owner_staff:
            return None
        # the issuer of the period owns the trust directly, and the user is the issuer's owner staff
        return models.Q(**{f"{issuer}_id": self.organisation_id, f"{organisation}__owners": self.organisation_id})

    def organisations(self) -> models.QuerySet[Organisation]:
        """The organisations the user may read."""
        return Organisation.objects.filter(pk__in=self.visible_ids)

    def issuer_organisations(self) -> models.QuerySet[Organisation]:
        """Organisations the user may issue steering documents and periods for: managed ones that own
        someone (a trust's hospitals do not make it an issuer)."""
        owners = Organisation.objects.exclude(kind=Organisation.Kind.SYKEHUS).values("owners")
        return (Organisation.objects.filter(pk__in=self.managed_ids).filter(pk__in=owners)
                .distinct().order_by("kind", "name"))

    @property
    def start_page(self) -> str:
        """The part of the start page the user's role sees: "owner", "trust", "admin" or "none"."""
        if self.is_owner_staff:
            return "owner"
        if self.membership is not None:
            return "trust"
        if self.is_authenticated and (self.user.is_staff or self.user.is_superuser):
            return "admin"
        return "none"


def access_of(user: AnyUser) -> Access:
    """The user's access, computed once per user object (that is, once per request)."""
    found = getattr(user, "_styring_access", None)
    if found is None:
        found = Access(user)
        setattr(user, "_styring_access", found)  # noqa: B010 - a cache on the instance, not a field
    return found


class VisibleQuerySet(models.QuerySet[M], Generic[M]):
    """The base of each model's queryset of what a user may see: ``get_or_404`` raises ``Http404``
    with the model's Norwegian message (so nobody learns that something they may not see exists)."""

    not_found = "Fant ikke objektet."

    def get_or_404(self, **lookup: object) -> M:
        try:
            return self.get(**lookup)  # by a unique field: no ordering needed
        except ObjectDoesNotExist:
            raise Http404(self.not_found) from None


def membership(user: AnyUser) -> Membership | None:
    return access_of(user).membership


def visible_organisation_ids(user: AnyUser) -> set[int]:
    """Organisations whose register and reports the user may read."""
    return set(access_of(user).visible_ids)






def can(user: AnyUser, action: Action, organisation: Organisation | int) -> bool:
    """May ``user`` take ``action`` for ``organisation``?"""
    return access_of(user).can(action, organisation)


def may_approve(user: AnyUser, organisation_id: int, issuer_id: int) -> bool:
    """May ``user`` approve, return or reopen the report of ``organisation_id`` in a period issued by ``issuer_id``?"""
    return access_of(user).may_approve(organisation_id, issuer_id)


def organisation_or_404(user: AnyUser, code: str) -> Organisation:
    """The organisation whose register and reports ``user`` may read (by its code)."""
    try:
        return access_of(user).organisations().get(code=code)
    except Organisation.DoesNotExist:
        raise Http404("Fant ikke organisasjonen.") from None


def _direct_owner_ids(org_id: int) -> set[int]:
    return set(Organisation.owners.through.objects.filter(from_organisation_id=org_id)
               .values_list("to_organisation_id", flat=True))
