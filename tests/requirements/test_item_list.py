"""/krav/: the confirmed register, filtered by document, recipient, kind and hovedmål."""
from __future__ import annotations

import pytest
from django.urls import reverse

from styring.documents import services

pytestmark = pytest.mark.django_db

ITEMS = (
    "#assignment 101 1 UNN,NLSH\nOppdrag til UNN og NLSH om rutiner.",
    "#indicator - 3 FIN\nIndikator for Finnmarkssykehuset om ventetid.",
    "#goal - - HSYK informed=UNN\nMål utenfor hovedmålene for Helgelandssykehuset.",
)


@pytest.fixture
def confirmed(fake_extractor, write_doc, hn_owner, media_root):
    document = services.import_document(write_doc("hn.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)
    services.confirm_document(document, hn_owner)
    return document


def _texts(response) -> set[str]:
    return {t for t in ("Oppdrag til UNN", "Indikator for Finnmark", "Mål utenfor") if t in response.text}


def test_owner_sees_and_filters_the_register(client, confirmed, hn_owner):
    client.force_login(hn_owner)
    url = reverse("requirements:list")
    assert _texts(client.get(url)) == {"Oppdrag til UNN", "Indikator for Finnmark", "Mål utenfor"}
    assert _texts(client.get(url, {"mottaker": "FIN"})) == {"Indikator for Finnmark"}
    assert _texts(client.get(url, {"mottaker": "UNN"})) == {"Oppdrag til UNN", "Mål utenfor"}  # informed too
    assert _texts(client.get(url, {"type": "indicator"})) == {"Indikator for Finnmark"}
    assert _texts(client.get(url, {"hovedmal": "1"})) == {"Oppdrag til UNN"}
    assert _texts(client.get(url, {"hovedmal": "ingen"})) == {"Mål utenfor"}
    assert _texts(client.get(url, {"dokument": confirmed.pk, "type": "goal"})) == {"Mål utenfor"}
    fragment = client.get(url, {"type": "goal"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.text and 'id="krav-resultat"' in fragment.text


def test_trust_sees_only_its_own_items_and_nothing_unconfirmed(client, confirmed, make_user, fake_extractor, write_doc, hn_owner):
    services.import_document(write_doc("utkast.txt", "#assignment 9 1 FIN\nUtkast som ikke er bekreftet."),
                             issuer_codes=["HN"], year=2024, user=hn_owner)
    client.force_login(make_user("FIN", "reader"))
    response = client.get(reverse("requirements:list"))
    assert _texts(response) == {"Indikator for Finnmark"} and "Utkast som ikke" not in response.text
    client.force_login(make_user("HSO", "owner_staff"))
    assert _texts(client.get(reverse("requirements:list"))) == set()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("requirements:list"))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_the_register_is_shown_a_page_at_a_time(client, confirmed, hn_owner):
    """The whole register in one page held a web worker at 350 MB (issue 19): 100 items a page, counted in SQL."""
    from styring.requirements.models import Item

    Item.objects.bulk_create([Item(document=confirmed, order=10 + n, kind="assignment", ref=str(200 + n), main_goal=1,
                                   confirmed=True, text=f"Ekstra oppdrag {n}") for n in range(120)])
    client.force_login(hn_owner)
    first = client.get(reverse("requirements:list"), {"type": "assignment"}).text
    assert "121 krav. Viser 1–100." in first and first.count('<tr id="krav-') == 100
    assert "Side 1 av 2" in first and 'href="?type=assignment&amp;side=2"' in first
    second = client.get(reverse("requirements:list"), {"type": "assignment", "side": 2}).text
    assert "Viser 101–121." in second and second.count('<tr id="krav-') == 21 and "Ekstra oppdrag 119" in second
    assert client.get(reverse("requirements:list"), {"side": "999"}).status_code == 200  # the last page
