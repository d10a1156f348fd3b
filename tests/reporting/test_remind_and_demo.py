from __future__ import annotations

import io

from django.core import mail
from django.core.management import call_command

from styring.reporting import workflow
from styring.reporting.models import Reminder, Report, ReportStatus
from tests.reporting.conftest import fill_report


def remind(today, *extra):
    out = io.StringIO()
    call_command("remind", f"--today={today}", *extra, stdout=out)
    return out.getvalue()


def test_reminders_before_and_after_deadline_once_per_user(periods, people, orgs):
    # 8 May: 1. tertial's administrative deadline (15 May) is 7 days away → UNN's and FIN's reporters
    assert "Sendte 2 påminnelser" in remind("2024-05-08")
    assert sorted(m.to[0] for m in mail.outbox) == ["fin-rapportor@example.org", "unn-rapportor@example.org"]
    assert "om 7 dager (15.05.2024)" in mail.outbox[0].body
    assert remind("2024-05-09").startswith("Sendte 0")  # once per user, report and kind
    # UNN sends in time; FIN does not
    unn = Report.objects.get(organisation=orgs["UNN"], period=periods.t1)
    fill_report(unn, people.reporter)
    workflow.submit(unn, people.reporter)
    mail.outbox.clear()
    # 25 May: FIN's reporter is reminded it is overdue; UNN's and FIN's approvers about the board deadline (1 June)
    remind("2024-05-25")
    got = sorted((m.to[0], m.subject.split(" – ")[0]) for m in mail.outbox)
    assert [to for to, _ in got] == ["fin-godkjenner@example.org", "fin-rapportor@example.org",
                                     "unn-godkjenner@example.org"]
    overdue = next(m for m in mail.outbox if m.to == ["fin-rapportor@example.org"])
    assert "gikk ut for 10 dager siden" in overdue.body
    assert Reminder.objects.filter(user=people.fin_reporter).count() == 2
    mail.outbox.clear()
    remind("2024-05-26")
    assert mail.outbox == []


def test_no_reminders_far_from_deadlines(periods, people):
    remind("2024-07-15")  # 44 days after the last deadline (beyond --overdue-days), 62 before the next
    assert mail.outbox == []


def test_demo_data_is_idempotent_and_skips_without_items(orgs):
    """The demo's cycle is dated from the day it is loaded: each role has its task that day."""
    import datetime as dt

    from styring.accounts.demo import create_demo_users
    from styring.reporting import demo_data
    from styring.selectors import reports_awaiting_approval, reports_awaiting_board, reports_to_fill
    from tests.reporting.conftest import build_hn_document

    create_demo_users()
    out = io.StringIO()
    demo_data.load(out)
    assert "ingen bekreftede krav" in out.getvalue()
    today = dt.date.today()
    build_hn_document(orgs, year=today.year, calendar=[])
    demo_data.load(out)
    unn = Report.objects.get(organisation__code="UNN", period__kind="tertial1")
    fin = Report.objects.get(organisation__code="FIN", period__kind="tertial1")
    unn_risk = Report.objects.get(organisation__code="UNN", period__kind="risk")
    assert unn.status == ReportStatus.DRAFT and fin.status == ReportStatus.BOARD_APPROVED
    assert unn_risk.status == ReportStatus.SUBMITTED
    assert unn.period.year == today.year and unn.period.admin_deadline == today + dt.timedelta(days=10)
    assert unn.entries.exclude(status="").count() == unn.entries.count() == 3
    from django.contrib.auth.models import User

    users = {u.username: u for u in User.objects.all()}
    assert list(reports_to_fill(users["unn-rapportor"])) == [unn]
    assert list(reports_awaiting_board(users["unn-godkjenner"])) == [unn_risk]
    assert list(reports_awaiting_approval(users["hn-eier"])) == [fin]
    counts = (Report.objects.count(), Reminder.objects.count(), unn.entries.get(status="not_achieved").version)
    demo_data.load(out)
    assert (Report.objects.count(), Reminder.objects.count(),
            unn.entries.get(status="not_achieved").version) == counts
