"""``make demo``'s document: imported and confirmed once, whatever the number of runs."""
from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest

from styring.documents import demo_data
from styring.documents.models import SteeringDocument
from styring.requirements.models import Item

pytestmark = pytest.mark.django_db


def test_demo_document_is_imported_confirmed_and_idempotent(fake_extractor, write_doc, orgs, media_root, monkeypatch):
    path = write_doc("demo.txt", "#assignment 1 1 UNN\nUNN skal vise demoen.", "#goal - 2 FIN\nEt mål for FIN.")
    monkeypatch.setattr(demo_data, "source_file", lambda: path)
    out = StringIO()
    document = demo_data.load(out)
    assert document.is_confirmed and document.year == demo_data.demo_year() and list(document.issuers.values_list("code", flat=True)) == ["HN"]
    assert "importert og bekreftet med 2 krav" in out.getvalue()
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() == 1
    again = StringIO()
    assert demo_data.load(again) == document and "allerede importert" in again.getvalue()
    assert SteeringDocument.objects.count() == 1


def test_demo_uses_seed_001_when_shared_is_there_else_the_bundled_sample(shared_dir, monkeypatch, tmp_path):
    assert demo_data.source_file().name.startswith("001_")
    assert [s.issuer for s in demo_data.sources()] == ["HN"]
    monkeypatch.setenv("STYRING_SHARED", str(tmp_path / "finnes-ikke"))
    assert demo_data.source_file() == demo_data.SAMPLE
    assert [(s.issuer, s.path) for s in demo_data.sources()] == [("HOD", demo_data.MINISTRY_SAMPLE), ("HN", demo_data.SAMPLE)]


def _extracted(path):
    from styring.extraction.pipeline import extract

    return extract(path.read_text(encoding="utf-8"), filename=path.name)


def test_the_standalone_sample_is_a_full_steering_document_for_the_real_extractor():
    """The fallback for machines without ../shared (read by the extractor, no database): every kind
    of item, hovedmål chapters, per-trust sections, the reporting calendar and the money."""
    result = _extracted(demo_data.SAMPLE)
    assert (result["document"]["issuer"], result["document"]["year"], result["document"]["language"]) == (["HN"], 2026, "nb")
    items = result["items"]
    kinds = Counter(i["kind"] for i in items)
    assert len(items) >= 100 and kinds["goal"] >= 20 and kinds["indicator"] >= 25 and kinds["assignment"] >= 50, kinds
    chapters = Counter(i["main_goal"] for i in items)
    assert all(chapters[n] >= 15 for n in (1, 2, 3)), chapters
    assert all(i["recipients"] for i in items)
    # numbered as the document numbers them: the trusts' 1–49 and Helse Nord's own 100–106, each once
    refs = [i["ref"] for i in items if i["ref"]]
    assert sorted(refs, key=int) == [str(n) for n in [*range(1, 50), *range(100, 107)]]
    alone = Counter(i["recipients"][0] for i in items if len(i["recipients"]) == 1)
    assert {code: alone[code] for code in ("FIN", "UNN", "NLSH", "HSYK", "SANO", "HNIKT", "SB", "HN")} == {
        "FIN": 4, "UNN": 5, "NLSH": 3, "HSYK": 3, "SANO": 2, "HNIKT": 3, "SB": 1, "HN": 7}
    assert next(i for i in items if i["ref"] == "6")["lead"] == "UNN"
    assert sum(1 for i in items if i["deadlines"]) >= 20 and {"tertial", "annual", "risk"} <= {
        r for i in items for r in i["reporting"]}
    assert [(d["date"], d["what"]) for d in result["reporting_deadlines"]] == [
        ("2026-03-01", "risikovurdering"), ("2026-05-15", "1. tertial"), ("2026-09-15", "2. tertial"),
        ("2027-02-01", "årlig melding")]
    money = {(a["from"], a["to"], a["amount_nok"]) for a in result["allocations"]}
    assert money == {("HN", "FIN", 2_315_400_000), ("HN", "UNN", 8_942_700_000), ("HN", "NLSH", 4_760_300_000),
                     ("HN", "HSYK", 2_128_900_000), ("HN", "SANO", 96_500_000), ("HN", "HNIKT", 412_800_000),
                     ("HN", "UNN", 12_500_000), ("HN", "FIN", 4_800_000), ("HN", "HSYK", 6_000_000)}


def test_the_ministry_sample_gives_helse_nord_its_assignments_grants_and_deadline():
    result = _extracted(demo_data.MINISTRY_SAMPLE)
    assert result["document"]["issuer"] == ["HOD"]
    items = result["items"]
    assert len(items) >= 18 and all(i["recipients"] == ["HN"] for i in items)
    assert {i["main_goal"] for i in items} == {1, 2, 3, None}
    assert {i["lead"] for i in items} == {None, "HV", "HSO"}
    assert [(d["date"], d["what"]) for d in result["reporting_deadlines"]] == [("2027-03-15", "årlig melding")]
    assert {(a["from"], a["to"], a["amount_nok"]) for a in result["allocations"]} == {
        ("HOD", "HN", 20_500_000_000), ("HOD", "HN", 140_000_000)}


def test_bundled_samples_are_imported_through_the_upload_service_with_the_cascade_and_vedlegg_3(
        orgs, media_root, monkeypatch, tmp_path):
    """Without ../shared: both documents imported and confirmed as this year's, the money and the
    calendar stored, per-hospital limits from Vedlegg 3, and links from the trusts' items up to the
    ministry's."""
    from styring.documents.models import Allocation
    from styring.indicators.models import Target
    from styring.requirements.models import ItemLink

    monkeypatch.setenv("STYRING_SHARED", str(tmp_path / "finnes-ikke"))
    out = StringIO()
    document = demo_data.load(out)
    ministry = SteeringDocument.objects.get(issuers__code="HOD")
    assert document.is_confirmed and ministry.is_confirmed and document.year == ministry.year == demo_data.demo_year()
    assert document.title.startswith("Styringskrav og rammer 2026 – Helse Nord RHF (eksempel")
    assert document.items.count() >= 100 and ministry.items.count() >= 18
    assert Item.objects.confirmed().applying_to(orgs["UNN"]).count() >= 80
    assert document.reporting_deadlines.count() == 4 and ministry.reporting_deadlines.count() == 1
    assert Allocation.objects.filter(payer__code="HN").count() == 9
    assert Allocation.objects.filter(payer__code="HOD", receiver__code="HN").count() == 2
    sites = set(Target.objects.filter(organisation__kind="sykehus").values_list("organisation__code", flat=True))
    assert {"FIN-KIR", "FIN-HAM", "UNN-TRO", "UNN-HAR", "NLSH-BOD", "HSYK-MOR"} <= sites
    assert ItemLink.objects.filter(parent__document=ministry, child__document=document).count() >= 7
    again = StringIO()
    assert demo_data.load(again) == document and again.getvalue().count("allerede importert") == 2
