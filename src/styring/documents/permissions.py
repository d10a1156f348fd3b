"""Who may see and manage which steering documents, decided through ``styring.accounts.access``.

- Managing a document (import, review, confirm) needs MANAGE on one of its issuers: the issuer's
  owner staff (and its owners' staff, and superusers).
- Seeing a document needs VIEW on one of its issuers, or — once confirmed — VIEW on one of its
  addressees: a trust never sees a document that is still in review.
"""
from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from styring.accounts.access import Action, can, visible_organisation_ids
from styring.documents.models import SteeringDocument


def can_manage(user, document: SteeringDocument) -> bool:
    return any(can(user, Action.MANAGE, org) for org in document.issuers.all())


def visible_documents(user):
    ids = visible_organisation_ids(user)
    return SteeringDocument.objects.filter(
        Q(issuers__in=ids) | Q(status=SteeringDocument.Status.CONFIRMED, addressees__in=ids)
    ).distinct()


def managed_documents(user):
    ids = [pk for pk in visible_organisation_ids(user) if can(user, Action.MANAGE, pk)]
    return SteeringDocument.objects.filter(issuers__in=ids).distinct()


def document_or_404(user, pk: int, *, manage: bool = False) -> SteeringDocument:
    """The document if the user may see it (or manage it, with ``manage``); 404 otherwise, so
    nobody learns that a document they may not see exists."""
    queryset = managed_documents(user) if manage else visible_documents(user)
    document = queryset.filter(pk=pk).first()
    if document is None:
        raise Http404("Fant ikke dokumentet.")
    return document
