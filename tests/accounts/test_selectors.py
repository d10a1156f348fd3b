"""The access matrix on querysets: each role × each list in ``styring.selectors`` gives exactly
the expected set, written out by hand so that a broken rule fails here. The pages and the API
use these querysets; the last tests check a few of them through the pages and the API."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from styring import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(orgs):
    """Four documents (one in review), items in every state, reports in every state, values,
    measures and risks, across Helse Nord, Helse Sør-Øst, HOD and the jointly owned SB."""
    from styring.documents.models import SteeringDocument
    from styring.indicators.models import Indicator, IndicatorValue
    from styring.reporting.models import (
        Measure,
        PeriodKind,
        Report,
        ReportEntry,
        ReportingPeriod,
        ReportStatus,
        Risk,
        RiskAssessment,
    )
    from styring.requirements.models import Item

    confirmed, in_review = SteeringDocument.Status.CONFIRMED, SteeringDocument.Status.IN_REVIEW

    def document(name, issuer, addressees, status=confirmed):
        doc = SteeringDocument.objects.create(title=name, year=2024, status=status)
        doc.issuers.add(orgs[issuer])
        doc.addressees.add(*[orgs[c] for c in addressees])
        return doc

    docs = {
        "hn": document("hn", "HN", ["UNN", "FIN", "SB"]),
        "hn_review": document("hn_review", "HN", ["UNN"], in_review),
        "hso": document("hso", "HSO", ["OUS", "SB"]),
        "hod": document("hod", "HOD", ["HN", "HSO"]),
    }

    def item(name, doc, recipients, informed=(), *, confirmed=True, removed=False):
        made = Item.objects.create(document=docs[doc], kind="assignment", text=name, confirmed=confirmed,
                                   removed=removed)
        made.recipients.add(*[orgs[c] for c in recipients])
        made.informed.add(*[orgs[c] for c in informed])
        return made

    items = {
        "a": item("a", "hn", ["UNN"]),
        "b": item("b", "hn", ["FIN"], ["UNN"]),  # UNN only informed
        "c": item("c", "hn", ["UNN"], confirmed=False),  # still in review
        "d": item("d", "hn", ["UNN"], removed=True),  # removed by a later version
        "s": item("s", "hn", ["SB"]),
        "r1": item("r1", "hn_review", ["UNN"], confirmed=False),
        "o": item("o", "hso", ["OUS"]),
        "sb2": item("sb2", "hso", ["SB"]),
        "h": item("h", "hod", ["HN"]),
    }
    periods = {
        "p_hn": ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind=PeriodKind.ANNUAL),
        "p_hso": ReportingPeriod.objects.create(issuer=orgs["HSO"], year=2024, kind=PeriodKind.ANNUAL),
        "p_hod": ReportingPeriod.objects.create(issuer=orgs["HOD"], year=2024, kind=PeriodKind.ANNUAL),
    }

    def report(org, period, status, on_item):
        made = Report.objects.create(organisation=orgs[org], period=periods[period], status=status)
        ReportEntry.objects.create(report=made, item=items[on_item])
        return made

    reports = {
        "unn_draft": report("UNN", "p_hn", ReportStatus.DRAFT, "a"),
        "fin_sent": report("FIN", "p_hn", ReportStatus.SUBMITTED, "b"),
        "sb_hn_sent": report("SB", "p_hn", ReportStatus.SUBMITTED, "s"),
        "sb_hso_draft": report("SB", "p_hso", ReportStatus.DRAFT, "sb2"),
        "ous_approved": report("OUS", "p_hso", ReportStatus.APPROVED, "o"),
        "hn_sent": report("HN", "p_hod", ReportStatus.SUBMITTED, "h"),
    }
    series = Indicator.objects.create(item=items["a"])
    for code in ("UNN", "FIN", "OUS", "SB", "UNN-TRO"):  # and a hospital of UNN
        IndicatorValue.objects.create(indicator=series, organisation=orgs[code], period="2024-T1", year=2024, value=1)
    from styring.documents.models import Allocation
    from styring.requirements.models import ItemLink

    links = {
        "h_a": ItemLink.objects.create(parent=items["h"], child=items["a"], status="confirmed"),
        "h_c": ItemLink.objects.create(parent=items["h"], child=items["c"], status="suggested"),
        "h_o": ItemLink.objects.create(parent=items["h"], child=items["o"], status="confirmed"),
    }
    for name, doc, payer, receiver in (("unn", "hn", "HN", "UNN"), ("fin", "hn", "HN", "FIN"),
                                       ("unn_review", "hn_review", "HN", "UNN"), ("ous", "hso", "HSO", "OUS"),
                                       ("hn", "hod", "HOD", "HN")):
        Allocation.objects.create(document=docs[doc], payer=orgs[payer], receiver=orgs[receiver], amount_nok=1,
                                  year=2024, purpose=name)
    # UNN's and SB's measures were added to their reports that are still drafts (issue 19: the trust's own)
    drafts = {"UNN": reports["unn_draft"], "SB": reports["sb_hso_draft"]}
    for code in ("UNN", "FIN", "OUS", "SB"):
        Measure.objects.create(organisation=orgs[code], item=items["a"], description=code, owner="x",
                               due_date=dt.date(2024, 9, 1),
                               created_in=drafts[code].entries.first() if code in drafts else None)
        risk = Risk.objects.create(organisation=orgs[code], title=code)
        if code == "UNN":  # chosen on an entry of UNN's draft
            ReportEntry.objects.filter(report=reports["unn_draft"]).update(risk=risk)
        if code == "SB":  # assessed in the period of SB's draft to HSO
            RiskAssessment.objects.create(risk=risk, period=periods["p_hso"], probability=2, consequence=3)
    return SimpleNamespace(docs=docs, items=items, periods=periods, reports=reports, links=links)


USERS = {
    "hod": ("HOD", "owner_staff"), "hn": ("HN", "owner_staff"), "hso": ("HSO", "owner_staff"),
    "unn_reporter": ("UNN", "reporter"), "unn_reader": ("UNN", "reader"), "fin": ("FIN", "reporter"),
    "sb": ("SB", "reporter"), "hn_reader": ("HN", "reader"), "nobody": (None, None),
}
ALL_ITEMS = {"a", "b", "c", "d", "s", "r1", "o", "sb2", "h"}
ALL_REPORTS = {"unn_draft", "fin_sent", "sb_hn_sent", "sb_hso_draft", "ous_approved", "hn_sent"}

# selector → user → the expected set (names from ``world``)
EXPECTED = {
    "visible_items": {
        "hod": ALL_ITEMS,
        "hn": {"a", "b", "c", "d", "s", "r1", "sb2", "h"},
        "hso": {"s", "o", "sb2"},
        "unn_reporter": {"a", "b"}, "unn_reader": {"a", "b"},
        "fin": {"b"}, "sb": {"s", "sb2"},
        "hn_reader": {"a", "b", "d", "s", "h"},
        "nobody": set(),
    },
    # a document is managed by its issuer (issue 19): HOD no longer decides Helse Nord's or Helse Sør-Øst's
    "managed_items": {
        "hod": {"h"}, "hn": {"a", "b", "c", "d", "s", "r1"}, "hso": {"o", "sb2"},
        "unn_reporter": set(), "unn_reader": set(), "fin": set(), "sb": set(), "hn_reader": set(), "nobody": set(),
    },
    "visible_documents": {
        "hod": {"hn", "hn_review", "hso", "hod"}, "hn": {"hn", "hn_review", "hso", "hod"},
        "hso": {"hn", "hso", "hod"}, "unn_reporter": {"hn"}, "unn_reader": {"hn"}, "fin": {"hn"},
        "sb": {"hn", "hso"}, "hn_reader": {"hn", "hn_review", "hod"}, "nobody": set(),
    },
    "managed_documents": {
        "hod": {"hod"}, "hn": {"hn", "hn_review"}, "hso": {"hso"},
        "unn_reporter": set(), "unn_reader": set(), "fin": set(), "sb": set(), "hn_reader": set(), "nobody": set(),
    },
    "visible_reports": {
        "hod": {"fin_sent", "sb_hn_sent", "ous_approved", "hn_sent"},
        "hn": {"fin_sent", "sb_hn_sent", "hn_sent"},
        "hso": {"sb_hn_sent", "ous_approved"},
        "unn_reporter": {"unn_draft"}, "unn_reader": {"unn_draft"}, "fin": {"fin_sent"},
        "sb": {"sb_hn_sent", "sb_hso_draft"}, "hn_reader": {"hn_sent"}, "nobody": set(),
    },
    "visible_periods": {
        "hod": {"p_hn", "p_hso", "p_hod"}, "hn": {"p_hn", "p_hod"}, "hso": {"p_hso", "p_hod"},
        "unn_reporter": {"p_hn"}, "unn_reader": {"p_hn"}, "fin": {"p_hn"}, "sb": {"p_hn", "p_hso"},
        "hn_reader": {"p_hn", "p_hod"}, "nobody": set(),
    },
    "managed_periods": {
        "hod": {"p_hn", "p_hso", "p_hod"}, "hn": {"p_hn"}, "hso": {"p_hso"},
        "unn_reporter": set(), "unn_reader": set(), "fin": set(), "sb": set(), "hn_reader": set(), "nobody": set(),
    },
    # measures: one per trust (UNN, FIN, OUS, SB), named by its organisation; UNN's and SB's were added
    # to drafts, which only the trust's own members see until sent (issue 19: owners saw them before)
    "visible_measures": {
        "hod": {"FIN", "OUS"}, "hn": {"FIN"}, "hso": {"OUS"},
        "unn_reporter": {"UNN"}, "unn_reader": {"UNN"}, "fin": {"FIN"}, "sb": {"SB"}, "hn_reader": set(),
        "nobody": set(),
    },
    # risks: one per trust; UNN's is chosen on an entry of its draft, SB's assessed in the period of its
    # draft: the trust's own until sent (issue 19), like the measures
    "visible_risks": {
        "hod": {"FIN", "OUS"}, "hn": {"FIN"}, "hso": {"OUS"},
        "unn_reporter": {"UNN"}, "unn_reader": {"UNN"}, "fin": {"FIN"}, "sb": {"SB"}, "hn_reader": set(),
        "nobody": set(),
    },
    # indicator values: also one for UNN's Tromsø hospital, seen by UNN's members and UNN's owners
    "visible_values": {
        "hod": {"UNN", "FIN", "OUS", "SB", "UNN-TRO"}, "hn": {"UNN", "FIN", "SB", "UNN-TRO"}, "hso": {"OUS", "SB"},
        "unn_reporter": {"UNN", "UNN-TRO"}, "unn_reader": {"UNN", "UNN-TRO"}, "fin": {"FIN"}, "sb": {"SB"},
        "hn_reader": set(), "nobody": set(),
    },
    # the cascade: a link is seen when both its items are; decided by who manages the child's document
    "visible_links": {
        "hod": {"h_a", "h_c", "h_o"}, "hn": {"h_a", "h_c"}, "hso": set(), "unn_reporter": set(),
        "unn_reader": set(), "fin": set(), "sb": set(), "hn_reader": {"h_a"}, "nobody": set(),
    },
    "managed_links": {
        "hod": set(), "hn": {"h_a", "h_c"}, "hso": {"h_o"}, "unn_reporter": set(),
        "unn_reader": set(), "fin": set(), "sb": set(), "hn_reader": set(), "nobody": set(),
    },
    # money follows the documents it stands in
    "visible_allocations": {
        "hod": {"unn", "fin", "unn_review", "ous", "hn"}, "hn": {"unn", "fin", "unn_review", "ous", "hn"},
        "hso": {"unn", "fin", "ous", "hn"}, "unn_reporter": {"unn", "fin"}, "unn_reader": {"unn", "fin"},
        "fin": {"unn", "fin"}, "sb": {"unn", "fin", "ous"}, "hn_reader": {"unn", "fin", "unn_review", "hn"},
        "nobody": set(),
    },
}
# entries follow their reports
EXPECTED["visible_entries"] = EXPECTED["visible_reports"]


def _names(selector: str, queryset, world) -> set[str]:
    if selector.endswith("_links"):
        return {name for name, link in world.links.items() if link in set(queryset)}
    if selector.endswith("_allocations"):
        return {a.purpose for a in queryset}
    if selector.endswith("_items"):
        return {i.text for i in queryset}
    if selector.endswith("_documents"):
        return {d.title for d in queryset}
    if selector.endswith("_periods"):
        return {name for name, p in world.periods.items() if p in set(queryset)}
    if selector == "visible_reports":
        return {name for name, r in world.reports.items() if r in set(queryset)}
    if selector == "visible_entries":
        report_ids = {e.report_id for e in queryset}
        return {name for name, r in world.reports.items() if r.pk in report_ids}
    return {obj.organisation.code for obj in queryset}


CASES = [(selector, who) for selector, by_user in EXPECTED.items() for who in by_user]


@pytest.mark.parametrize("selector,who", CASES)
def test_each_role_sees_exactly_its_set(world, make_user, selector, who):
    user = make_user(*USERS[who])
    queryset = getattr(selectors, selector)(user)
    assert _names(selector, queryset, world) == EXPECTED[selector][who]
    # a count agrees with the list (no duplicate rows from the joins)
    assert queryset.count() == len(list(queryset))


@pytest.mark.parametrize("selector", list(EXPECTED))
def test_superuser_sees_everything(world, make_user, selector):
    admin = make_user(None, is_superuser=True)
    everything = {"_items": ALL_ITEMS, "_documents": {"hn", "hn_review", "hso", "hod"},
                  "_reports": ALL_REPORTS, "_entries": ALL_REPORTS, "_periods": {"p_hn", "p_hso", "p_hod"},
                  "_values": {"UNN", "FIN", "OUS", "SB", "UNN-TRO"}, "_measures": {"UNN", "FIN", "OUS", "SB"},
                  "_risks": {"UNN", "FIN", "OUS", "SB"}, "_links": {"h_a", "h_c", "h_o"},
                  "_allocations": {"unn", "fin", "unn_review", "ous", "hn"}}
    expected = next(v for suffix, v in everything.items() if selector.endswith(suffix))
    assert _names(selector, getattr(selectors, selector)(admin), world) == expected


def test_or_404_follows_the_lists(world, make_user):
    from django.http import Http404

    unn = make_user("UNN", "reporter")
    assert selectors.item_or_404(unn, world.items["b"].pk) == world.items["b"]
    for hidden in ("c", "d", "r1", "o"):
        with pytest.raises(Http404):
            selectors.item_or_404(unn, world.items[hidden].pk)
    with pytest.raises(Http404):
        selectors.report_or_404(unn, world.reports["fin_sent"].pk)
    with pytest.raises(Http404):
        selectors.document_or_404(unn, world.docs["hn_review"].pk)
    with pytest.raises(Http404):
        selectors.organisation_or_404(unn, "FIN")
    hn = make_user("HN", "owner_staff")
    with pytest.raises(Http404):  # the trust's draft is its own
        selectors.report_or_404(hn, world.reports["unn_draft"].pk)
    with pytest.raises(Http404):
        selectors.entry_or_404(hn, world.reports["unn_draft"].entries.get().pk)
    assert selectors.period_or_404(hn, world.periods["p_hn"].pk, manage=True)
    with pytest.raises(Http404):
        selectors.period_or_404(hn, world.periods["p_hod"].pk, manage=True)


def test_a_trust_never_reads_an_item_in_review_through_the_api(world, client, make_user):
    client.force_login(make_user("UNN", "reporter"))
    listed = {i["text"] for i in client.get("/api/items/?limit=500").json()["results"]}
    assert listed == {"a", "b"}
    assert client.get(f"/api/items/{world.items['c'].pk}/").status_code == 404


def test_an_item_a_trust_is_informed_of_is_in_the_register_and_in_follow_up(world, client, make_user):
    client.force_login(make_user("UNN", "reporter"))
    assert "b" in {i.text for i in client.get("/krav/").context["items"]}
    assert client.get(f"/oppfolging/krav/{world.items['b'].pk}/").status_code == 200
    assert client.get(f"/oppfolging/krav/{world.items['o'].pk}/").status_code == 404
