"""Saving never loses work: optimistic locking and carry-forward of open measures."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from styring.reporting import workflow
from styring.reporting.entries import close_measure, measures_for, save_entry
from styring.reporting.errors import ConflictError
from styring.reporting.models import Report
from styring.reporting.scope import ensure_report
from tests.reporting.conftest import fill_report


def test_stale_save_is_refused_and_both_versions_are_kept(orgs, periods, people, make_user):
    colleague = make_user("UNN", "reporter", first_name="Kari", last_name="Kollega")
    report = ensure_report(orgs["UNN"], periods.t1)
    entry = report.entries.first()
    assert entry is not None
    opened_version = entry.version
    save_entry(entry, colleague, {"text": "Kari sin tekst"}, opened_version)
    with pytest.raises(ConflictError) as exc:
        save_entry(entry, people.reporter, {"text": "Rita sin tekst"}, opened_version)
    assert "endret av Kari Kollega" in exc.value.message
    assert exc.value.current.text == "Kari sin tekst" and exc.value.yours["text"] == "Rita sin tekst"
    entry.refresh_from_db()
    assert entry.text == "Kari sin tekst" and entry.version == opened_version + 1
    # saving again on top of the version now seen succeeds
    save_entry(entry, people.reporter, {"text": "Felles tekst"}, entry.version)
    entry.refresh_from_db()
    assert entry.text == "Felles tekst" and entry.version == opened_version + 2
    assert Report.objects.get(pk=report.pk).version == report.version + 2
    assert [h.text for h in entry.history.order_by("history_date", "history_id")] == [
        "", "Kari sin tekst", "Felles tekst"]


def test_only_the_trusts_reporter_may_edit(orgs, periods, people):
    report = ensure_report(orgs["UNN"], periods.t1)
    entry = report.entries.first()
    assert entry is not None
    for user in (people.approver, people.reader, people.owner, people.fin_reporter):
        with pytest.raises(PermissionDenied):
            save_entry(entry, user, {"text": "x"}, entry.version)


def test_open_measures_carry_forward_until_closed(orgs, periods, people, hn_doc):
    ventetid = hn_doc.items["ventetid"].pk
    t1 = fill_report(ensure_report(orgs["UNN"], periods.t1), people.reporter, {ventetid: "partly"})
    workflow.submit(t1, people.reporter)
    t2 = ensure_report(orgs["UNN"], periods.t2)
    t2_entry = t2.entries.get(item_id=ventetid)
    carried = list(measures_for(t2_entry))
    assert [m.description for m in carried] == ["Ekstra poliklinikkdager"]
    assert carried[0].created_in is not None
    assert carried[0].created_in.report == t1
    close_measure(carried[0], t2_entry, people.reporter)
    # closed in tertial 2: still shown there, gone from the annual report
    assert [m.is_open for m in measures_for(t2_entry)] == [False]
    annual = ensure_report(orgs["UNN"], periods.annual)
    assert list(measures_for(annual.entries.get(item_id=ventetid))) == []
    # and in tertial 1 the measure is still shown as created there
    assert len(measures_for(t1.entries.get(item_id=ventetid))) == 1


def test_risk_link_must_be_the_trusts_own(orgs, periods, people):
    from styring.reporting.errors import WorkflowError
    from styring.reporting.models import Risk

    report = ensure_report(orgs["UNN"], periods.t1)
    entry = report.entries.first()
    fin_risk = Risk.objects.create(organisation=orgs["FIN"], title="Rekruttering")
    assert entry is not None
    with pytest.raises(WorkflowError):
        save_entry(entry, people.reporter, {"risk": fin_risk.pk}, entry.version)
    own = Risk.objects.create(organisation=orgs["UNN"], title="Kapasitet")
    assert save_entry(entry, people.reporter, {"risk": str(own.pk)}, entry.version).risk == own
