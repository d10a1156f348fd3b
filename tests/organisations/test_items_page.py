"""/organisasjoner/<code>/krav/: exactly the confirmed items that apply to the trust, by hovedmål."""
from __future__ import annotations

import pytest

from styring.documents import services
from tests.documents.conftest import fake_extractor, media_root, write_doc  # noqa: F401

pytestmark = pytest.mark.django_db

ITEMS = (
    "#goal - - UNN\nUNN-mål utenfor hovedmålene.",
    "#indicator - 3 UNN,FIN frist=2024-10-01\nVentetiden ved UNN og FIN skal ned.",
    "#assignment 4 1 NLSH informed=UNN\nNLSH skal lede arbeidet, UNN orienteres.",
    "#assignment 5 2 FIN\nBare Finnmarkssykehuset.",
)


def test_trust_and_owner_see_the_same_grouped_items(client, make_user, fake_extractor, write_doc, media_root):
    owner = make_user("HN", "owner_staff")
    document = services.import_document(write_doc("hn.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=owner)
    services.confirm_document(document, owner)
    services.import_document(write_doc("utkast.txt", "#assignment 6 1 UNN\nUbekreftet utkast til UNN."),
                             issuer_codes=["HN"], year=2025, user=owner)
    pages = []
    for user in (make_user("UNN", "reader"), owner):
        client.force_login(user)
        response = client.get("/organisasjoner/UNN/krav/")
        assert response.status_code == 200
        pages.append(response.text)
    assert pages[0].split("<main", 1)[1] == pages[1].split("<main", 1)[1]  # the owner sees what the trust sees
    text = pages[0]
    assert "3 krav fra bekreftede styringsdokumenter" in text
    assert "Bare Finnmarkssykehuset" not in text and "Ubekreftet utkast" not in text
    assert "1. oktober 2024" in text and "Til informasjon" in text
    order = [text.index(t) for t in ("Styrke psykisk helsevern", "Rask tilgang", "Øvrige krav")]
    assert order == sorted(order)
    assert text.index("NLSH skal lede") < text.index("Ventetiden ved UNN") < text.index("UNN-mål utenfor")
