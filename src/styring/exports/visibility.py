"""Which reports a user may read, asked of ``styring.accounts.access`` (the one place access is decided).

A report is readable by those who may view its organisation (the trust's own members and its
owners' staff); while it is a draft, only by the trust's own members.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from styring.accounts.access import Action, can, draft_visible_organisation_ids, visible_organisation_ids
from styring.reporting.models import Report, ReportStatus


def can_read_report(user, report: Report) -> bool:
    if not can(user, Action.VIEW, report.organisation_id):
        return False
    return report.status != ReportStatus.DRAFT or can(user, Action.VIEW_DRAFT, report.organisation_id)


def readable_reports(user) -> QuerySet[Report]:
    visible = visible_organisation_ids(user)
    drafts = draft_visible_organisation_ids(user) & visible
    return Report.objects.filter(organisation_id__in=visible).filter(
        ~Q(status=ReportStatus.DRAFT) | Q(organisation_id__in=drafts)
    )
