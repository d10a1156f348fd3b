"""The transition table drives the report page, the API and ``allowed_steps``; approval power
belongs to the organisation that issued the period."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from styring.reporting import workflow
from styring.reporting.models import PeriodKind, Report, ReportingPeriod, ReportStatus
from styring.reporting.scope import ensure_report
from styring.reporting.transitions import TRANSITIONS, allowed_steps
from tests.reporting.conftest import fill_report

pytestmark = pytest.mark.django_db

BOARD = {"case_number": "24/2024", "meeting_date": "2024-05-29", "decision_text": "Godkjent."}


def _board_approved(report, reporter, approver):
    fill_report(report, reporter)
    workflow.submit(report, reporter)
    workflow.record_board_decision(report, approver, **BOARD)
    return report


@pytest.fixture
def sb(make_user):
    return {"reporter": make_user("SB", "reporter"), "approver": make_user("SB", "approver")}


def _sb_report(orgs, issuer: str, sb):
    """A board-approved report of Sunnaas (SB, jointly owned by the four RHFs) on ``issuer``'s period."""
    from tests.reporting.conftest import build_hn_document

    doc = build_hn_document(orgs).document
    doc.issuers.set([orgs[issuer]])
    for item in doc.items.all():
        item.recipients.add(orgs["SB"])
    period = ReportingPeriod.objects.create(issuer=orgs[issuer], year=2024, kind=PeriodKind.ANNUAL)
    return _board_approved(ensure_report(orgs["SB"], period), sb["reporter"], sb["approver"])


@pytest.mark.parametrize("issuer,approver,allowed", [
    ("HN", ("HN", "owner_staff"), True),
    ("HN", ("HSO", "owner_staff"), False),  # another owner of the trust, not the period's issuer
    ("HN", ("HOD", "owner_staff"), False),  # HOD reads, does not approve trusts' reports
    ("HSO", ("HSO", "owner_staff"), True),
    ("HSO", ("HN", "owner_staff"), False),
])
def test_each_owner_of_a_jointly_owned_trust_approves_its_own_period(orgs, make_user, sb, issuer, approver, allowed):
    report = _sb_report(orgs, issuer, sb)
    user = make_user(*approver)
    assert ("approve" in allowed_steps(report, user)) is allowed
    assert ("return" in allowed_steps(report, user)) is allowed
    if allowed:
        workflow.approve(report, user)
        assert Report.objects.get(pk=report.pk).status == ReportStatus.APPROVED
    else:
        with pytest.raises(PermissionDenied, match="utstedte perioden"):
            workflow.approve(report, user)


def test_hod_approves_the_rhfs_reports_on_its_own_period(orgs, make_user):
    from tests.reporting.conftest import build_hn_document

    doc = build_hn_document(orgs).document
    doc.issuers.set([orgs["HOD"]])
    for item in doc.items.all():
        item.recipients.set([orgs["HN"]])
    period = ReportingPeriod.objects.create(issuer=orgs["HOD"], year=2024, kind=PeriodKind.ANNUAL)
    report = _board_approved(ensure_report(orgs["HN"], period), make_user("HN", "reporter"),
                             make_user("HN", "approver"))
    assert "approve" in allowed_steps(report, make_user("HOD", "owner_staff"))
    assert "approve" not in allowed_steps(report, make_user("HN", "owner_staff"))


def test_a_report_without_entries_cannot_be_sent(orgs, people):
    period = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2030, kind=PeriodKind.ANNUAL)
    empty = ensure_report(orgs["UNN"], period)
    assert empty.entries.count() == 0
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.submit(empty, people.reporter)
    assert refused.value.errors == ["Rapporten har ingen punkter og kan ikke sendes."]


def test_every_step_of_the_table_is_an_api_action_and_a_page_address(client, people, periods):
    from django.urls import reverse

    for transition in TRANSITIONS.values():
        assert reverse("api:report-" + transition.api_path, args=[1]) == f"/api/reports/1/{transition.api_path}/"
        assert reverse("reporting:step", args=[1, transition.slug]) == f"/rapportering/1/{transition.slug}/"
    report = ensure_report(people.reporter.membership.organisation, periods.t1)
    client.force_login(people.reporter)
    assert client.post(f"/rapportering/{report.pk}/finnes-ikke/").status_code == 404


def test_the_owner_reopens_an_approved_report_over_the_api(orgs, people, periods):
    report = _board_approved(ensure_report(orgs["UNN"], periods.t1), people.reporter, people.approver)
    workflow.approve(report, people.owner)
    api = APIClient()
    api.force_authenticate(people.owner)
    refused = api.post(f"/api/reports/{report.pk}/reopen/", {}, format="json")
    assert refused.status_code == 400 and "comment" in refused.json()
    reopened = api.post(f"/api/reports/{report.pk}/reopen/", {"comment": "Feil i tallene."}, format="json")
    assert reopened.status_code == 200 and reopened.json()["status"] == "returned"
    assert reopened.json()["return_comment"] == "Feil i tallene."
    api.force_authenticate(people.hod)  # reads the report, may not reopen it
    assert api.post(f"/api/reports/{report.pk}/reopen/", {"comment": "x"}, format="json").status_code in (403, 404)


def test_a_board_decision_with_a_bad_date_is_a_400_with_a_norwegian_message(client, orgs, people, periods):
    report = ensure_report(orgs["UNN"], periods.t1)
    fill_report(report, people.reporter)
    workflow.submit(report, people.reporter)
    client.force_login(people.approver)
    response = client.post(f"/rapportering/{report.pk}/styrevedtak/",
                           {"case_number": "1/24", "meeting_date": "29. mai", "decision_text": "Ok."})
    assert response.status_code == 400
    assert "Møtedatoen må være en gyldig dato." in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
