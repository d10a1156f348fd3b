"""A revised version replacing its predecessor, and this year's document against last year's."""
from __future__ import annotations

import datetime as dt

import pytest

from styring.documents import services
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db

KEEP = "#assignment 101 1 UNN,NLSH\nHelseforetakene skal etablere felles rutiner for oppfølging av pasienter."
REPORTED = "#assignment 102 1 UNN\nUNN skal utrede et regionalt tilbud for spiseforstyrrelser hos voksne."
REWORD_OLD = "#assignment 103 2 FIN,UNN\nHelseforetakene skal redusere bruken av innleie av sykepleiere fra bemanningsbyråer."
REWORD_NEW = "#assignment 103 2 FIN,UNN\nHelseforetakene skal redusere bruken av innleie av sykepleiere og leger fra bemanningsbyråer."
DROP = "#indicator - 3 FIN\nAndelen fristbrudd skal være under to prosent i Finnmark."
ADDED = "#goal - 3 HSYK\nHelgelandssykehuset skal ta i bruk nytt sykehusbygg i Mo i Rana."


def _report_on(item, org):
    from styring.reporting.models import Report, ReportEntry, ReportingPeriod

    period = ReportingPeriod.objects.create(issuer=item.document.issuers.first(), year=2024, kind="tertial1")
    report = Report.objects.create(organisation=org, period=period)
    return ReportEntry.objects.create(report=report, item=item, status="achieved", text="Gjort.")


def test_new_version_keeps_confirmed_work_and_reported_items(fake_extractor, write_doc, hn_owner, orgs, media_root):
    old = services.import_document(
        write_doc("v1.txt", KEEP, REPORTED, REWORD_OLD, DROP), issuer_codes=["HN"], year=2024, user=hn_owner
    )
    services.confirm_document(old, hn_owner)
    keep = old.items.get(ref="101")
    keep.recipients.add(orgs["HSYK"])  # a reviewer's correction
    reported, reworded, dropped = old.items.get(ref="102"), old.items.get(ref="103"), old.items.get(kind="indicator")
    entry = _report_on(reported, orgs["UNN"])

    new = services.import_document(
        write_doc("v2.txt", REPORTED, KEEP, REWORD_NEW, ADDED, preamble="Styringskrav 2024, revidert\n\n"),
        issuer_codes=["HN"], year=2024, user=hn_owner, supersedes=old,
    )

    assert new.supersedes == old and list(old.superseded_by.all()) == [new]
    keep.refresh_from_db()
    assert keep.document == new and keep.confirmed and keep.revision_status == "unchanged"
    assert set(keep.recipients.values_list("code", flat=True)) == {"UNN", "NLSH", "HSYK"}
    assert new.text[keep.source_spans[0]["start"]:keep.source_spans[0]["end"]] == keep.text
    entry.refresh_from_db()
    assert entry.item.document == new and entry.item.confirmed
    reworded.refresh_from_db()
    assert reworded.document == new and reworded.revision_status == "altered" and not reworded.confirmed
    assert "og leger" in reworded.text and "og leger" not in reworded.previous_text
    assert set(reworded.recipients.values_list("code", flat=True)) == {"FIN", "UNN"}
    dropped.refresh_from_db()
    assert dropped.removed and dropped.document == old
    added = new.items.get(kind="goal")
    assert added.revision_status == "new"
    assert new.items.count() == 4 and Item.objects.count() == 5  # nothing duplicated, nothing deleted
    unn = Item.objects.confirmed().applying_to(orgs["UNN"])
    assert set(unn) == {keep, reported}  # reworded waits for confirmation; removed is gone
    assert Item.objects.confirmed().applying_to(orgs["FIN"]).count() == 0


def test_removed_item_with_report_entries_is_never_deleted(fake_extractor, write_doc, hn_owner, orgs, media_root):
    old = services.import_document(write_doc("v1.txt", KEEP, REPORTED), issuer_codes=["HN"], year=2024, user=hn_owner)
    services.confirm_document(old, hn_owner)
    reported = old.items.get(ref="102")
    _report_on(reported, orgs["UNN"])
    services.import_document(write_doc("v2.txt", KEEP), issuer_codes=["HN"], year=2024, user=hn_owner, supersedes=old)
    reported.refresh_from_db()
    assert reported.removed and reported.report_entries.count() == 1
    assert reported not in Item.objects.confirmed()


