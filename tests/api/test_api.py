"""The API per endpoint and role, with token authentication."""
from __future__ import annotations

import io

import pytest
from docx import Document
from rest_framework.test import APIClient

from styring.reporting.models import BoardDecision, ReportStatus

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_token_endpoint(make_user):
    user = make_user("UNN", "reporter")
    client = APIClient()
    response = client.post("/api/token/", {"username": user.username, "password": user.raw_password})
    assert response.status_code == 200
    token = response.json()["token"]
    assert client.post("/api/token/", {"username": user.username, "password": "feil"}).status_code == 400
    assert client.get("/api/reports/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/reports/").status_code == 200


def test_organisations_are_listed_for_every_user(api, orgs):
    rows = results(api("FIN", "reader").get("/api/organisations/", {"limit": 500}))
    by_code = {r["code"]: r for r in rows}
    assert len(rows) == len(orgs)
    assert by_code["UNN"]["name"] == "Universitetssykehuset Nord-Norge HF"
    assert by_code["UNN"]["owners"] == ["HN"]
    assert by_code["UNN"]["preferred_language"] == "nb"
    assert api("FIN", "reader").get("/api/organisations/HN/").json()["kind"] == "rhf"
    rhfs = {r["code"] for r in results(api("FIN", "reader").get("/api/organisations/", {"kind": "rhf"}))}
    assert rhfs == {c for c, o in orgs.items() if o.kind == "rhf"} and "HN" in rhfs and len(rhfs) == 4


def test_documents_are_listed_for_issuer_and_addressees_only(api, cycle):
    rows = results(api("UNN", "reporter").get("/api/documents/"))
    assert [r["id"] for r in rows] == [cycle.document.pk]
    assert rows[0]["issuers"] == ["HN"] and sorted(rows[0]["addressees"]) == ["FIN", "UNN"]
    assert rows[0]["item_count"] == 9
    assert [r["id"] for r in results(api("HN", "owner_staff").get("/api/documents/", {"year": 2024}))] == [cycle.document.pk]
    assert results(api("HN", "owner_staff").get("/api/documents/", {"year": 2023})) == []
    assert results(api("HMN", "owner_staff").get("/api/documents/")) == []
    assert results(api("NLSH", "reader").get("/api/documents/")) == []
    assert api("HMN", "owner_staff").get(f"/api/documents/{cycle.document.pk}/").status_code == 404


def test_document_upload_needs_the_issuers_owner_staff(api, orgs):
    upload = {"file": io.BytesIO(b"Ikke et styringsdokument."), "issuers": "HN", "year": 2024}
    upload["file"].name = "notat.txt"
    assert api("UNN", "reporter").post("/api/documents/", upload, format="multipart").status_code == 403
    assert api("HMN", "owner_staff").post("/api/documents/", dict(upload, file=_named(b"x", "x.txt")),
                                          format="multipart").status_code == 403
    bad = api("HN", "owner_staff").post("/api/documents/", dict(upload, file=_named(b"Ikke et styringsdokument.", "notat.txt")),
                                        format="multipart")
    assert bad.status_code == 400
    assert bad.json()["detail"]  # the importer's Norwegian message
    unknown = api("HN", "owner_staff").post("/api/documents/", dict(upload, issuers="XYZ", file=_named(b"x", "x.txt")),
                                            format="multipart")
    assert unknown.status_code == 400 and "XYZ" in unknown.json()["detail"]
    missing = api("HN", "owner_staff").post("/api/documents/", {"issuers": "HN", "year": 2024}, format="multipart")
    assert missing.status_code == 400 and "file" in missing.json()


