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
