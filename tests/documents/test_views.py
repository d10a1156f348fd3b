"""The document pages through the test client: who sees what, upload, review, confirm."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styring.documents import services
from styring.documents.models import SteeringDocument

pytestmark = pytest.mark.django_db

ITEMS = (
    "#assignment 101 1 UNN,NLSH frist=2024-09-15\nHelseforetakene skal etablere felles rutiner for oppfølging.",
    "#indicator - 3 FIN,UNN,NLSH,HSYK informed=SANO\nVentetiden skal være under 50 dager.",
)


@pytest.fixture
def imported(fake_extractor, write_doc, hn_owner, media_root):
    return services.import_document(write_doc("hn.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)


def _upload(client, content: bytes, name="hn.txt", **fields):
    data = {"file": SimpleUploadedFile(name, content), "issuer": fields.pop("issuer", None), "year": 2024, **fields}
    return client.post(reverse("documents:upload"), data)


def test_owner_uploads_and_lands_on_the_review_screen(client, fake_extractor, write_doc, hn_owner, orgs, media_root):
    client.force_login(hn_owner)
    page = client.get(reverse("documents:upload"))
    assert page.status_code == 200 and "Last opp styringsdokument" in page.text
    response = _upload(client, write_doc("a.txt", *ITEMS).read_bytes(), issuer=orgs["HN"].pk)
    document = SteeringDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("documents:review", args=[document.pk])
    review = client.get(response["Location"])
    assert review.status_code == 200
    assert review.text.count("Dokumentet er importert med 2 krav") == 1  # once: not again in the list of items
    item = document.items.get(ref="101")
    assert f'id="kilde-{item.pk}"' in review.text and f'href="#kilde-{item.pk}"' in review.text
    assert '<mark class="st-mark"' in review.text and "Bekreft hele dokumentet" in review.text


@pytest.mark.parametrize("role", ["reporter", "approver", "reader"])
def test_trust_users_cannot_upload(client, make_user, role):
    client.force_login(make_user("UNN", role))
    assert client.get(reverse("documents:upload")).status_code == 403


def test_owner_cannot_issue_for_another_region(client, fake_extractor, write_doc, hn_owner, orgs, media_root):
    client.force_login(hn_owner)
    response = _upload(client, write_doc("a.txt", *ITEMS).read_bytes(), issuer=orgs["HSO"].pk)
    assert response.status_code == 400 and not SteeringDocument.objects.exists()


def test_review_and_changes_need_manage_right(client, imported, make_user):
    item = imported.items.first()
    for user in (make_user("HSO", "owner_staff"), make_user("UNN", "reader"), make_user("UNN", "reporter")):
        client.force_login(user)
        assert client.get(reverse("documents:review", args=[imported.pk])).status_code == 404
        assert client.post(reverse("documents:confirm", args=[imported.pk])).status_code == 404
        assert client.post(reverse("requirements:confirm", args=[item.pk])).status_code == 404
        assert client.post(reverse("requirements:delete", args=[item.pk])).status_code == 404
    imported.refresh_from_db()
    assert not imported.is_confirmed and imported.items.count() == 2
    # a document is managed by its issuer (issue 19): the issuer's owner (HOD) no longer reviews it
    client.force_login(make_user("HOD", "owner_staff"))
    assert client.get(reverse("documents:review", args=[imported.pk])).status_code == 404
    assert client.post(reverse("requirements:confirm", args=[item.pk])).status_code == 404
    client.force_login(make_user("HN", "owner_staff"))
    assert client.get(reverse("documents:review", args=[imported.pk])).status_code == 200


def test_document_list_shows_only_what_the_user_may_see(client, imported, make_user, hn_owner):
    client.force_login(hn_owner)
    assert imported.title in client.get(reverse("documents:list")).text
    unn = make_user("UNN", "reader")
    client.force_login(unn)
    assert imported.title not in client.get(reverse("documents:list")).text  # still in review
    assert client.get(reverse("documents:detail", args=[imported.pk])).status_code == 404
    client.force_login(make_user("HSO", "owner_staff"))
    assert imported.title not in client.get(reverse("documents:list")).text
    services.confirm_document(imported, hn_owner)
    client.force_login(unn)
    assert imported.title in client.get(reverse("documents:list")).text
    detail = client.get(reverse("documents:detail", args=[imported.pk]))
    assert detail.status_code == 200 and "Gå gjennom" not in detail.text
    client.force_login(make_user("HSO", "owner_staff"))
    assert imported.title not in client.get(reverse("documents:list")).text
    assert client.get(reverse("documents:download", args=[imported.pk])).status_code == 404


def test_confirm_whole_document_reaches_the_trust_page(client, imported, hn_owner, make_user):
    unn = make_user("UNN", "reader")
    client.force_login(unn)
    assert "Helseforetakene skal etablere" not in client.get("/organisasjoner/UNN/krav/").text
    client.force_login(hn_owner)
    response = client.post(reverse("documents:confirm", args=[imported.pk]), follow=True)
    assert "Dokumentet er bekreftet" in response.text
    client.force_login(unn)
    page = client.get("/organisasjoner/UNN/krav/").text
    assert "Helseforetakene skal etablere" in page and "15. september 2024" in page
    sano = make_user("SANO", "reader")
    client.force_login(sano)
    page = client.get("/organisasjoner/SANO/krav/").text
    assert "Ventetiden skal være under 50 dager" in page and "Til informasjon" in page
    assert "Helseforetakene skal etablere" not in page


def test_file_download_for_those_who_see_the_document(client, imported, hn_owner):
    client.force_login(hn_owner)
    response = client.get(reverse("documents:download", args=[imported.pk]))
    assert response.status_code == 200 and b"Helseforetakene skal etablere" in b"".join(response.streaming_content)


def test_detail_shows_the_changes_of_a_new_version_and_last_year(client, fake_extractor, write_doc, hn_owner, media_root):
    last = services.import_document(write_doc("2023.txt", *ITEMS, "#goal - - FIN\nEt mål som falt bort i år."),
                                    issuer_codes=["HN"], year=2023, user=hn_owner)
    first = services.import_document(write_doc("v1.txt", ITEMS[0]), issuer_codes=["HN"], year=2024, user=hn_owner)
    second = services.import_document(write_doc("v2.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner,
                                      supersedes=first)
    client.force_login(hn_owner)
    page = client.get(reverse("documents:detail", args=[second.pk])).text
    assert "Endringer fra forrige versjon" in page and "1 nye, 0 endret, 0 tatt ut, 1 uendret" in page
    assert f"Sammenlignet med {last.year}" in page and "Et mål som falt bort i år." in page
    review = client.get(reverse("documents:review", args=[second.pk])).text
    assert "Ny versjon av" in review and "1 nye, 0 endret, 0 tatt ut og 1 uendrede krav" in review
    assert "Mot 2023: 0 nye og 2 videreførte krav, 1 krav fra i fjor er ikke med." in review
    dropped = last.items.get(kind="goal")
    response = client.post(reverse("documents:carry_over", args=[second.pk]), {"item": [dropped.pk]}, follow=True)
    assert "1 krav fra 2023 er tatt med videre" in response.text
    assert second.items.filter(previous_year_item=dropped, confirmed=False).exists()
