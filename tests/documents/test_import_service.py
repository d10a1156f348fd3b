"""import_document: what one import creates, and that a failed one leaves nothing behind."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.documents import services
from styring.documents.models import Allocation, ReportingDeadline, SteeringDocument
from styring.requirements.models import Item
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db

ITEMS = (
    "#goal - 1 FIN,UNN,NLSH,HSYK rapport=annual\nStyrke psykisk helsevern og TSB.",
    "#assignment 101 1 UNN,NLSH informed=FIN lead=UNN frist=2024-09-15 rapport=tertial\n"
    "Helseforetakene skal etablere felles rutiner innen 15. september 2024.",
    "#indicator - 3 FIN,UNN,NLSH,HSYK\nVentetiden skal være under 50 dager.",
)


def test_import_creates_unconfirmed_items_with_resolved_organisations(
    fake_extractor, write_doc, hn_owner, orgs, media_root
):
    path = write_doc("styringskrav.txt", *ITEMS)
    document = services.import_document(path, issuer_codes=["HN"], year=2024, user=hn_owner)

    assert document.status == SteeringDocument.Status.IN_REVIEW
    assert list(document.issuers.values_list("code", flat=True)) == ["HN"]
    assert set(document.addressees.values_list("code", flat=True)) == {"FIN", "UNN", "NLSH", "HSYK"}
    assert document.text == path.read_text(encoding="utf-8")
    assert len(document.sha256) == 64 and document.original_filename == "styringskrav.txt"
    assert document.file and len(stored_files(media_root)) == 1
    items = list(document.items.order_by("order"))
    assert [i.kind for i in items] == ["goal", "assignment", "indicator"]
    assert not any(i.confirmed for i in items)
    assignment = items[1]
    assert assignment.ref == "101" and assignment.main_goal == 1
    assert set(assignment.recipients.values_list("code", flat=True)) == {"UNN", "NLSH"}
    assert list(assignment.informed.values_list("code", flat=True)) == ["FIN"]
    assert assignment.lead.code == "UNN"
    assert assignment.deadlines == ["2024-09-15"] and assignment.reporting == ["tertial"]
    span = assignment.source_spans[0]
    assert document.text[span["start"]:span["end"]] == assignment.text
    assert ReportingDeadline.objects.get(document=document).label == "1. tertial"
    allocation = Allocation.objects.get(document=document)
    assert (allocation.payer.code, allocation.receiver.code, allocation.amount_nok) == ("HN", "UNN", 6790610000)
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() == 0  # nothing reaches trusts yet
    assert assignment.history.first().history_user == hn_owner
    assert document.history.first().history_user == hn_owner


def test_uploaded_file_is_accepted_like_a_path(fake_extractor, write_doc, hn_owner, media_root):
    content = write_doc("a.txt", *ITEMS).read_bytes()
    upload = SimpleUploadedFile("opplastet.txt", content, content_type="text/plain")
    document = services.import_document(upload, issuer_codes=["HN"], year=2024, user=hn_owner)
    assert document.items.count() == 3 and document.original_filename == "opplastet.txt"


def test_failure_after_rows_and_file_leaves_nothing(fake_extractor, write_doc, hn_owner, media_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "compare_with_previous_year", broken)
    with pytest.raises(RuntimeError):
        services.import_document(write_doc("a.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)
    assert not SteeringDocument.objects.exists() and not Item.objects.exists()
    assert stored_files(media_root) == []


def test_file_stored_then_failure_removes_the_file(fake_extractor, write_doc, hn_owner, media_root, monkeypatch):
    original = services._saved

    def fail_on_final_save(obj, user):
        if isinstance(obj, SteeringDocument) and obj.file:
            raise RuntimeError("disk full")
        return original(obj, user)

    monkeypatch.setattr(services, "_saved", fail_on_final_save)
    with pytest.raises(RuntimeError):
        services.import_document(write_doc("a.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)
    assert stored_files(media_root) == [] and not SteeringDocument.objects.exists()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"issuer_codes": ["XX"], "year": 2024}, "Ukjent utsteder: XX"),
        ({"issuer_codes": ["HN"], "year": "i fjor"}, "Året må være et tall"),
        ({"issuer_codes": ["HN"], "year": 1850}, "mellom 2000 og 2100"),
        ({"issuer_codes": ["HN"], "year": 2024, "kind": "brev"}, "Ukjent dokumenttype"),
    ],
)
def test_bad_arguments_are_rejected_in_norwegian(fake_extractor, write_doc, orgs, kwargs, message):
    with pytest.raises(services.ImportRejected, match=message):
        services.import_document(write_doc("a.txt", *ITEMS), **kwargs)
    assert not SteeringDocument.objects.exists()


def test_empty_and_too_large_files_are_rejected_before_extraction(write_doc, tmp_path, orgs, settings, monkeypatch):
    monkeypatch.setattr(services, "read_and_extract", lambda *a: pytest.fail("must not extract"))
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(services.ImportRejected, match="Filen er tom"):
        services.import_document(empty, issuer_codes=["HN"], year=2024)
    settings.STYRING_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("stor.txt", b"x" * 4096)
    with pytest.raises(services.ImportRejected, match="Filen er for stor"):
        services.import_document(big, issuer_codes=["HN"], year=2024)
    with pytest.raises(services.ImportRejected, match="Fant ikke filen"):
        services.import_document(tmp_path / "finnes-ikke.txt", issuer_codes=["HN"], year=2024)


def test_the_same_file_twice_is_refused(fake_extractor, write_doc, hn_owner, media_root):
    path = write_doc("a.txt", *ITEMS)
    first = services.import_document(path, issuer_codes=["HN"], year=2024, user=hn_owner)
    with pytest.raises(services.ImportRejected, match="allerede importert"):
        services.import_document(path, issuer_codes=["HN"], year=2024, user=hn_owner)
    assert SteeringDocument.objects.get() == first


def test_confirm_document_confirms_every_item_and_reaches_the_trust(fake_extractor, write_doc, hn_owner, orgs, media_root):
    document = services.import_document(write_doc("a.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)
    assert services.confirm_document(document, hn_owner) == 3
    document.refresh_from_db()
    assert document.is_confirmed and document.confirmed_at
    unn = Item.objects.confirmed().applying_to(orgs["UNN"])
    assert unn.count() == 3  # the goal, the assignment (recipient) and the indicator
    assert Item.objects.confirmed().applying_to(orgs["SANO"]).count() == 0
    assert all(i.confirmed_by == hn_owner for i in document.items.all())


def test_supplementary_document_joins_the_years_main_document(fake_extractor, write_doc, hn_owner, orgs, media_root):
    main = services.import_document(write_doc("hoved.txt", *ITEMS), issuer_codes=["HN"], year=2024, user=hn_owner)
    extra = services.import_document(
        write_doc("tillegg.txt", "#assignment - - SANO\nAnnen oppgave 2024 til Sykehusapotek Nord: lag en plan."),
        issuer_codes=["HN"], year=2024, user=hn_owner, kind=SteeringDocument.Kind.TILLEGGSDOKUMENT,
    )
    assert extra.supplements == main
    services.confirm_document(extra, hn_owner)
    sano = Item.objects.confirmed().applying_to(orgs["SANO"])
    assert [i.document for i in sano] == [extra]
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() == 0  # main not confirmed yet


def test_guess_kind_from_the_first_pages():
    assert services.guess_kind("Oppdragsdokument 2024 Helse Nord RHF") == "oppdragsdokument"
    assert services.guess_kind("Styringskrav og rammer 2024") == "styringskrav"
    assert services.guess_kind("Annen oppgave 2024 til Sykehusinnkjøp HF") == "tilleggsdokument"