def _named(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


@pytest.mark.shared
def test_owner_uploads_seed_document_and_gets_unconfirmed_items(api, orgs, shared_dir):
    seed = shared_dir / "seeds" / "001_f916831d49873a13.txt"
    owner = api("HN", "owner_staff")
    response = owner.post("/api/documents/", {"file": _named(seed.read_bytes(), seed.name), "issuers": "HN", "year": 2024},
                          format="multipart")
    assert response.status_code == 201, response.content
    doc = response.json()
    assert doc["issuers"] == ["HN"] and doc["status"] == "in_review" and doc["item_count"] > 10
    items = results(owner.get("/api/items/", {"document": doc["id"], "limit": 500}))
    assert len(items) == doc["item_count"]
    assert not any(i["confirmed"] for i in items)
    # a trust never sees a document still in review
    assert results(api("UNN", "reporter").get("/api/documents/")) == []


def test_items_filters(api, cycle):
    client = api("UNN", "reader")
    everything = results(client.get("/api/items/"))
    assert [i["ref"] for i in everything] == [str(n) for n in range(1, 10)]
    first = everything[0]
    assert first["text"] == cycle.items[0].text and sorted(first["recipients"]) == ["FIN", "UNN"]
    assert first["main_goal"] == 1 and first["main_goal_title"].startswith("Styrke psykisk helsevern")
    assert len(results(client.get("/api/items/", {"recipient": "FIN"}))) == 8
    assert [i["ref"] for i in results(client.get("/api/items/", {"kind": "goal"}))] == ["1", "4", "7"]
    assert [i["ref"] for i in results(client.get("/api/items/", {"main_goal": 2}))] == ["2", "5", "8"]
    assert [i["ref"] for i in results(client.get("/api/items/", {"main_goal": 3, "kind": "assignment", "recipient": "UNN"}))] == ["3", "6", "9"]
    assert len(results(client.get("/api/items/", {"document": cycle.document.pk}))) == 9
    assert results(client.get("/api/items/", {"document": cycle.document.pk + 1000})) == []
    assert results(api("HMN", "owner_staff").get("/api/items/")) == []


def test_reports_list_follows_the_access_rules(api, cycle):
    own = results(api("UNN", "reporter").get("/api/reports/"))
    assert {(r["organisation"], r["period"]["kind"], r["status"]) for r in own} == {
        ("UNN", "annual", "approved"), ("UNN", "tertial1", "draft")}
    # owners see sent reports of their trusts, never drafts
    owner = results(api("HN", "owner_staff").get("/api/reports/"))
    assert {(r["organisation"], r["status"]) for r in owner} == {("UNN", "approved"), ("FIN", "approved")}
    assert results(api("HN", "owner_staff").get("/api/reports/", {"organisation": "FIN"}))[0]["organisation"] == "FIN"
    assert results(api("HMN", "owner_staff").get("/api/reports/")) == []
    assert {r["organisation"] for r in results(api("FIN", "approver").get("/api/reports/"))} == {"FIN"}
    assert len(results(api("UNN", "reporter").get("/api/reports/", {"status": "draft"}))) == 1
    assert len(results(api("UNN", "reporter").get("/api/reports/", {"period": cycle.annual.pk}))) == 1


def test_report_detail_has_entries_and_board_decision(api, cycle):
    report = cycle.report("UNN")
    data = api("UNN", "reader").get(f"/api/reports/{report.pk}/").json()
    assert data["organisation_name"] == "Universitetssykehuset Nord-Norge HF"
    assert len(data["entries"]) == 9
    entry = next(e for e in data["entries"] if e["item"]["ref"] == "2")
    assert entry["status"] == "partly" and entry["text"] == "UNN rapporterer på krav 2 (annual)."
    assert data["board_decisions"][0]["case_number"] == "12/2025"
    assert api("FIN", "reporter").get(f"/api/reports/{report.pk}/").status_code == 404
    assert api("HN", "owner_staff").get(f"/api/reports/{report.pk}/").status_code == 200
    assert api("HN", "owner_staff").get(f"/api/reports/{cycle.report('UNN', 'tertial').pk}/").status_code == 404


def test_entries_read_and_update_with_optimistic_locking(api, cycle):
    entry = cycle.report("UNN", "tertial").entries.get(item__ref="1")
    reporter = api("UNN", "reporter")
    url = f"/api/entries/{entry.pk}/"
    assert reporter.get(url).json()["version"] == 1
    assert len(results(reporter.get("/api/entries/", {"report": entry.report_id}))) == 9
    saved = reporter.patch(url, {"version": 1, "text": "Ny tekst.", "status": "partly"}, format="json")
    assert saved.status_code == 200, saved.content
    assert (saved.json()["version"], saved.json()["text"], saved.json()["status"]) == (2, "Ny tekst.", "partly")
    assert saved.json()["updated_by"] == reporter.user.username
    stale = reporter.patch(url, {"version": 1, "text": "Gammel versjon."}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert "Ingenting er overskrevet" in body["detail"]
    assert body["current"]["text"] == "Ny tekst." and body["yours"] == {"text": "Gammel versjon."}
    entry.refresh_from_db()
    assert entry.text == "Ny tekst." and entry.version == 2
    assert reporter.put(url, {"version": 2, "status": "achieved", "text": "Ferdig."}, format="json").status_code == 200
    assert reporter.patch(url, {"text": "uten versjon"}, format="json").status_code == 400
    assert reporter.patch(url, {"version": 3, "status": "grønn"}, format="json").status_code == 400


@pytest.mark.parametrize("code,role,expected", [
    ("UNN", "approver", 403), ("UNN", "reader", 403), ("HN", "owner_staff", 404), ("FIN", "reporter", 404),
])
def test_only_the_trusts_reporter_may_update_entries(api, cycle, code, role, expected):
    entry = cycle.report("UNN", "tertial").entries.first()
    response = api(code, role).patch(f"/api/entries/{entry.pk}/", {"version": 1, "text": "x"}, format="json")
    assert response.status_code == expected
    entry.refresh_from_db()
    assert entry.text != "x"


def test_entries_of_a_locked_report_cannot_be_changed(api, cycle):
    entry = cycle.report("UNN").entries.first()
    response = api("UNN", "reporter").patch(f"/api/entries/{entry.pk}/", {"version": 1, "text": "x"}, format="json")
    assert response.status_code == 400
    assert "kan ikke endres" in response.json()["detail"]


def test_whole_workflow_over_the_api(api, cycle):
    report = cycle.report("UNN", "tertial")
    base = f"/api/reports/{report.pk}"
    reporter, approver, owner = api("UNN", "reporter"), api("UNN", "approver"), api("HN", "owner_staff")
    assert approver.post(f"{base}/submit/").status_code == 403
    assert owner.post(f"{base}/submit/").status_code == 404  # owners do not see drafts
    response = reporter.post(f"{base}/submit/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert reporter.post(f"{base}/submit/").status_code == 400  # already sent
    decision = {"case_number": "20/2024", "meeting_date": "2024-05-28", "decision_text": "Styret tar rapporten til orientering."}
    assert reporter.post(f"{base}/board-approve/", decision, format="json").status_code == 403
    assert approver.post(f"{base}/board-approve/", decision, format="json").json()["status"] == "board_approved"
    assert BoardDecision.objects.get(report=report, case_number="20/2024").recorded_by == approver.user
    assert owner.post(f"{base}/return/", {}, format="json").status_code == 400
    entry = report.entries.first()
    foreign = {"comment": "x", "item_comments": {"999999": "Ikke i rapporten."}}
    assert owner.post(f"{base}/return/", foreign, format="json").status_code == 400
    assert owner.post(f"{base}/return/", {"comment": "x", "item_comments": {"a": "y"}}, format="json").status_code == 400
    returned = owner.post(f"{base}/return/", {"comment": "Utdyp tiltakene for krav 2.",
                                              "item_comments": {str(entry.pk): "Tallet mangler."}}, format="json")
    assert returned.json()["status"] == "returned" and returned.json()["return_comment"] == "Utdyp tiltakene for krav 2."
    # returned is not a draft: the owner still sees it, and both sides see the comment on the entry
    for client in (owner, reporter):
        detail = client.get(f"{base}/").json()
        assert detail["status"] == "returned"
        assert {e["id"]: e["return_comment"] for e in detail["entries"]}[entry.pk] == "Tallet mangler."
    assert reporter.post(f"{base}/submit/").status_code == 200
    assert approver.post(f"{base}/board-approve/", dict(decision, case_number="21/2024"), format="json").status_code == 200
    assert reporter.post(f"{base}/approve/").status_code == 403
    assert api("HMN", "owner_staff").post(f"{base}/approve/").status_code == 404
    approved = owner.post(f"{base}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by == owner.user


def test_submit_with_missing_status_lists_the_problems(api, cycle):
    report = cycle.report("FIN", "tertial")
    report.entries.filter(item__ref="1").update(status="")
    response = api("FIN", "reporter").post(f"/api/reports/{report.pk}/submit/")
    assert response.status_code == 400
    assert any("velg måloppnåelse" in e for e in response.json()["errors"])


def test_board_decision_asking_for_changes_sends_it_back(api, cycle):
    report = cycle.report("FIN", "tertial")
    api("FIN", "reporter").post(f"/api/reports/{report.pk}/submit/")
    response = api("FIN", "approver").post(f"/api/reports/{report.pk}/board-approve/", {
        "case_number": "7/2024", "meeting_date": "2024-05-30", "decision_text": "Styret ber om endringer.",
        "changes_requested": True}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    bad = api("FIN", "approver").post(f"/api/reports/{report.pk}/board-approve/", {"case_number": "x"}, format="json")
    assert bad.status_code == 400


def test_docx_download(api, cycle):
    report = cycle.report("UNN")
    response = api("UNN", "reader").get(f"/api/reports/{report.pk}/docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="aarlig-melding-2024-UNN.docx"' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Årlig melding 2024" and cycle.items[8].text in texts
    nn = api("HN", "owner_staff").get(f"/api/reports/{report.pk}/docx/", {"malform": "nn"})
    assert Document(io.BytesIO(nn.content)).paragraphs[0].text == "Årleg melding 2024"
    assert api("FIN", "reader").get(f"/api/reports/{report.pk}/docx/").status_code == 404
    assert api("HN", "owner_staff").get(f"/api/reports/{cycle.report('UNN', 'tertial').pk}/docx/").status_code == 404


def test_pdf_download_has_the_reports_text_and_the_same_access_as_the_docx(api, cycle):
    from styring.testing.pdf import pdf_text

    report = cycle.report("UNN")
    response = api("UNN", "reader").get(f"/api/reports/{report.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="aarlig-melding-2024-UNN.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Årlig melding 2024" in text and "Krav 9: foretaket skal gjennomføre oppdraget nr. 9." in text
    nn = api("HN", "owner_staff").get(f"/api/reports/{report.pk}/pdf/", {"malform": "nn"})
    assert nn.status_code == 200
    assert "Årleg melding 2024" in pdf_text(nn.content)
    assert api("HN", "owner_staff").get(f"/api/reports/{report.pk}/pdf/", {"malform": "de"}).status_code == 400
    # another trust's reader, and the owner on a trust's draft: refused as not found
    assert api("FIN", "reader").get(f"/api/reports/{report.pk}/pdf/").status_code == 404
    assert api("HN", "owner_staff").get(f"/api/reports/{cycle.report('UNN', 'tertial').pk}/pdf/").status_code == 404
    assert APIClient().get(f"/api/reports/{report.pk}/pdf/").status_code in (401, 403)
