from __future__ import annotations

from styring.reporting.models import ReportStatus
from styring.reporting.scope import ensure_report, items_in_scope
from tests.reporting.conftest import fill_report


def keys(hn_doc, items):
    by_pk = {i.pk: k for k, i in hn_doc.items.items()}
    return {by_pk[i.pk] for i in items}


def test_annual_report_has_every_confirmed_item_the_trust_must_act_on(hn_doc, periods, orgs):
    # not "ukjent" (unconfirmed), not "fin-only" (UNN is only informed)
    assert keys(hn_doc, items_in_scope(orgs["UNN"], periods.annual)) == {"psyk", "pakke", "forsk", "kompetanse", "ventetid"}
    assert keys(hn_doc, items_in_scope(orgs["FIN"], periods.annual)) == {"psyk", "pakke", "kompetanse", "ventetid",
                                                                        "fin-only"}


def test_tertial_has_tertial_items_and_risk_period_risk_marked_goals(hn_doc, periods, orgs):
    assert keys(hn_doc, items_in_scope(orgs["UNN"], periods.t1)) == {"pakke", "forsk", "ventetid"}
    assert keys(hn_doc, items_in_scope(orgs["UNN"], periods.risk)) == {"ventetid"}


def test_tertial_2_adds_deviations_from_tertial_1(hn_doc, periods, orgs, people):
    from styring.reporting import workflow

    # in tertial 1, the annual-only goal "psyk" is not there; suppose UNN reported "ventetid" red
    t1 = ensure_report(orgs["UNN"], periods.t1)
    fill_report(t1, people.reporter, {hn_doc.items["ventetid"].pk: "not_achieved"})
    workflow.submit(t1, people.reporter)
    # and a measure stays open on "kompetanse" from the risk period (carried forward)
    risk_report = ensure_report(orgs["UNN"], periods.risk)
    fill_report(risk_report, people.reporter, {hn_doc.items["ventetid"].pk: "partly"})
    t2_keys = keys(hn_doc, items_in_scope(orgs["UNN"], periods.t2))
    assert t2_keys == {"pakke", "forsk", "ventetid"}
    # a deviation on an item that is not tertial-marked brings it into tertial 2
    annual_only = ensure_report(orgs["FIN"], periods.t1)
    assert hn_doc.items["kompetanse"].pk not in set(annual_only.entries.values_list("item_id", flat=True))
    from styring.reporting.entries import add_measure

    entry = annual_only.entries.get(item=hn_doc.items["pakke"])
    add_measure(entry, people.fin_reporter, description="Tiltak", owner="Direktør", due_date="2024-12-01")
    from styring.reporting.models import Measure

    Measure.objects.filter(organisation=orgs["FIN"]).update(item=hn_doc.items["kompetanse"])
    assert "kompetanse" in keys(hn_doc, items_in_scope(orgs["FIN"], periods.t2))
    assert "kompetanse" not in keys(hn_doc, items_in_scope(orgs["UNN"], periods.t2))


def test_one_report_per_trust_per_period_with_entries(hn_doc, periods, orgs):
    report = ensure_report(orgs["UNN"], periods.t1)
    assert ensure_report(orgs["UNN"], periods.t1).pk == report.pk
    assert report.entries.count() == 3
    assert report.status == ReportStatus.DRAFT
    assert report.history.first().history_change_reason == "Rapport opprettet"
