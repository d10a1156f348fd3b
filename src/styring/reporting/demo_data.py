"""Sample data of the reporting cycle for ``make demo``: Helse Nord's periods for the year of its
confirmed document, UNN's 1. tertial report as a draft with entries filled in (one yellow, one
red with deviation and measure), FIN's report sent and a few risks (sample indicator values:
``styring.indicators.demo_data``).

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
from styring.reporting.models import PeriodKind, Report, Risk, RiskAssessment
from styring.reporting.periods import create_periods
from styring.requirements.models import Item


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _fill(report: Report, user: User, colours: dict[int, str]) -> None:
    for n, entry in enumerate(report.entries.select_related("item").order_by("item__order", "pk")):
        if entry.status:
            continue
        status = colours.get(n, "achieved")
        data = {"status": status, "text": f"Arbeidet med «{entry.item.text[:60]}» følger plan."}
        if status != "achieved":
            data["text"] = "Arbeidet er forsinket."
            data["deviation"] = "Kapasiteten har vært lavere enn planlagt på grunn av vakante stillinger."
            data["expected_completion"] = "Innen utgangen av 2. tertial"
        saved = save_entry(entry, user, data, entry.version)
        if status != "achieved":
            add_measure(saved, user, description="Rekruttering og midlertidig innleie av spesialsykepleiere",
                        owner="Klinikksjef", due_date=dt.date(report.period.year, 9, 30))


def load(stdout) -> None:
    hn = Organisation.objects.filter(code="HN").first()
    items = Item.objects.confirmed().filter(document__issuers=hn) if hn else Item.objects.none()
    if not items.exists():
        stdout.write("Rapportering: ingen bekreftede krav fra Helse Nord – hopper over eksempelrapporter.")
        return
    year = items.order_by("-document__year").values_list("document__year", flat=True).first()
    assert hn is not None and year is not None  # items exist, so both do
    with transaction.atomic():
        periods = {p.kind: p for p in create_periods(hn, year)}
    t1 = periods[PeriodKind.TERTIAL_1]
    unn, fin = Organisation.objects.get(code="UNN"), Organisation.objects.get(code="FIN")
    reporter, fin_reporter = _user("unn-rapportor"), _user("fin-rapportor")
    made = []
    from styring.reporting.scope import ensure_report

    if reporter and not Report.objects.filter(organisation=unn, period=t1).exists():
        report = ensure_report(unn, t1, reporter)
        _fill(report, reporter, {1: "partly", 2: "not_achieved"})
        made.append(f"UNN {t1} (utkast, {report.entries.count()} punkter)")
        risk = Risk.objects.create(organisation=unn, title="Mangel på spesialsykepleiere", owner="HR-direktør",
                                   top5=True, item=Item.objects.filter(report_entries__report=report).first())
        RiskAssessment.objects.create(risk=risk, period=periods[PeriodKind.RISK], probability=3, consequence=4,
                                      measures="Rekrutteringsplan")
        RiskAssessment.objects.create(risk=risk, period=t1, probability=4, consequence=4, measures="Innleie")
    if fin_reporter and not Report.objects.filter(organisation=fin, period=t1).exists():
        report = ensure_report(fin, t1, fin_reporter)
        _fill(report, fin_reporter, {0: "partly"})
        if report.entries.exists():
            workflow.submit(report, fin_reporter)
        made.append(f"FIN {t1} ({Report.objects.get(pk=report.pk).get_status_display().lower()})")
    stdout.write(
        f"Rapportering: {len(periods)} perioder for Helse Nord {year}"
        + (f"; eksempelrapporter: {', '.join(made)}." if made else " (eksempelrapportene finnes fra før).")
    )
