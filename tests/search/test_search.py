"""One search box: nynorsk finds bokmål and back, filters, highlighted snippets with links to the
place in the source document, and a trust's draft found only by its own members."""
from __future__ import annotations

import pytest

from styring.search.query import search

pytestmark = pytest.mark.django_db(transaction=True)

BOKMAL = ("De regionale helseforetakene skal, under ledelse av Helse Sør-Øst RHF, styrke tilbudet til barn "
          "og unge ved sykehusene.")
NYNORSK = ("Dei regionale helseføretaka skal, under leiing av Helse Vest RHF, greie ut pasientreiser til "
           "sjukehus i distrikta.")


@pytest.fixture
def world(orgs, make_user):
    from styring.documents.models import SteeringDocument
    from styring.reporting.models import PeriodKind, Report, ReportEntry, ReportingPeriod, ReportStatus
    from styring.requirements.models import Item

    def document(title, issuer, addressees, text, lang="nb"):
        doc = SteeringDocument.objects.create(title=title, year=2024, status="confirmed", language=lang,
                                              text=f"Innledning.\n\n{text}\n\nSlutt.")
        doc.issuers.add(orgs[issuer])
        doc.addressees.add(*[orgs[c] for c in addressees])
        return doc

    hn = document("Oppdragsdokument 2024 Helse Nord", "HOD", ["HN"], BOKMAL)
    hv = document("Oppdragsdokument 2024 Helse Vest", "HOD", ["HV"], NYNORSK, "nn")
    hn_trusts = document("Styringskrav 2024", "HN", ["UNN", "FIN"], "Helseforetakene skal rapportere ventetider.")

    def item(doc, ref, text, recipients, main_goal=1):
        made = Item.objects.create(document=doc, ref=ref, kind="assignment", text=text, confirmed=True,
                                   main_goal=main_goal,
                                   source_spans=[{"start": doc.text.index(text), "end": doc.text.index(text) + len(text)}])
        made.recipients.add(*[orgs[c] for c in recipients])
        return made

    items = {"bokmal": item(hn, "102", BOKMAL, ["HN"]), "nynorsk": item(hv, "7", NYNORSK, ["HV"], 3),
             "venting": item(hn_trusts, "3", "Helseforetakene skal rapportere ventetider.", ["UNN", "FIN"])}
    period = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind=PeriodKind.ANNUAL)
    unn = Report.objects.create(organisation=orgs["UNN"], period=period, status=ReportStatus.DRAFT)
    ReportEntry.objects.create(report=unn, item=items["venting"], status="partly",
                               text="Ventetidene ved Narvik er hemmelige i utkastet.")
    fin = Report.objects.create(organisation=orgs["FIN"], period=period, status=ReportStatus.SUBMITTED)
    ReportEntry.objects.create(report=fin, item=items["venting"], status="achieved",
                               text="Ventetidene i Hammerfest er redusert.")
    return {"items": items, "hod": make_user("HOD", "owner_staff"), "hn": make_user("HN", "owner_staff"),
            "unn": make_user("UNN", "reporter"), "fin": make_user("FIN", "reporter")}


def _found(hits, kind="item"):
    return {h.id for h in hits if h.type == kind}


def test_a_nynorsk_query_finds_the_bokmal_item_and_the_reverse(world):
    hod, items = world["hod"], world["items"]
    assert items["bokmal"].pk in _found(search(hod, "helseføretaka under leiing av"))
    assert items["nynorsk"].pk in _found(search(hod, "helseforetakene under ledelse av"))
    assert items["nynorsk"].pk in _found(search(hod, "sykehus"))
    assert items["bokmal"].pk in _found(search(hod, "sjukehusa"))


def test_filters_narrow_the_hits(world):
    hod, items = world["hod"], world["items"]
    assert _found(search(hod, "regionale", main_goal=3)) == {items["nynorsk"].pk}
    assert _found(search(hod, "regionale", recipient="HN")) == {items["bokmal"].pk}
    assert search(hod, "regionale", kind="entry") == []
    assert search(hod, "regionale", year=2023) == []


def test_a_hit_is_highlighted_and_links_to_its_place_in_the_source(world, client):
    client.force_login(world["hod"])
    hit = next(h for h in search(world["hod"], "leiing") if h.id == world["items"]["nynorsk"].pk)
    assert "<mark>leiing</mark>" in hit.snippet
    page = client.get(hit.url).content.decode()
    assert '<mark id="treff" tabindex="-1">Dei regionale helseføretaka' in page


def test_another_trusts_draft_is_never_found(world, client):
    assert not [h for h in search(world["fin"], "hemmelige ventetidene") if h.type == "entry"]
    assert not [h for h in search(world["hn"], "hemmelige") if h.type == "entry"]  # the owner waits until sent
    assert [h.title for h in search(world["unn"], "hemmelige") if h.type == "entry"]  # the trust's own draft
    client.force_login(world["fin"])
    data = client.get("/api/search/", {"q": "ventetidene"}).json()
    texts = " ".join(r["snippet"] for r in data["results"])
    assert "Hammerfest" in texts and "hemmelige" not in texts
    assert {"type", "id", "title", "snippet", "url"} <= set(data["results"][0])
    assert client.get("/api/search/", {"q": ""}).status_code == 400


def test_the_index_follows_edits_and_rebuilds(world):
    from styring.search.index import rebuild
    from styring.search.models import SearchEntry

    item = world["items"]["venting"]
    item.text = "Helseforetakene skal rapportere fristbrudd."
    item.save()
    assert item.pk in _found(search(world["hod"], "fristbrudd"))
    count = SearchEntry.objects.count()
    assert rebuild() == count
    assert item.pk in _found(search(world["hod"], "fristbrudd"))
    nynorsk = world["items"]["nynorsk"]
    pk = nynorsk.pk
    nynorsk.delete()
    assert not SearchEntry.objects.filter(kind="item", object_id=pk).exists()


@pytest.mark.browser
def test_the_search_page_in_the_browser(world, page, login, assert_accessible):
    login(world["unn"])
    page.goto("/sok/")
    page.fill("#id_q", "ventetidene")
    page.click("button:has-text('Søk') >> nth=-1")
    page.wait_for_selector(".st-hit")
    text = page.inner_text("main")
    assert "hemmelige" in text  # UNN's own draft
    assert "Hammerfest" not in text  # FIN's report is FIN's
    assert page.locator(".st-hit mark").count() >= 1
    assert_accessible(page, "søk")
    page.screenshot(path="/tmp/wt13-search-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/wt13-search-390.png", full_page=True)
    page.goto("/sok/?q=helseføretaka&ar=abc")
    assert "Oppgi et årstall." in page.inner_text("main")
