from __future__ import annotations

import datetime as dt

import pytest

from styring.reporting.models import PeriodKind, ReportingPeriod
from styring.reporting.periods import classify, create_periods

D = dt.date


@pytest.mark.parametrize("label,expected", [
    ("1. tertial: administrativt utarbeidet tertialrapport", ("tertial1", "admin")),
    ("1. tertial: styrebehandlet tertialrapport", ("tertial1", "board")),
    ("2. tertial", ("tertial2", "admin")),
    ("årlig melding 2024: administrativt behandlet", ("annual", "admin")),
    ("årleg melding 2024", ("annual", "admin")),
    ("risikovurdering av utvalgte mål og oppdrag (tabell 3)", ("risk", "admin")),
    ("estimert årsresultat 2024", None),
])
def test_calendar_labels_are_classified(label, expected):
    assert classify(label) == expected


def test_periods_from_helse_nord_calendar(periods):
    assert (periods.t1.admin_deadline, periods.t1.board_deadline) == (D(2024, 5, 15), D(2024, 6, 1))
    assert (periods.t2.admin_deadline, periods.t2.board_deadline) == (D(2024, 9, 15), D(2024, 10, 1))
    assert periods.annual.admin_deadline == D(2025, 2, 1)
    assert periods.risk.admin_deadline == D(2024, 3, 1)


def test_jointly_owned_calendar_without_board_dates(orgs):
    from tests.reporting.conftest import build_hn_document

    doc = build_hn_document(orgs, calendar=[("2024-05-16", "1. tertial"), ("2024-09-13", "2. tertial"),
                                            ("2025-01-31", "årlig melding 2024")]).document
    made = {p.kind: p for p in create_periods(orgs["HN"], 2024, doc)}
    assert made[PeriodKind.TERTIAL_1].admin_deadline == D(2024, 5, 16)
    assert made[PeriodKind.TERTIAL_1].board_deadline is None
    assert made[PeriodKind.ANNUAL].admin_deadline == D(2025, 1, 31)
    assert made[PeriodKind.RISK].admin_deadline == D(2024, 3, 1)  # default where the calendar is silent


def test_unnumbered_tertial_dates_are_placed_by_date(orgs):
    from tests.reporting.conftest import build_hn_document

    doc = build_hn_document(orgs, calendar=[("2024-05-20", "tertialrapport"), ("2024-06-03", "tertialrapport"),
                                            ("2024-09-16", "tertialrapport"), ("2024-10-02", "tertialrapport"),
                                            ("2024-12-31", "rapportering")]).document
    made = {p.kind: p for p in create_periods(orgs["HN"], 2024, doc)}
    assert (made[PeriodKind.TERTIAL_1].admin_deadline, made[PeriodKind.TERTIAL_1].board_deadline) == (
        D(2024, 5, 20), D(2024, 6, 3))
    assert (made[PeriodKind.TERTIAL_2].admin_deadline, made[PeriodKind.TERTIAL_2].board_deadline) == (
        D(2024, 9, 16), D(2024, 10, 2))


def test_defaults_without_document_and_idempotent_keeping_edits(orgs):
    made = create_periods(orgs["HN"], 2025)
    t1 = next(p for p in made if p.kind == PeriodKind.TERTIAL_1)
    assert (t1.admin_deadline, t1.board_deadline) == (D(2025, 5, 15), D(2025, 6, 1))
    t1.admin_deadline = D(2025, 5, 20)
    t1.save()
    create_periods(orgs["HN"], 2025)
    assert ReportingPeriod.objects.filter(issuer=orgs["HN"], year=2025).count() == 4
    t1.refresh_from_db()
    assert t1.admin_deadline == D(2025, 5, 20)
    annual = ReportingPeriod.objects.get(issuer=orgs["HN"], year=2025, kind=PeriodKind.ANNUAL)
    assert annual.admin_deadline == D(2026, 2, 1)


def test_monthly_periods_on_request(orgs, hn_doc):
    """Monthly periods only when asked for: one per month, due the 15th of the next month, with no
    board deadline; asking again adds nothing."""
    from styring.reporting.periods import period_end

    assert not any(p.kind == PeriodKind.MONTHLY for p in create_periods(orgs["HN"], 2024))
    made = [p for p in create_periods(orgs["HN"], 2024, monthly=True) if p.kind == PeriodKind.MONTHLY]
    assert [p.month for p in made] == list(range(1, 13))
    assert made[0].admin_deadline == D(2024, 2, 15) and made[0].board_deadline is None
    assert made[11].admin_deadline == D(2025, 1, 15)
    assert str(made[2]) == "Månedlig (03) 2024"
    assert period_end(made[1]) == D(2024, 2, 29) and period_end(made[11]) == D(2024, 12, 31)
    create_periods(orgs["HN"], 2024, monthly=True)
    assert ReportingPeriod.objects.filter(issuer=orgs["HN"], year=2024, kind=PeriodKind.MONTHLY).count() == 12


def test_owner_creates_monthly_periods_on_the_period_page(client, people, orgs):
    client.force_login(people.owner)
    response = client.post("/rapportering/perioder/", {"year": "2026", "monthly": "on"}, follow=True)
    assert "16 perioder for 2026 er klare." in response.content.decode()
    assert ReportingPeriod.objects.filter(issuer=orgs["HN"], year=2026, kind=PeriodKind.MONTHLY).count() == 12
