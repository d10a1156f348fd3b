"""What the extractor was unsure of reaches the review: each item's confidence and reasons, the
document's uncertain issuer and addressees, the uncertain items listed first, and one correction
for many items at once (bulk edit)."""
from __future__ import annotations

from pathlib import Path

import pytest
from simple_history.utils import get_history_model_for_model

from styring.documents import services
from styring.requirements import services as requirement_services
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def imported(orgs, make_user):
    owner = make_user("HN", "owner_staff")
    document = services.import_document(DATA / "feil_mottaker.txt", issuer_codes=["HN"], year=2024, user=owner)
    return owner, document


def test_import_keeps_the_extractors_doubts(imported):
    _, document = imported
    items = list(document.items.order_by("order"))
    assert len(items) == 3
    assert all(i.confidence == 0.3 and i.needs_a_look for i in items)
    assert items[0].review_notes == ["mottakere: helseforetakene som HV eier", "liste uten punkttegn, gjenkjent fra innrykk"]
    assert document.uncertain_facts() == [
        ("Utsteder", "utsteder gjettet: det regionale helseforetaket som nevnes oftest (HV)"),
        ("Mottakere", "mottakere: helseforetakene som HV eier"),
    ]
    assert document.items.needing_a_look().count() == 3
    items[0].confirm()
    assert document.items.needing_a_look().count() == 2  # a confirmed item has been looked at


def test_review_screen_lists_the_uncertain_first_with_their_reasons(client, imported):
    owner, document = imported
    sure = requirement_services.add_item(document, kind="goal", text="Et mål uttrekket er sikkert på.", user=owner)
    assert sure.confidence == 1.0
    Item.objects.filter(pk=document.items.order_by("order").first().pk).update(confidence=0.9)  # sure enough
    client.force_login(owner)
    page = client.get(f"/dokumenter/{document.pk}/gjennomgang/").content.decode()
    assert "2 krav bør kontrolleres" in page
    assert "Mottakere er usikker: mottakere: helseforetakene som HV eier." in page
    cards = page[page.index('id="review-items"'):]  # the item list (the document text stands before it)
    order = [cards.index(t) for t in ("Etablere pakkeforløp", "Delta i det regionale", "Redusere ventetidene",
                                      "Et mål uttrekket er sikkert på.")]
    assert order == sorted(order)
    assert page.count("Bør kontrolleres</span>") == 2
    assert "liste uten punkttegn, gjenkjent fra innrykk" in page
    detail = client.get(f"/dokumenter/{document.pk}/").content.decode()
    assert "2 krav uttrekket var usikkert på" in detail and "Utsteder (usikker)" in detail


def test_bulk_edit_sets_recipients_of_all_items_in_one_action(client, imported, orgs):
    owner, document = imported
    client.force_login(owner)
    hn_trusts = [orgs[c].pk for c in ("FIN", "UNN", "NLSH", "HSYK")]
    response = client.post(f"/krav/endre-flere/{document.pk}/", {
        "scope": "all", "field": "recipients", "recipients": hn_trusts,
    })
    assert response.status_code == 302
    for item in document.items.all():
        assert sorted(o.code for o in item.recipients.all()) == ["FIN", "HSYK", "NLSH", "UNN"]
    history = get_history_model_for_model(Item).objects.filter(id__in=document.items.values("pk"))
    changed = history.filter(history_user=owner, history_change_reason="endret sammen med andre krav")
    assert set(changed.values_list("id", flat=True)) == set(document.items.values_list("pk", flat=True))
    page = client.get(f"/dokumenter/{document.pk}/gjennomgang/").content.decode()
    assert "Mottakere er endret for 3 krav." in page


def test_bulk_edit_of_the_chosen_items_only(client, imported):
    owner, document = imported
    client.force_login(owner)
    first, second, third = document.items.order_by("order")
    client.post(f"/krav/endre-flere/{document.pk}/", {
        "scope": "selected", "items": [first.pk, third.pk], "field": "reporting", "reporting": ["tertial", "annual"],
    })
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.reporting == ["tertial", "annual"] and third.reporting == ["tertial", "annual"]
    assert second.reporting == []
    client.post(f"/krav/endre-flere/{document.pk}/", {"scope": "selected", "items": [second.pk], "field": "main_goal",
                                                      "main_goal": "3"})
    second.refresh_from_db()
    assert second.main_goal == 3


@pytest.mark.parametrize("data, message", [
    ({"scope": "selected", "field": "main_goal", "main_goal": "2"}, "Velg minst ett krav"),
    ({"scope": "all", "field": "recipients"}, "Velg minst én mottaker."),
    ({"scope": "selected", "items": ["999999"], "field": "main_goal", "main_goal": "1"}, "finnes ikke i dokumentet"),
    ({"scope": "all", "field": "kind"}, "Velg et gyldig valg"),
])
def test_bulk_edit_refuses_bad_input_in_norwegian_and_changes_nothing(client, imported, data, message):
    owner, document = imported
    client.force_login(owner)
    before = [(i.main_goal, sorted(o.code for o in i.recipients.all())) for i in document.items.order_by("order")]
    response = client.post(f"/krav/endre-flere/{document.pk}/", data, follow=True)
    assert message in response.content.decode()
    after = [(i.main_goal, sorted(o.code for o in i.recipients.all())) for i in document.items.order_by("order")]
    assert after == before


def test_bulk_edit_needs_the_right_to_manage_the_document(client, imported, make_user, orgs):
    _, document = imported
    client.force_login(make_user("UNN", "reporter"))
    response = client.post(f"/krav/endre-flere/{document.pk}/", {"scope": "all", "field": "main_goal", "main_goal": "1"})
    assert response.status_code == 404
    assert not document.items.filter(main_goal=1).exists()
