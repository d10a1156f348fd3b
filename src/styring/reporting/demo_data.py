"""Sample data of the reporting cycle for ``make demo``, dated from the day it is loaded, so that
every role has something to do on that day:

- Helse Nord's periods for the year of its confirmed document (this year's, see
  ``documents.demo_data``), their deadlines set from today: the risk assessment just past, the
  1. tertial due in ten days, the 2. tertial and the annual report later (the seed's own
  calendar is the 2024 document's and stays in its text and the årshjul of 2024);
- UNN's 1. tertial as a draft, two thirds filled in (one yellow and one red entry with deviation and
  measures, one of them past its due date) — the reporter's task;
- UNN's risk assessment sent — waiting for UNN's board (the approver's task);
- FIN's 1. tertial sent and treated by FIN's board — waiting for Helse Nord's approval (the owner's);
- a risk assessed in two periods (sample indicator values: ``styring.indicators.demo_data``);
- when the ministry's document is in the demo (the standalone sample), Helse Nord RHF's årlig
  melding to HOD, sent and treated by Helse Nord's board — waiting for the ministry's approval.

Runs after the documents' demo data; idempotent (a second run changes nothing); skips with a
message when no confirmed items exist.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from styring.organisations.models import Organisation
from styring.reporting import workflow
from styring.reporting.entries import add_measure, save_entry
from styring.reporting.models import EntryStatus, PeriodKind, Report, ReportingPeriod, Risk, RiskAssessment
from styring.reporting.periods import create_periods
from styring.requirements.models import Item

# days from today: (administrative deadline, board deadline) of each period
DEADLINES = {
    PeriodKind.RISK: (-30, -10),
    PeriodKind.TERTIAL_1: (10, 24),
    PeriodKind.TERTIAL_2: (130, 145),
    PeriodKind.ANNUAL: (220, 240),
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _fill(report: Report, user: User, colours: dict[int, str], today: dt.date, share: float = 1.0) -> None:
    """Fill the first ``share`` of the entries: green but those in ``colours`` ({position: status});
    a yellow entry's measure is past its due date, a red one's is ahead."""
    entries = list(report.entries.select_related("item").order_by("item__order", "pk"))
    upto = max(len(colours) + 1, round(len(entries) * share)) if share < 1 else len(entries)
    for n, entry in enumerate(entries[:upto]):
        if entry.status:
            continue
        status = colours.get(n, EntryStatus.ACHIEVED)
        data = {"status": status, "text": f"Arbeidet med «{entry.item.text[:60]}» følger plan."}
        if status != EntryStatus.ACHIEVED:
            data["text"] = "Arbeidet er forsinket."
            data["deviation"] = "Kapasiteten har vært lavere enn planlagt på grunn av vakante stillinger."
            data["expected_completion"] = "Innen utgangen av 2. tertial"
        saved = save_entry(entry, user, data, entry.version)
        if status != EntryStatus.ACHIEVED:
            due = today + dt.timedelta(days=-7 if status == EntryStatus.PARTLY else 60)
            add_measure(saved, user, description="Rekruttering og midlertidig innleie av spesialsykepleiere",
                        owner="Klinikksjef", due_date=due)


def _date_periods(periods: dict, today: dt.date) -> None:
    for kind, (admin, board) in DEADLINES.items():
        if kind in periods:
            ReportingPeriod.objects.filter(pk=periods[kind].pk).update(
                admin_deadline=today + dt.timedelta(days=admin), board_deadline=today + dt.timedelta(days=board))
            periods[kind].refresh_from_db()


def load(stdout, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    hn = Organisation.objects.filter(code="HN").first()
    items = Item.objects.confirmed().filter(document__issuers=hn) if hn else Item.objects.none()
    if not items.exists():
        stdout.write("Rapportering: ingen bekreftede krav fra Helse Nord – hopper over eksempelrapporter.")
        return
    year = items.order_by("-document__year").values_list("document__year", flat=True).first()
    assert hn is not None and year is not None  # items exist, so both do
    with transaction.atomic():
        fresh = not ReportingPeriod.objects.filter(issuer=hn, year=year).exists()
        periods = {p.kind: p for p in create_periods(hn, year)}
        if fresh:  # a second run keeps the dates of the first (and any the user has edited)
            _date_periods(periods, today)
    t1, risk_period = periods[PeriodKind.TERTIAL_1], periods[PeriodKind.RISK]
    unn, fin = Organisation.objects.get(code="UNN"), Organisation.objects.get(code="FIN")
    reporter, fin_reporter = _user("unn-rapportor"), _user("fin-rapportor")
    fin_approver = _user("fin-godkjenner")
    made = []
    from styring.reporting.scope import ensure_report

    if reporter and not Report.objects.filter(organisation=unn, period=t1).exists():
        report = ensure_report(unn, t1, reporter)
        _fill(report, reporter, {1: EntryStatus.PARTLY, 2: EntryStatus.NOT_ACHIEVED}, today, share=2 / 3)
        filled = report.entries.exclude(status="").count()
        made.append(f"UNN {t1} (utkast, {filled} av {report.entries.count()} punkter utfylt)")
        risk = Risk.objects.create(organisation=unn, title="Mangel på spesialsykepleiere", owner="HR-direktør",
                                   top5=True, item=Item.objects.filter(report_entries__report=report).first())
        RiskAssessment.objects.create(risk=risk, period=risk_period, probability=3, consequence=4,
                                      measures="Rekrutteringsplan")
        RiskAssessment.objects.create(risk=risk, period=t1, probability=4, consequence=4, measures="Innleie")
    if reporter and not Report.objects.filter(organisation=unn, period=risk_period).exists():
        report = ensure_report(unn, risk_period, reporter)
        _fill(report, reporter, {}, today)
        if report.entries.exists():
            workflow.submit(report, reporter)
            made.append(f"UNN {risk_period} (sendt, venter på styret)")
    if fin_reporter and not Report.objects.filter(organisation=fin, period=t1).exists():
        report = ensure_report(fin, t1, fin_reporter)
        _fill(report, fin_reporter, {0: EntryStatus.PARTLY}, today)
        if report.entries.exists():
            workflow.submit(report, fin_reporter)
            if fin_approver:
                workflow.record_board_decision(
                    report, fin_approver, case_number=f"{today:%y}/{today.month:02d}", meeting_date=today,
                    decision_text="Styret tar tertialrapporten til orientering.")
        made.append(f"FIN {t1} ({Report.objects.get(pk=report.pk).get_status_display().lower()})")
    ministry = _ministry_report(today)
    if ministry:
        made.append(ministry)
    stdout.write(
        f"Rapportering: {len(periods)} perioder for Helse Nord {year} med frister regnet fra i dag"
        + (f"; eksempelrapporter: {', '.join(made)}." if made else " (eksempelrapportene finnes fra før).")
    )


def _ministry_report(today: dt.date) -> str | None:
    """Helse Nord RHF's årlig melding to the ministry on the ministry's confirmed items (the demo's
    own oppdragsdokument), sent and treated by Helse Nord's board: the ministry staff's task. The
    ministry asks for the annual report only, so only that period is made."""
    hod, hn = Organisation.objects.filter(code="HOD").first(), Organisation.objects.filter(code="HN").first()
    reporter, approver = _user("hn-rapportor"), _user("hn-godkjenner")
    items = Item.objects.confirmed().filter(document__issuers=hod, recipients=hn) if hod and hn else Item.objects.none()
    if not items.exists() or reporter is None or approver is None:
        return None
    year = items.order_by("-document__year").values_list("document__year", flat=True).first()
    assert hod is not None and hn is not None and year is not None  # items exist, so all do
    admin, board = DEADLINES[PeriodKind.ANNUAL]
    period, _ = ReportingPeriod.objects.get_or_create(
        issuer=hod, year=year, kind=PeriodKind.ANNUAL, month=None,
        defaults={"admin_deadline": today + dt.timedelta(days=admin), "board_deadline": today + dt.timedelta(days=board)})
    if Report.objects.filter(organisation=hn, period=period).exists():
        return None
    from styring.reporting.scope import ensure_report

    report = ensure_report(hn, period, reporter)
    _fill(report, reporter, {1: EntryStatus.PARTLY}, today)
    if not report.entries.exists():
        return None
    workflow.submit(report, reporter)
    workflow.record_board_decision(report, approver, case_number=f"{today:%y}/{today.month:02d}-HN", meeting_date=today,
                                   decision_text="Styret i Helse Nord RHF godkjenner årlig melding og sender den til departementet.")
    return f"HN {period} til HOD (styrebehandlet, venter på departementet)"
