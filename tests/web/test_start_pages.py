"""The start page per role: each role lands on what waits for it (and nothing it may not see),
and the menu counts it ("Til godkjenning 1")."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from styring.reporting import workflow
from styring.reporting.models import PeriodKind, ReportingPeriod, ReportStatus
from styring.reporting.periods import create_periods
from styring.reporting.scope import ensure_report
from styring.selectors import (
    reports_awaiting_approval,
    reports_awaiting_board,
    reports_returned_by,
    reports_to_fill,
)
from styring.web.start import nav_tasks, start_context
from tests.reporting.conftest import (  # noqa: F401  (the reporting stage's fixtures)
    build_hn_document,
    fill_entry,
    fill_report,
    people,
)

BOARD = {"case_number": "12/26", "meeting_date": dt.date.today(), "decision_text": "Styret tar rapporten til orientering."}


@pytest.fixture
def world(orgs, people):  # noqa: F811
    """This year's cycle in Helse Nord, dated from today: UNN's 1. tertial returned by the owner with
    a comment on one entry, UNN's risk assessment sent (waiting for UNN's board), FIN's 1. tertial
    board-treated (waiting for Helse Nord's approval)."""
    today = dt.date.today()
    doc = build_hn_document(orgs, year=today.year, calendar=[])
    periods = {p.kind: p for p in create_periods(orgs["HN"], today.year, doc.document)}
    for kind, admin, board in ((PeriodKind.RISK, -5, 25), (PeriodKind.TERTIAL_1, 10, 20),
                               (PeriodKind.TERTIAL_2, 50, 60), (PeriodKind.ANNUAL, 90, 100)):
        ReportingPeriod.objects.filter(pk=periods[kind].pk).update(
            admin_deadline=today + dt.timedelta(days=admin), board_deadline=today + dt.timedelta(days=board))
    for p in periods.values():
        p.refresh_from_db()
    t1, risk = periods[PeriodKind.TERTIAL_1], periods[PeriodKind.RISK]
    due = today + dt.timedelta(days=40)
    unn = fill_report(ensure_report(orgs["UNN"], t1), people.reporter)
    red = unn.entries.select_related("item").last()
    fill_entry(red, people.reporter, "not_achieved", deviation="Forsinket.",
               measure={"description": "Rekruttere spesialsykepleiere", "owner": "Klinikksjef", "due_date": due})
    workflow.submit(unn, people.reporter)
    workflow.record_board_decision(unn, people.approver, **BOARD)
    workflow.return_report(unn, people.owner, "Utdyp tiltaket for ventetid.", {red.pk: "Mangler tall for ventetid."})
    unn_risk = fill_report(ensure_report(orgs["UNN"], risk), people.reporter)
    workflow.submit(unn_risk, people.reporter)
    fin = fill_report(ensure_report(orgs["FIN"], t1), people.fin_reporter)
    workflow.submit(fin, people.fin_reporter)
    workflow.record_board_decision(fin, people.fin_approver, **BOARD)
    return SimpleNamespace(unn=unn, unn_risk=unn_risk, fin=fin, red=red, t1=t1, today=today)


def test_each_role_sees_what_waits_for_it_and_only_that(world, people):  # noqa: F811
    assert list(reports_to_fill(people.reporter)) == [world.unn]
    assert world.unn.status == ReportStatus.RETURNED
    assert list(reports_awaiting_board(people.approver)) == [world.unn_risk]
    assert list(reports_awaiting_approval(people.owner)) == [world.fin]
    assert list(reports_returned_by(people.owner)) == [world.unn]
    # HOD reads the trusts' reports but approves only the RHFs'; another RHF sees none of them
    assert not reports_awaiting_approval(people.hod).exists() and not reports_awaiting_approval(people.other_owner).exists()
    assert not reports_to_fill(people.fin_approver).exists() and not reports_awaiting_board(people.reporter).exists()
    assert not reports_to_fill(people.reader).exists()
    # the menu's counts
    assert nav_tasks(people.owner) == [{"label": "Til godkjenning", "count": 1, "anchor": "til-godkjenning"}]
    assert nav_tasks(people.approver)[0]["count"] == 1 and nav_tasks(people.reporter)[0]["count"] == 1
    # the reporter's page: the returned report with progress, the measure, the next deadlines
    trust = start_context(people.reporter)
    assert trust["role"] == "trust" and trust["returned"] == [world.unn] and trust["open_reports"] == []
    returned = trust["returned"][0]
    assert returned.n_entries == world.unn.entries.count() == returned.n_filled
    # issue 18: "Åpne tiltak etter frist" lists only measures past their due date (this one is due in 40 days)
    assert trust["measures"] == [] and trust["measures_total"] == 0 and trust["measures_open"] == 1
    assert any(d.date == world.t1.admin_deadline for d in trust["deadlines"])
    # the owner's page: what to approve, what is returned, what is overdue (UNN's and FIN's risk
    # assessments were due 5 days ago; UNN's was sent, FIN's was not started)
    owner = start_context(people.owner)
    assert owner["awaiting_approval"] == [world.fin] and owner["returned_by_me"] == [world.unn]
    assert [(t.organisation.code, t.what) for t in owner["overdue_trusts"]] == [
        ("FIN", [f"Risikovurdering {world.today.year}: administrativ versjon"])]


def test_the_menu_counts_in_two_queries_at_most(client, world, people, django_assert_max_num_queries):  # noqa: F811
    from django.test import RequestFactory

    from styring.web.context_processors import shell

    request = RequestFactory().get("/krav/")
    request.user = people.owner
    shell(request)  # the membership is cached on the user from here on
    with django_assert_max_num_queries(2):
        tasks = shell(request)["nav_tasks"]
    assert tasks[0]["label"] == "Til godkjenning" and tasks[0]["count"] == 1 and tasks[0]["url"] == "/#til-godkjenning"


def test_an_admin_gets_the_admin_and_no_request_for_access(client, make_user, world):
    admin = make_user(None, username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert "Be en administrator om tilgang" not in page
    assert 'href="/admin/"' in page and "Importlogg" in page and "Styringskrav og rammer" in page


def test_the_report_list_does_not_tell_owners_that_drafts_are_theirs(client, world, people):  # noqa: F811
    client.force_login(people.owner)
    page = client.get("/rapportering/").content.decode()
    assert "Utkast ser bare" not in page and "Returnert" in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_each_role_lands_on_its_start_page_and_finds_its_next_task(world, people, page, login, make_user,
                                                                    assert_accessible):  # noqa: F811
    shots = "/tmp/issue-12a"

    def start_as(user, name):
        page.context.clear_cookies()
        login(user)
        page.goto("/")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{shots}/start-{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    # the trust's reporter: the returned report with the owner's comment, progress and deadline
    start_as(people.reporter, "reporter")
    nav = page.get_by_role("navigation", name="Hovedmeny")
    assert nav.get_by_role("link", name="Til utfylling 1").count() == 1
    section = page.locator("section", has=page.locator("#til-utfylling"))
    text = section.inner_text()
    assert "Returnert" in text and "Utdyp tiltaket for ventetid." in text and "utfylt" in text
    measures = page.locator("section", has=page.locator("#tiltak")).inner_text()
    assert "0 av 1 åpne tiltak har passert fristen." in measures and "Rekruttere spesialsykepleiere" not in measures
    assert "1. tertial" in page.locator("section", has=page.locator("#frister")).inner_text()
    assert_accessible(page, "start page (reporter)")
    section.get_by_role("link", name=str(world.t1)).click()
    page.wait_for_url(f"**/rapportering/{world.unn.pk}/")
    assert page.locator("#rapportstatus").inner_text() == "Returnert"
    assert "Mangler tall for ventetid." in page.locator(f"#punkt-{world.red.pk}-eierkommentar").inner_text()

    # the trust's approver: the report waiting for the board
    start_as(people.approver, "approver")
    assert page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Til styret 1").count() == 1
    section = page.locator("section", has=page.locator("#til-styret"))
    assert_accessible(page, "start page (approver)")
    section.get_by_role("link", name="Registrer styrevedtak").click()
    page.wait_for_url(f"**/rapportering/{world.unn_risk.pk}/#saksgang")
    assert page.get_by_role("button", name="Registrer styrevedtak").count() == 1

    # the owner staff: the report waiting for approval (reached from the menu's count too)
    start_as(people.owner, "owner")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Til godkjenning 1").click()
    section = page.locator("section", has=page.locator("#til-godkjenning"))
    text = section.inner_text()
    assert "Finnmarkssykehuset" in text and "Universitetssykehuset" in text  # to approve; returned, waiting
    assert "Finnmarkssykehuset" in page.locator("section", has=page.locator("#forfalt")).inner_text()
    assert_accessible(page, "start page (owner)")
    section.get_by_role("link", name="Åpne og godkjenn").click()
    page.wait_for_url(f"**/rapportering/{world.fin.pk}/#saksgang")
    page.get_by_role("button", name="Godkjenn rapporten").click()
    page.get_by_text("Rapporten er godkjent og låst.").wait_for()
    assert page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Til godkjenning").count() == 0

    # the admin: the admin and the import log
    admin = make_user(None, username="admin", is_staff=True, is_superuser=True)
    start_as(admin, "admin")
    assert page.get_by_text("Be en administrator om tilgang").count() == 0
    assert page.get_by_role("link", name="Importlogg: alle importerte dokumenter").count() == 1
    assert_accessible(page, "start page (admin)")
    page.get_by_role("link", name="Gå til administrasjonen").click()
    page.wait_for_url("**/admin/")
    assert "administrasjon" in page.title().lower()
