"""Editing items on the review screen: htmx fragments, and the same without JavaScript."""
from __future__ import annotations

import pytest
from django.urls import reverse

from styring.documents import services
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}

ITEMS = (
    "#assignment 101 1 UNN,NLSH frist=2024-09-15 rapport=tertial\nFørste setning om rutiner. Andre setning om opplæring.",
    "#indicator - 3 FIN,UNN\nVentetiden skal være under 50 dager.",
    "#goal - 2 HSYK\nEt mål for kvalitet.",
)


@pytest.fixture
def document(fake_extractor, write_doc, hn_owner, media_root):
    return services.import_document(write_doc("hn.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)


@pytest.fixture
def owner_client(client, hn_owner):
    client.force_login(hn_owner)
    return client


def _form(item, **changes):
    data = {
        "kind": item.kind, "ref": item.ref, "main_goal": item.main_goal or "", "text": item.text,
        "recipients": [o.pk for o in item.recipients.all()], "informed": [o.pk for o in item.informed.all()],
        "lead": item.lead_id or "", "deadlines_text": ", ".join(item.deadlines), "reporting": item.reporting,
    }
    data.update(changes)
    return {f"krav{item.pk}-{k}": v for k, v in data.items()}


def test_edit_inline_returns_the_updated_card_and_is_audited(owner_client, document, orgs, hn_owner):
    item = document.items.get(ref="101")
    form = owner_client.get(reverse("requirements:edit", args=[item.pk]), **HX)
    assert form.status_code == 200 and "<form" in form.text and "<html" not in form.text
    assert f'id="id_krav{item.pk}-text"' in form.text and "Frister" in form.text
    response = owner_client.post(
        reverse("requirements:edit", args=[item.pk]),
        _form(item, text="Rettet tekst om rutiner.", recipients=[orgs["UNN"].pk, orgs["FIN"].pk],
              deadlines_text="01.10.2024, 2024-12-31", reporting=["annual"], main_goal=3, lead=orgs["UNN"].pk),
        **HX,
    )
    assert response.status_code == 200 and "Rettet tekst om rutiner." in response.text and "<html" not in response.text
    item.refresh_from_db()
    assert item.text == "Rettet tekst om rutiner." and item.main_goal == 3 and item.lead.code == "UNN"
    assert set(item.recipients.values_list("code", flat=True)) == {"UNN", "FIN"}
    assert item.deadlines == ["2024-10-01", "2024-12-31"] and item.reporting == ["annual"]
    assert item.history.first().history_user == hn_owner


def test_bad_date_gives_a_norwegian_error_in_the_form(owner_client, document):
    item = document.items.get(ref="101")
    response = owner_client.post(reverse("requirements:edit", args=[item.pk]), _form(item, deadlines_text="snart"), **HX)
    assert response.status_code == 200 and "Skriv fristene som datoer" in response.text
    response = owner_client.post(reverse("requirements:edit", args=[item.pk]), _form(item, deadlines_text="31.02.2024"))
    assert response.status_code == 400 and "ikke en gyldig dato" in response.text
    item.refresh_from_db()
    assert item.deadlines == ["2024-09-15"]


def test_edit_without_javascript_redirects_back_to_the_review(owner_client, document):
    item = document.items.get(ref="101")
    assert "<html" in owner_client.get(reverse("requirements:edit", args=[item.pk])).text
    response = owner_client.post(reverse("requirements:edit", args=[item.pk]), _form(item, ref="101a"))
    assert response.status_code == 302 and response["Location"].endswith(f"#krav-{item.pk}")
    item.refresh_from_db()
    assert item.ref == "101a"


def test_confirm_one_item(owner_client, document, hn_owner, orgs):
    item = document.items.get(ref="101")
    response = owner_client.post(reverse("requirements:confirm", args=[item.pk]), **HX)
    assert "Bekreftet" in response.text
    item.refresh_from_db()
    assert item.confirmed and item.confirmed_by == hn_owner
    assert list(Item.objects.confirmed().applying_to(orgs["UNN"])) == [item]


def test_split_at_the_cursor(owner_client, document):
    item = document.items.get(ref="101")
    position = item.text.index("Andre")
    response = owner_client.post(
        reverse("requirements:split", args=[item.pk]),
        {f"krav{item.pk}-position": position, f"krav{item.pk}-text": item.text.replace("\n", "\r\n")}, **HX,
    )
    assert response.status_code == 200 and 'id="review-items"' in response.text
    first, second, *_ = document.items.order_by("order")
    assert first.pk == item.pk and first.text == "Første setning om rutiner."
    assert second.text == "Andre setning om opplæring." and second.deadlines == ["2024-09-15"]
    assert set(second.recipients.values_list("code", flat=True)) == {"UNN", "NLSH"}
    # each part keeps its own place in the document's text (highlighted on the review screen)
    text = document.text
    assert [text[s["start"]:s["end"]].strip() for s in first.source_spans] == ["Første setning om rutiner."]
    assert [text[s["start"]:s["end"]].strip() for s in second.source_spans] == ["Andre setning om opplæring."]


def test_split_into_two_written_texts_without_javascript(owner_client, document):
    item = document.items.get(ref="101")
    page = owner_client.get(reverse("requirements:split", args=[item.pk]))
    assert page.status_code == 200 and "Første del" in page.text
    response = owner_client.post(
        reverse("requirements:split", args=[item.pk]), {f"krav{item.pk}-first": "Del én.", f"krav{item.pk}-second": "Del to."}
    )
    assert response.status_code == 302
    assert list(document.items.order_by("order").values_list("text", flat=True))[:2] == ["Del én.", "Del to."]
    first, second = document.items.order_by("order")[:2]
    assert first.source_spans and second.source_spans == []  # rewritten: the source stays with the first
    bad = owner_client.post(reverse("requirements:split", args=[item.pk]), {f"krav{item.pk}-first": "Bare én."})
    assert bad.status_code == 400 and "Begge delene må ha tekst" in bad.text


def test_merge_with_the_next_item(owner_client, document):
    item, following = document.items.order_by("order")[:2]
    response = owner_client.post(reverse("requirements:merge", args=[item.pk]), **HX)
    assert response.status_code == 200
    item.refresh_from_db()
    assert "Ventetiden skal være under 50 dager." in item.text and len(item.source_spans) == 2
    assert set(item.recipients.values_list("code", flat=True)) == {"UNN", "NLSH", "FIN"}
    assert not Item.objects.filter(pk=following.pk).exists()
    last = document.items.order_by("order").last()
    response = owner_client.post(reverse("requirements:merge", args=[last.pk]), **HX)
    assert "ikke noe krav etter dette" in response.text


def test_delete_and_add(owner_client, document):
    item = document.items.get(kind="goal")
    owner_client.post(reverse("requirements:delete", args=[item.pk]), **HX)
    assert not Item.objects.filter(pk=item.pk).exists()
    response = owner_client.post(
        reverse("requirements:add", args=[document.pk]), {"kind": "assignment", "text": "Et krav lagt til for hånd."}, **HX
    )
    assert "Et krav lagt til for hånd." in response.text
    added = document.items.get(text="Et krav lagt til for hånd.")
    assert not added.confirmed and added.order > document.items.exclude(pk=added.pk).order_by("-order")[0].order


def test_delete_of_an_item_reported_on_marks_it_removed(owner_client, document, orgs):
    from styring.reporting.models import Report, ReportEntry, ReportingPeriod

    item = document.items.get(ref="101")
    period = ReportingPeriod.objects.create(issuer=orgs["HN"], year=2024, kind="tertial1")
    ReportEntry.objects.create(report=Report.objects.create(organisation=orgs["UNN"], period=period), item=item)
    response = owner_client.post(reverse("requirements:delete", args=[item.pk]), follow=True)
    assert "merket som utgått" in response.text
    item.refresh_from_db()
    assert item.removed


def test_split_spans_follow_the_text_across_lines_and_spans():
    from styring.requirements.services import split_spans

    text = "Tittel\n\nFørste del av\nkravet. Andre del\nav kravet står her.\n\nEt eget avsnitt."
    one = [{"start": 8, "end": 60}]
    first, second = split_spans(text, one, "Andre del av kravet står her.")
    assert text[first[0]["start"]:first[0]["end"]].strip() == "Første del av\nkravet."
    assert text[second[0]["start"]:second[0]["end"]].strip() == "Andre del\nav kravet står her."
    two = [{"start": 0, "end": 6}, {"start": 8, "end": 60}]
    first, second = split_spans(text, two, "Første del av kravet. Andre del av kravet står her.")
    assert first == [{"start": 0, "end": 6}] and second == [{"start": 8, "end": 60}]
    assert split_spans(text, one, "Noe helt annet.") == (one, [])