def test_year_over_year_marks_recurring_new_and_dropped(fake_extractor, write_doc, hn_owner, orgs, media_root):
    last = services.import_document(
        write_doc("2023.txt", KEEP, REWORD_OLD, DROP), issuer_codes=["HN"], year=2023, user=hn_owner
    )
    services.confirm_document(last, hn_owner)
    this = services.import_document(
        write_doc("2024.txt", REWORD_NEW.replace("103", "7"), KEEP, ADDED), issuer_codes=["HN"], year=2024, user=hn_owner
    )
    assert this.previous_year == last
    reworded = this.items.get(ref="7")
    assert reworded.year_status == "recurring" and reworded.previous_year_item == last.items.get(ref="103")
    assert this.items.get(ref="101").previous_year_item == last.items.get(ref="101")
    assert this.items.get(kind="goal").year_status == "new"
    assert list(services.dropped_items(this)) == [last.items.get(kind="indicator")]


def test_open_items_from_last_year_can_be_carried_over(fake_extractor, write_doc, hn_owner, orgs, media_root):
    last = services.import_document(write_doc("2023.txt", KEEP, DROP, REPORTED), issuer_codes=["HN"], year=2023, user=hn_owner)
    services.confirm_document(last, hn_owner)
    achieved = last.items.get(ref="102")
    _report_on(achieved, orgs["UNN"])
    this = services.import_document(write_doc("2024.txt", KEEP, ADDED), issuer_codes=["HN"], year=2024, user=hn_owner)
    dropped = list(services.dropped_items(this))
    assert set(dropped) == {last.items.get(kind="indicator"), achieved}
    assert services.is_open(last.items.get(kind="indicator")) and not services.is_open(achieved)
    [copy] = services.carry_over(this, [last.items.get(kind="indicator")], hn_owner)
    assert copy.document == this and not copy.confirmed and copy.year_status == "recurring"
    assert list(copy.recipients.values_list("code", flat=True)) == ["FIN"]
    assert list(services.dropped_items(this)) == [achieved]


def test_matching_survives_rewording_but_not_a_different_item():
    from styring.requirements.matching import Entry, match, similarity

    assert similarity("Helseforetakene skal redusere innleie.", "helseforetakene  skal redusere innleie") == 1.0
    old = [Entry(0, "1", "Helseforetakene skal redusere bruken av innleie av sykepleiere fra bemanningsbyråer."),
           Entry(1, "", "Ventetiden skal være under 50 dager.")]
    new = [Entry(0, "", "Sykehusapoteket skal innføre ny kjøleromsløsning i alle apotek."),
           Entry(1, "4", "Helseforetakene skal redusere bruken av innleie av sykepleiere og leger fra bemanningsbyråer.")]
    assert match(old, new) == {1: (0, pytest.approx(similarity(old[0].text, new[1].text)))}


def test_year_comparison_is_quick_on_a_full_document():
    from styring.requirements.matching import Entry, match

    texts = [f"Helseforetakene skal gjennomføre tiltak nummer {n} for {w} innen fristen i år." for n, w in
             enumerate(["kvalitet", "tilgang", "pasientsikkerhet", "rekruttering"] * 40)]
    started = dt.datetime.now()
    result = match([Entry(i, "", t) for i, t in enumerate(texts)], [Entry(i, "", t + " Nytt.") for i, t in enumerate(texts)])
    assert len(result) == len(texts)
    assert (dt.datetime.now() - started).total_seconds() < 10


def test_a_new_versions_calendar_replaces_the_old_one(fake_extractor, write_doc, hn_owner, orgs, media_root, client,
                                                    make_user):
    """The årshjul and the reporting periods follow the latest version of a document, not both."""
    from styring.documents.models import ReportingDeadline
    from styring.reporting.periods import create_periods, main_document_for

    old = services.import_document(write_doc("v1.txt", KEEP), issuer_codes=["HN"], year=2024, user=hn_owner)
    ReportingDeadline.objects.create(document=old, date=dt.date(2024, 5, 6), label="1. tertial (gammel frist)")
    services.confirm_document(old, hn_owner)
    new = services.import_document(write_doc("v2.txt", KEEP, preamble="Styringskrav 2024, revidert\n\n"),
                                   issuer_codes=["HN"], year=2024, user=hn_owner, supersedes=old)
    ReportingDeadline.objects.create(document=new, date=dt.date(2024, 5, 8), label="1. tertial (ny frist)")
    services.confirm_document(new, hn_owner)

    assert main_document_for(orgs["HN"], 2024) == new
    tertial = next(p for p in create_periods(orgs["HN"], 2024) if p.kind == "tertial1")
    assert tertial.admin_deadline == dt.date(2024, 5, 8)
    client.force_login(make_user("UNN", "reporter"))
    page = client.get("/arshjul/?ar=2024").content.decode()
    assert "1. tertial (ny frist)" in page and "gammel frist" not in page
