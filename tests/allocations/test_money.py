"""The money of seed 001: UNN's 2024 allocations sum to what the document's tables say; sums,
source links, a tilleggsdokument's new grant, the XLSX and the API."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db(transaction=True)

# Seed 001's tables (thousand kroner), UNN's column of each table's last SUM row
UNN_2024 = {"basisramme": 6_790_610, "øvrig ramme": 127_412, "resultatbasert": 39_169, "nasjonale tjenester": 24_081}


@pytest.fixture
def seed(shared_dir, orgs, make_user, settings, tmp_path):
    from styring.documents.services import confirm_document
    from tests.cascade.conftest import import_seed

    settings.MEDIA_ROOT = tmp_path / "media"
    hn = make_user("HN", "owner_staff", username="hn-eier")
    doc = import_seed(shared_dir, hn)
    confirm_document(doc, hn)
    return {"doc": doc, "hn": hn, "unn": make_user("UNN", "reporter", username="unn-rapportor")}


def test_unns_2024_allocations_sum_to_the_documents_tables(seed):
    from styring.allocations.money import allocations, source_place, sums

    rows = list(allocations(seed["unn"], year=2024, receiver="UNN"))
    by_receiver, by_purpose, total = sums(rows)
    assert total == sum(UNN_2024.values()) * 1000 == 6_981_272_000
    for word, thousands in UNN_2024.items():
        assert sum(a for purpose, a in by_purpose if word in purpose.lower()) == thousands * 1000, word
    basis = next(a for a in rows if "basisramme" in a.purpose)
    start, end = source_place(basis)
    assert seed["doc"].text[start:end] == "6 790 610"


@pytest.mark.browser
def test_the_money_page_for_unn(seed, page, login, assert_accessible):
    login(seed["unn"])
    page.goto("/penger/?ar=2024&org=UNN")
    assert "6\u00a0981\u00a0272\u00a0000\u00a0kr" in page.inner_text("#sum")
    assert_accessible(page, "penger")
    page.screenshot(path="/tmp/wt13-money-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/wt13-money-390.png")
    # issue 18: one year of every organisation's grants fits a phone (the sums' tables scroll in their box)
    for url in ("/penger/?ar=2024", "/penger/?ar=2024&org=UNN"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    page.goto("/penger/?ar=2024&org=UNN")
    page.click("text=basisramme 2024 >> xpath=ancestor::tr >> a")
    assert page.inner_text("#treff") == "6 790 610"


def test_a_tilleggsdokument_grant_is_a_change_and_the_exports(seed, client, orgs):
    from styring.documents.models import Allocation, SteeringDocument

    extra = SteeringDocument.objects.create(title="Tilleggsdokument 2024", year=2024, kind="tilleggsdokument",
                                            status="confirmed", supplements=seed["doc"], text="UNN får 5 mill. kroner.")
    extra.issuers.add(orgs["HN"])
    extra.addressees.add(orgs["UNN"])
    Allocation.objects.create(document=extra, payer=orgs["HN"], receiver=orgs["UNN"], amount_nok=5_000_000,
                              year=2024, purpose="tilskudd til ventetidsarbeid")
    client.force_login(seed["unn"])
    page = client.get("/penger/?ar=2024&org=UNN").content.decode()
    assert "ny, 5\u00a0000\u00a0000\u00a0kr (Tilleggsdokument 2024)" in page
    book = load_workbook(io.BytesIO(client.get("/penger/eksport.xlsx?ar=2024&org=UNN").content))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["Fra", "Til", "Beløp (kr)", "År", "Formål", "Dokument"]
    assert sum(row[2].value for row in sheet.iter_rows(min_row=2)) == 6_981_272_000 + 5_000_000
    data = client.get("/api/allocations/", {"year": 2024, "to": "UNN"}).json()
    assert sum(a["amount_nok"] for a in data) == 6_986_272_000
    assert set(data[0]) == {"from", "to", "amount_nok", "year", "purpose", "document"}
    assert all(a["from"] == "HN" for a in client.get("/api/allocations/", {"year": 2024, "from": "HN"}).json())
    assert client.get("/api/allocations/", {"year": "x"}).status_code == 400
    assert client.get("/penger/?ar=x").status_code == 400
