"""A trust's own system runs a whole cycle over the API, as a script would: the owner makes the
period, UNN's reporter fills in the report (a yellow and a red item, each with its deviation and a
measure; a risk assessed), sends it, UNN's approver records the board's decision, Helse Nord
approves it, and the reporter downloads the DOCX with those texts."""
from __future__ import annotations

import io

import pytest
from docx import Document
from rest_framework.test import APIClient

from tests.reporting.conftest import build_hn_document

pytestmark = pytest.mark.django_db

DEVIATION = {"ventetid": "Ventetiden økte fordi to overleger sluttet i vår.",
             "pakke": "Andelen er 64 %, under målet på 70 %."}
MEASURE = {"ventetid": "Rekruttere to overleger og leie inn i sommer",
           "pakke": "Ukentlig gjennomgang av forløpene i klinikkledelsen"}


def signed_in(user) -> APIClient:
    """A client that logs in like a script: POST /api/token/, then ``Authorization: Token …``."""
    client = APIClient()
    answer = client.post("/api/token/", {"username": user.username, "password": user.raw_password}, format="json")
    assert answer.status_code == 200, answer.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


def test_unn_runs_a_cycle_with_a_red_item_over_the_api(orgs, make_user):
    hn_doc = build_hn_document(orgs)
    owner, hod = make_user("HN", "owner_staff"), make_user("HOD", "owner_staff")
    reporter, approver = make_user("UNN", "reporter"), make_user("UNN", "approver")
    by_text = {item.text: key for key, item in hn_doc.items.items()}

    # 1. Helse Nord makes the period for årlig melding and sets its deadlines
    hn = signed_in(owner)
    period = ok(hn.post("/api/periods/", {"issuer": "HN", "year": 2024, "kind": "annual",
                                          "admin_deadline": "2025-02-01"}, format="json"), 201)
    period = ok(hn.patch(f"/api/periods/{period['id']}/", {"board_deadline": "2025-03-01"}, format="json"))
    assert period["board_deadline"] == "2025-03-01"
    assert signed_in(reporter).post("/api/periods/", {"issuer": "HN", "year": 2024, "kind": "tertial1"},
                                    format="json").status_code == 403

    # 2. UNN's system opens the report and fills in every entry
    unn = signed_in(reporter)
    report = ok(unn.post("/api/reports/", {"period": period["id"]}, format="json"), 201)
    assert report["status"] == "draft" and len(report["entries"]) == 5
    risk = ok(unn.post("/api/risks/", {"organisation": "UNN", "title": "Mangel på overleger", "top5": True},
                       format="json"), 201)
    ok(unn.post(f"/api/risks/{risk['id']}/assess/", {"period": period["id"], "probability": 4, "consequence": 4},
                format="json"))
    for entry in report["entries"]:
        key = by_text[entry["item"]["text"]]
        status = {"ventetid": "not_achieved", "pakke": "partly"}.get(key, "achieved")
        body = {"version": entry["version"], "status": status, "text": f"UNN om {key}.",
                "deviation": DEVIATION.get(key, "")}
        ok(unn.patch(f"/api/entries/{entry['id']}/", body, format="json"))
        if key in MEASURE:
            measure = ok(unn.post("/api/measures/", {"entry": entry["id"], "description": MEASURE[key],
                                                     "owner": "Klinikksjef", "due_date": "2025-06-30",
                                                     "risk": risk["id"]}, format="json"), 201)
            assert measure["open"] is True
    assert ok(unn.post(f"/api/reports/{report['id']}/submit/"))["status"] == "submitted"

    # 3. the board's decision, then Helse Nord's approval (HOD reads, but may not approve)
    board = signed_in(approver)
    decided = ok(board.post(f"/api/reports/{report['id']}/board-approve/", {
        "case_number": "12/2025", "meeting_date": "2025-02-20", "decision_text": "Styret godkjenner årlig melding."},
        format="json"))
    assert decided["status"] == "board_approved"
    assert signed_in(hod).post(f"/api/reports/{report['id']}/approve/").status_code == 403
    assert ok(hn.post(f"/api/reports/{report['id']}/approve/"))["status"] == "approved"

    # 4. the DOCX carries the red item, its deviation and measure, and the board's decision
    response = unn.get(f"/api/reports/{report['id']}/docx/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])
    for key in ("ventetid", "pakke"):
        assert hn_doc.items[key].text in text
        assert DEVIATION[key] in text and MEASURE[key] in text
    assert "12/2025" in text and "Ikke oppnådd" in text and "Delvis oppnådd" in text


def test_the_new_endpoints_follow_the_access_rules(orgs, api):
    hn_doc = build_hn_document(orgs)
    from styring.reporting.models import Measure, Risk

    unn_risk = Risk.objects.create(organisation=orgs["UNN"], title="UNN sin risiko")
    Measure.objects.create(organisation=orgs["UNN"], item=hn_doc.items["psyk"], description="UNN sitt tiltak",
                           owner="x", due_date="2025-01-01")
    fin = api("FIN", "reporter")
    assert ok(fin.get("/api/risks/"))["results"] == []
    assert ok(fin.get("/api/measures/"))["results"] == []
    assert fin.get(f"/api/risks/{unn_risk.pk}/").status_code == 404
    assert fin.post("/api/risks/", {"organisation": "UNN", "title": "x"}, format="json").status_code == 404
    assert api("UNN", "reader").post("/api/risks/", {"organisation": "UNN", "title": "x"},
                                     format="json").status_code == 403
    owner = api("HN", "owner_staff")
    assert [r["title"] for r in ok(owner.get("/api/risks/"))["results"]] == ["UNN sin risiko"]
    assert owner.post("/api/periods/", {"issuer": "HSO", "year": 2024, "kind": "annual"},
                      format="json").status_code == 403
