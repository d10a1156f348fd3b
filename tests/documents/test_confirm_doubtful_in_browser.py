"""Issue 18, point 3: "Bekreft hele dokumentet" with items the extractor flagged "Bør kontrolleres"
takes a second step that names them; the user confirms the others and leaves them in review, or
confirms them too; the history says which were confirmed unchecked."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from styring.documents.models import SteeringDocument
from styring.requirements.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent / "data"


def test_confirming_a_document_with_doubtful_items_names_them_first(page, login, make_user, assert_accessible,
                                                                      settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(make_user("HN", "owner_staff"))
    page.goto("/dokumenter/last-opp/")
    page.set_input_files("#id_file", str(DATA / "feil_mottaker.txt"))
    page.fill("#id_year", "2024")
    page.get_by_role("button", name="Last opp og les inn").click()
    page.wait_for_url(re.compile(r"/gjennomgang/$"))
    document = SteeringDocument.objects.latest("pk")
    doubtful = list(document.items.needing_a_look().order_by("order"))
    assert len(doubtful) == 3
    # and one the extractor was sure of (added in review)
    sure = Item.objects.create(document=document, order=99, kind=Item.Kind.ASSIGNMENT, confidence=1.0,
                               text="Helseforetakene skal ha et positivt resultat i 2024.")
    page.reload()

    # one click does not confirm them: a page names how many and which, with the reasons
    page.get_by_role("button", name="Bekreft hele dokumentet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3 krav bør kontrolleres før dokumentet bekreftes")
    expect(page.locator("main")).to_contain_text("(av 4 som ikke er bekreftet ennå)")
    listed = page.locator("#usikre-krav li")
    expect(listed).to_have_count(3)
    expect(listed.first).to_contain_text(doubtful[0].text[:40])
    expect(listed.first).to_contain_text("Hvorfor usikker:")
    assert_accessible(page, "second step of confirming a document")
    assert not document.items.filter(confirmed=True).exists()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    # confirm the others; the doubtful ones stay in review, and so does the document
    page.get_by_role("button", name="Bekreft de andre, la de 3 usikre stå til kontroll").click()
    page.wait_for_url(re.compile(r"/gjennomgang/#bor-kontrolleres$"))
    expect(page.locator("#review-items")).to_contain_text("3 krav som bør kontrolleres, står til gjennomgang")
    document.refresh_from_db()
    assert document.status == SteeringDocument.Status.IN_REVIEW
    sure.refresh_from_db()
    assert sure.confirmed
    assert document.items.needing_a_look().count() == 3

    # the second time the user confirms them too, knowingly: it is in the history
    page.get_by_role("button", name="Bekreft hele dokumentet").click()
    page.get_by_role("button", name="Bekreft alle, også de 3 usikre, uten kontroll").click()
    page.wait_for_url(re.compile(r"/dokumenter/\d+/$"))
    expect(page.locator(".st-messages")).to_contain_text("av dem 3 som burde vært kontrollert")
    document.refresh_from_db()
    assert document.status == SteeringDocument.Status.CONFIRMED
    assert "3 krav som burde vært kontrollert, bekreftet uten kontroll" in document.history.latest().history_change_reason
    for item in doubtful:
        item.refresh_from_db()
        assert item.confirmed
        assert item.history.latest().history_change_reason.startswith(
            "Bekreftet med hele dokumentet uten kontroll (bør kontrolleres:")


def test_a_list_that_changed_since_it_was_shown_is_shown_again(client, make_user, orgs, settings, tmp_path):
    """A stale second step (the ids shown are not the doubtful ones now) confirms nothing."""
    from styring.documents.services import import_document

    settings.MEDIA_ROOT = tmp_path / "media"
    owner = make_user("HN", "owner_staff")
    document = import_document(DATA / "feil_mottaker.txt", issuer_codes=["HN"], year=2024, user=owner)
    client.force_login(owner)
    doubtful = list(document.items.needing_a_look().values_list("pk", flat=True))
    response = client.post(f"/dokumenter/{document.pk}/bekreft/", {"usikre": "ta-med", "vist": doubtful[:2]})
    assert response.status_code == 200 and "Listen over usikre krav er endret" in response.content.decode()
    assert "Bekreft de andre" not in response.content.decode()  # every unconfirmed item is a doubtful one
    assert not document.items.filter(confirmed=True).exists()
    response = client.post(f"/dokumenter/{document.pk}/bekreft/", {"usikre": "ta-med", "vist": doubtful})
    assert response.status_code == 302
    assert document.items.filter(confirmed=True).count() == document.items.count()
