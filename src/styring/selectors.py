"""Who may see what: the one place every page, API view, export, search and count asks.

Each ``visible_*`` returns a queryset of what ``user`` may read; each ``*_or_404`` returns one
object of it or raises ``Http404`` (so nobody learns that something they may not see exists).
Callers filter, order and count these querysets; they never restate the rules. What a role may
*do* (report, approve, manage) is ``styring.accounts.access.can``; the workflow's steps are in
``styring.reporting.transitions``.

The rules
- Organisations: owner staff see their own organisation and everything it owns, transitively;
  everyone else sees their own organisation (``access.visible_organisation_ids``).
- Documents: those issued by a visible organisation; and, once confirmed, those addressed to one.
  Managed (reviewed, confirmed, items edited or deleted) by the issuer's own owner staff only.
- Items: confirmed items in force that apply to a visible organisation (as recipient or for
  information) or that a visible organisation issued; and every item of a document the user
  manages (still in review, too). A trust never sees an item that is in review.
- Reports: of visible organisations; a draft only by the trust's own members.
- Entries: of visible reports. Measures and risks: of visible organisations; a measure added to a
  report that is still a draft only by the trust's own members (a trust's draft is the trust's:
  its texts and measures reach the owner when it is sent). A risk chosen on an entry of a draft, or
  assessed in its period, likewise, until it stands in a sent report too.
- Indicator values: of visible organisations and their hospitals (a trust's members see the values
  of the trust's hospitals; owner staff see them as owned organisations anyway).
- Periods: issued by a visible organisation, or by an owner of the user's own organisation.
- Links between items (the cascade): both items visible; decided by those who manage the child's
  document.
- Allocations (money) and reporting calendars: those of visible documents (whoever may read a
  document may read the money and dates in it).

This module reads the models of every stage of the cycle (it is the rule book they share), so the
layer contract in ``pyproject.toml`` lets it import them; no model imports it back.
"""
from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from styring.accounts.access import (
    Action,
    can,
    draft_visible_organisation_ids,
    issuing_organisation_ids,
    managed_organisation_ids,
    membership,
    visible_organisation_ids,
)
from styring.accounts.models import Role
from styring.documents.models import Allocation, ReportingDeadline, SteeringDocument
from styring.indicators.models import IndicatorValue
from styring.jobs.models import Job
from styring.organisations.models import Organisation
from styring.reporting.models import (
    Measure,
    PeriodKind,
    Report,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
    Risk,
    RiskAssessment,
)
from styring.requirements.models import Item, ItemLink, ItemQuerySet

User = Any  # a User or AnonymousUser

__all__ = [
    "visible_organisation_ids", "visible_organisations", "organisation_or_404", "issuer_organisations",
    "visible_documents", "managed_documents", "document_or_404",
    "visible_items", "managed_items", "item_or_404",
    "visible_reports", "report_or_404", "visible_entries", "entry_or_404",
    "visible_periods", "managed_periods", "period_or_404",
    "visible_values", "value_organisation_ids", "visible_indicator_items", "visible_measures", "visible_risks",
    "measures_outside_drafts",
    "may_manage_document",
    "visible_links", "managed_links", "link_or_404", "visible_allocations", "visible_deadlines",
    "reports_to_fill", "reports_awaiting_board", "reports_awaiting_approval", "reports_returned_by",
    "visible_jobs", "job_or_404",
]


def _get_or_404(queryset: QuerySet, message: str, **lookup: Any):
    try:
        return queryset.get(**lookup)  # by a unique field: no ordering needed
    except queryset.model.DoesNotExist:
        raise Http404(message) from None


# --- organisations ---------------------------------------------------------------------------

def visible_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=visible_organisation_ids(user))


def organisation_or_404(user: User, code: str) -> Organisation:
    """The organisation whose register and reports ``user`` may read (by its code)."""
    return _get_or_404(visible_organisations(user), "Fant ikke organisasjonen.", code=code)


