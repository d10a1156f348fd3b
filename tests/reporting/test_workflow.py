"""The workflow per role: who may take which step, validation, the lock after approval."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from styring.reporting import workflow
from styring.reporting.models import BoardDecision, Report, ReportStatus
from styring.reporting.scope import ensure_report
from styring.reporting.workflow import WorkflowError
from tests.reporting.conftest import fill_entry, fill_report

BOARD = {"case_number": "24/2024", "meeting_date": dt.date(2024, 5, 29), "decision_text": "Styret tar rapporten til orientering.",
         "minutes_reference": "Protokoll 29.05.2024"}


@pytest.fixture
def report(orgs, periods):
    return ensure_report(orgs["UNN"], periods.t1)


def to_state(report, people, state):
    fill_report(report, people.reporter)
    if state == ReportStatus.DRAFT:
        return report
    workflow.submit(report, people.reporter)
    if state == ReportStatus.SUBMITTED:
        return report
    workflow.record_board_decision(report, people.approver, **BOARD)
    if state == ReportStatus.BOARD_APPROVED:
        return report
    workflow.approve(report, people.owner)
    return report


def step(name, report, user):
    if name == "submit":
        return workflow.submit(report, user)
    if name == "board":
        return workflow.record_board_decision(report, user, **BOARD)
    if name == "approve":
        return workflow.approve(report, user)
    if name == "return":
        return workflow.return_report(report, user, "Mer om ventetider, takk.")
    if name == "reopen":
        return workflow.reopen(report, user, "Feil i tallene.")
    raise AssertionError(name)


# step, state it applies in, roles allowed (others get PermissionDenied). The period's issuer (HN)
# approves, returns and reopens; HOD reads the trust's report but does not approve it.
ALLOWED = {
    "submit": (ReportStatus.DRAFT, {"reporter"}),
    "board": (ReportStatus.SUBMITTED, {"approver"}),
    "approve": (ReportStatus.BOARD_APPROVED, {"owner"}),
    "return": (ReportStatus.SUBMITTED, {"owner"}),
    "reopen": (ReportStatus.APPROVED, {"owner"}),
}
ROLES = ["reporter", "approver", "reader", "owner", "other_owner", "fin_reporter", "fin_approver", "hod"]


@pytest.mark.parametrize("name", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_take_which_step(report, people, name, role):
    state, allowed = ALLOWED[name]
    to_state(report, people, state)
    user = getattr(people, role)
    if role in allowed:
        step(name, report, user)
        assert Report.objects.get(pk=report.pk).status != state
    else:
        with pytest.raises(PermissionDenied):
            step(name, report, user)
        assert Report.objects.get(pk=report.pk).status == state


@pytest.mark.parametrize("name,state", [
    ("submit", ReportStatus.SUBMITTED), ("board", ReportStatus.DRAFT), ("approve", ReportStatus.SUBMITTED),
    ("return", ReportStatus.DRAFT), ("reopen", ReportStatus.BOARD_APPROVED), ("approve", ReportStatus.APPROVED),
])
def test_steps_in_the_wrong_state_are_refused_in_norwegian(report, people, name, state):
    to_state(report, people, state)
    user = {"submit": people.reporter, "board": people.approver}.get(name, people.owner)
    with pytest.raises(WorkflowError, match="Rapporten har status"):
        step(name, report, user)


def test_submit_requires_status_deviation_and_measure(report, people, hn_doc):
    with pytest.raises(WorkflowError) as exc:
        workflow.submit(report, people.reporter)
    assert len(exc.value.errors) == 3 and all("velg måloppnåelse" in e for e in exc.value.errors)
    entries = {e.item_id: e for e in report.entries.all()}
    for e in entries.values():
        fill_entry(e, people.reporter, "achieved")
    red = entries[hn_doc.items["ventetid"].pk]
    fill_entry(red, people.reporter, "not_achieved")
    with pytest.raises(WorkflowError) as exc:
        workflow.submit(report, people.reporter)
    assert exc.value.errors == [
        "«Gjennomsnittlig ventetid skal reduseres sammenliknet med 2023.»: forklar avviket.",
        "«Gjennomsnittlig ventetid skal reduseres sammenliknet med 2023.»: legg inn minst ett tiltak med ansvarlig og frist.",
    ]
    fill_entry(red, people.reporter, "not_achieved", deviation="Mangel på anestesisykepleiere.",
               measure={"description": "Rekruttering", "owner": "Klinikksjef", "due_date": "2024-10-01"})
    workflow.submit(report, people.reporter)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == people.reporter


def test_measure_needs_owner_and_due_date(report, people):
    from styring.reporting.entries import add_measure

    entry = report.entries.first()
    with pytest.raises(WorkflowError) as exc:
        add_measure(entry, people.reporter, description="Noe", owner="", due_date="")
    assert exc.value.errors == ["Oppgi hvem som er ansvarlig for tiltaket.", "Oppgi en frist for tiltaket (dato)."]


def test_full_cycle_with_board_changes_return_and_history(report, people):
    to_state(report, people, ReportStatus.SUBMITTED)
    decision = workflow.record_board_decision(report, people.approver, **{**BOARD, "changes_requested": True})
    assert report.status == ReportStatus.DRAFT and "Styret ba om endringer" in report.return_comment
    workflow.submit(report, people.reporter)
    workflow.record_board_decision(report, people.approver, **BOARD)
    assert report.status == ReportStatus.BOARD_APPROVED
    workflow.return_report(report, people.owner, "Utdyp tiltakene.")
    assert report.status == ReportStatus.RETURNED and report.return_comment == "Utdyp tiltakene."
    workflow.submit(report, people.reporter)
    workflow.record_board_decision(report, people.approver, **BOARD)
    workflow.approve(report, people.owner)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by == people.owner
    assert BoardDecision.objects.filter(report=report).count() == 3 and decision.changes_requested
    reasons = [h.history_change_reason for h in report.history.order_by("history_date", "history_id")]
    assert reasons == [
        "Rapport opprettet", "Sendt (administrativt)", "Styret ba om endringer (styresak 24/2024)",
        "Sendt (administrativt)", "Styrebehandlet (styresak 24/2024)", "Returnert av eier: Utdyp tiltakene.",
        "Sendt (administrativt)", "Styrebehandlet (styresak 24/2024)", "Godkjent av eier",
    ]
    users = {h.history_user for h in report.history.exclude(history_change_reason="Rapport opprettet")}
    assert users == {people.reporter, people.approver, people.owner}


def test_approved_report_is_locked_until_reopened(report, people):
    from styring.reporting.entries import add_measure, save_entry

    to_state(report, people, ReportStatus.APPROVED)
    entry = report.entries.first()
    with pytest.raises(WorkflowError, match="kan ikke endres"):
        save_entry(entry, people.reporter, {"text": "Endret"}, entry.version)
    with pytest.raises(WorkflowError, match="kan ikke endres"):
        add_measure(entry, people.reporter, description="x", owner="y", due_date="2024-12-01")
    workflow.reopen(report, people.owner, "Feil i tallene.")
    saved = save_entry(entry, people.reporter, {"text": "Rettet"}, entry.version)
    assert saved.text == "Rettet"


def test_board_decision_requires_its_fields(report, people):
    to_state(report, people, ReportStatus.SUBMITTED)
    with pytest.raises(WorkflowError) as exc:
        workflow.record_board_decision(report, people.approver, case_number="", meeting_date="", decision_text="")
    assert exc.value.errors == ["Oppgi styresaksnummer.", "Oppgi møtedato.", "Skriv inn styrets vedtak."]


def test_return_needs_a_comment(report, people):
    to_state(report, people, ReportStatus.SUBMITTED)
    with pytest.raises(WorkflowError, match="kommentar"):
        workflow.return_report(report, people.owner, "  ")


def test_allowed_steps_for_buttons(report, people):
    assert workflow.allowed_steps(report, people.reporter) == {"edit", "submit"}
    assert workflow.allowed_steps(report, people.owner) == set()
    to_state(report, people, ReportStatus.SUBMITTED)
    assert workflow.allowed_steps(report, people.approver) == {"board_approve"}
    assert workflow.allowed_steps(report, people.owner) == {"return"}
    assert workflow.allowed_steps(report, people.reporter) == set()


def test_monthly_report_is_approved_once_sent_without_a_board_decision(orgs, periods, people, hn_doc):
    """A monthly report covers the items reported monthly and the deviations; the owner approves
    it once it is sent, while a tertial report must be board-approved first."""
    from styring.reporting.models import ReportingPeriod

    hn_doc.items["forsk"].reporting = ["monthly", "annual"]
    hn_doc.items["forsk"].save()
    may = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind="monthly", month=5,
                                         admin_deadline=dt.date(2024, 6, 15))
    monthly = ensure_report(orgs["UNN"], may)
    assert [e.item_id for e in monthly.entries.all()] == [hn_doc.items["forsk"].pk]
    fill_report(monthly, people.reporter)
    workflow.submit(monthly, people.reporter)
    assert "approve" in workflow.allowed_steps(monthly, people.owner)
    workflow.approve(monthly, people.owner)
    monthly.refresh_from_db()
    assert monthly.status == ReportStatus.APPROVED

    tertial = ensure_report(orgs["UNN"], periods.t1)
    fill_report(tertial, people.reporter)
    workflow.submit(tertial, people.reporter)
    assert "approve" not in workflow.allowed_steps(tertial, people.owner)
    with pytest.raises(WorkflowError, match="må være styrebehandlet"):
        workflow.approve(tertial, people.owner)


def test_a_return_and_a_reopen_with_the_longest_comment_the_form_allows_are_saved(report, people):
    """The reason in the history holds the whole comment (it was a varchar(100): PostgreSQL refused
    a comment of about 80 characters with a 500)."""
    from styring.reporting.forms import ReturnForm

    longest = ReturnForm.base_fields["comment"].max_length
    comment = ("Utdyp ventetidene og tiltakene for hver klinikk. " * 200)[:longest]
    to_state(report, people, ReportStatus.SUBMITTED)
    workflow.return_report(report, people.owner, comment, {report.entries.first().pk: comment})
    workflow.submit(report, people.reporter)
    workflow.record_board_decision(report, people.approver, **BOARD)
    workflow.approve(report, people.owner)
    workflow.reopen(report, people.owner, comment)
    reasons = [h.history_change_reason for h in report.history.order_by("history_date", "history_id")]
    assert f"Returnert av eier: {comment.strip()}" in reasons and f"Gjenåpnet av eier: {comment.strip()}" in reasons