def issuer_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations the user may issue steering documents and periods for: managed ones that own
    someone (a trust's hospitals do not make it an issuer)."""
    owners = Organisation.objects.exclude(kind=Organisation.Kind.SYKEHUS).values("owners")
    return (Organisation.objects.filter(pk__in=managed_organisation_ids(user)).filter(pk__in=owners)
            .distinct().order_by("kind", "name"))


# --- documents and items ---------------------------------------------------------------------

def visible_documents(user: User) -> QuerySet[SteeringDocument]:
    ids = visible_organisation_ids(user)
    matching = SteeringDocument.objects.filter(
        Q(issuers__in=ids) | Q(status=SteeringDocument.Status.CONFIRMED, addressees__in=ids)
    )
    return SteeringDocument.objects.filter(pk__in=matching.values("pk"))


def managed_documents(user: User) -> QuerySet[SteeringDocument]:
    """Documents the user may review and confirm, and whose items the user may edit and delete:
    issued by the user's own organisation (a document is managed by its issuer, not its owner)."""
    matching = SteeringDocument.objects.filter(issuers__in=issuing_organisation_ids(user))
    return SteeringDocument.objects.filter(pk__in=matching.values("pk"))


def document_or_404(user: User, pk: int, *, manage: bool = False) -> SteeringDocument:
    queryset = managed_documents(user) if manage else visible_documents(user)
    return _get_or_404(queryset, "Fant ikke dokumentet.", pk=pk)


def visible_items(user: User) -> ItemQuerySet:
    ids = visible_organisation_ids(user)
    matching = Item.objects.filter(
        Q(confirmed=True, removed=False) & (Q(recipients__in=ids) | Q(informed__in=ids))
        | Q(confirmed=True, document__issuers__in=ids)
        | Q(document__issuers__in=managed_organisation_ids(user))
    )
    return Item.objects.filter(pk__in=matching.values("pk"))


def managed_items(user: User) -> QuerySet[Item]:
    """Items the user may edit in review: those of documents the user manages."""
    return Item.objects.filter(document__in=managed_documents(user).values("pk"))


def item_or_404(user: User, pk: int, *, manage: bool = False) -> Item:
    queryset = managed_items(user) if manage else visible_items(user)
    return _get_or_404(queryset.select_related("document"), "Fant ikke kravet.", pk=pk)


# --- reports, entries and periods ------------------------------------------------------------

def _sent_or_own(user: User, report: str = "") -> Q:
    """The draft rule: a report still in draft (and what was added to it) only for the trust's own
    members; ``report`` is the path to the report (``"created_in__report__"``)."""
    return ~Q(**{f"{report}status": ReportStatus.DRAFT}) | Q(
        **{f"{report}organisation_id__in": draft_visible_organisation_ids(user)})


def measures_outside_drafts() -> Q:
    """The measures every reader of a sent report may see beside it: those not added to a report
    still in draft (the draft's own page shows its measures to its own members)."""
    return Q(created_in__isnull=True) | ~Q(created_in__report__status=ReportStatus.DRAFT)


def visible_reports(user: User) -> QuerySet[Report]:
    return Report.objects.filter(organisation_id__in=visible_organisation_ids(user)).filter(_sent_or_own(user))


def report_or_404(user: User, pk: int) -> Report:
    queryset = visible_reports(user).select_related("organisation", "period__issuer")
    return _get_or_404(queryset, "Fant ikke rapporten.", pk=pk)


# --- the reports waiting for the user (the start page and the navigation's counts) -------------
# Each is one query (``.count()`` for the navigation). The statuses come from the one transition
# table; who may take the step is the table's rule (``access.can`` / ``access.may_approve``) put
# as a filter, so that a count needs no loop over reports.

def _step_statuses(name: str, *, monthly: bool = False) -> tuple[str, ...]:
    from styring.reporting.transitions import TRANSITIONS

    step = TRANSITIONS[name]
    return step.sources + step.monthly_sources if monthly else step.sources


def reports_to_fill(user: User) -> QuerySet[Report]:
    """Reports the user's trust is to fill in and send (drafts and returned ones), if the user is its reporter."""
    m = membership(user)
    if m is None or not can(user, Action.REPORT, m.organisation_id):
        return Report.objects.none()
    return visible_reports(user).filter(organisation_id=m.organisation_id, status__in=_step_statuses("submit"))


def reports_awaiting_board(user: User) -> QuerySet[Report]:
    """Sent reports whose board decision the user (the trust's approver) is to record."""
    m = membership(user)
    if m is None or not can(user, Action.BOARD_APPROVE, m.organisation_id):
        return Report.objects.none()
    return visible_reports(user).filter(organisation_id=m.organisation_id, status__in=_step_statuses("board_approve"))


def _approvable(user: User) -> Q | None:
    """The reports ``access.may_approve`` lets the user approve, as a filter (None: none)."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    m = membership(user)
    if m is None or m.role != Role.OWNER_STAFF:
        return None
    # the issuer of the period owns the trust directly, and the user is the issuer's owner staff
    return Q(period__issuer_id=m.organisation_id, organisation__owners=m.organisation_id)


def reports_awaiting_approval(user: User) -> QuerySet[Report]:
    """Reports the user (owner staff) may approve now: board-treated ones, and sent monthly ones."""
    rule = _approvable(user)
    if rule is None:
        return Report.objects.none()
    ready = Q(status__in=_step_statuses("approve")) | Q(
        status__in=_step_statuses("approve", monthly=True), period__kind=PeriodKind.MONTHLY)
    return visible_reports(user).filter(rule).filter(ready).distinct()


def reports_returned_by(user: User) -> QuerySet[Report]:
    """Returned reports the user (owner staff) is waiting for the trusts to send again."""
    rule = _approvable(user)
    if rule is None:
        return Report.objects.none()
    return visible_reports(user).filter(rule).filter(status=ReportStatus.RETURNED).distinct()


def visible_entries(user: User) -> QuerySet[ReportEntry]:
    return ReportEntry.objects.filter(report__in=visible_reports(user).values("pk"))


def entry_or_404(user: User, pk: int, *, report: Report | None = None) -> ReportEntry:
    """An entry of a report ``user`` may read (of ``report``, when given)."""
    queryset = visible_entries(user).select_related("item", "risk", "report__organisation", "report__period")
    if report is not None:
        queryset = queryset.filter(report=report)
    return _get_or_404(queryset, "Fant ikke rapportpunktet.", pk=pk)


def visible_periods(user: User) -> QuerySet[ReportingPeriod]:
    ids = visible_organisation_ids(user)
    m = membership(user)
    if m is not None:
        ids |= set(m.organisation.owners.values_list("pk", flat=True))
    return ReportingPeriod.objects.filter(issuer_id__in=ids).select_related("issuer")


def managed_periods(user: User) -> QuerySet[ReportingPeriod]:
    """Periods whose deadlines the user may set: issued by an organisation the user manages."""
    return ReportingPeriod.objects.filter(issuer_id__in=managed_organisation_ids(user)).select_related("issuer")


def period_or_404(user: User, pk: int, *, manage: bool = False) -> ReportingPeriod:
    queryset = managed_periods(user) if manage else visible_periods(user)
    return _get_or_404(queryset, "Fant ikke rapporteringsperioden.", pk=pk)


# --- values, measures and risks --------------------------------------------------------------

def value_organisation_ids(user: User) -> set[int]:
    """Organisations whose indicator values ``user`` may read: the visible ones and their hospitals."""
    ids = visible_organisation_ids(user)
    sites = Organisation.objects.filter(kind=Organisation.Kind.SYKEHUS, owners__in=ids).values_list("pk", flat=True)
    return ids | set(sites)


def visible_values(user: User) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.filter(organisation_id__in=value_organisation_ids(user))


def visible_indicator_items(user: User) -> ItemQuerySet:
    """Confirmed indicator items in force among the visible items (the scorecard's rows)."""
    return visible_items(user).confirmed().filter(kind=Item.Kind.INDICATOR)


def visible_measures(user: User) -> QuerySet[Measure]:
    return Measure.objects.filter(organisation_id__in=visible_organisation_ids(user)).filter(
        Q(created_in__isnull=True) | _sent_or_own(user, "created_in__report__"))


def _in_reports(sent: bool) -> Q:
    """A risk stands in a report of its organisation that is sent (``sent``) or still a draft:
    chosen on one of the report's entries, or assessed in the report's period."""
    statuses = [s for s in ReportStatus.values if (s != ReportStatus.DRAFT) == sent]
    chosen = ReportEntry.objects.filter(risk=OuterRef("pk"), report__status__in=statuses)
    assessed = RiskAssessment.objects.filter(risk=OuterRef("pk"), period__reports__status__in=statuses,
                                             period__reports__organisation_id=OuterRef("organisation_id"))
    return Q(Exists(chosen)) | Q(Exists(assessed))


def visible_risks(user: User) -> QuerySet[Risk]:
    """Risks of visible organisations; a risk added to a report still in draft (chosen on an entry,
    or assessed in its period) and in no sent report yet only for the trust's own members."""
    risks = Risk.objects.filter(organisation_id__in=visible_organisation_ids(user))
    own = Q(organisation_id__in=draft_visible_organisation_ids(user))
    return risks.filter(own | ~_in_reports(sent=False) | _in_reports(sent=True))


def may_manage_document(user: User, document: SteeringDocument) -> bool:
    ids = issuing_organisation_ids(user)
    return any(org.pk in ids for org in document.issuers.all())


# --- the cascade: links between items ---------------------------------------------------------

def visible_links(user: User) -> QuerySet[ItemLink]:
    """Links whose two items the user may both read."""
    items = visible_items(user).values("pk")
    return ItemLink.objects.filter(parent__in=items, child__in=items)


def managed_links(user: User) -> QuerySet[ItemLink]:
    """Links the user may confirm or reject: those whose child is in a document the user manages."""
    return ItemLink.objects.filter(child__in=managed_items(user).values("pk"))


def link_or_404(user: User, pk: int, *, manage: bool = False) -> ItemLink:
    queryset = managed_links(user) if manage else visible_links(user)
    return _get_or_404(queryset.select_related("parent__document", "child__document"), "Fant ikke koblingen.", pk=pk)


# --- money and dates in documents ------------------------------------------------------------

def visible_allocations(user: User) -> QuerySet[Allocation]:
    return Allocation.objects.filter(document__in=visible_documents(user).values("pk"))


def visible_deadlines(user: User) -> QuerySet[ReportingDeadline]:
    """The reporting calendars of visible documents."""
    return ReportingDeadline.objects.filter(document__in=visible_documents(user).values("pk"))


# --- background jobs -------------------------------------------------------------------------

def visible_jobs(user: User) -> QuerySet[Job]:
    """A job and its file are seen by the user who started it, and by administrators."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.all() if user.is_superuser else Job.objects.filter(user=user)


def job_or_404(user: User, pk: int) -> Job:
    return _get_or_404(visible_jobs(user), "Fant ikke jobben.", pk=pk)
