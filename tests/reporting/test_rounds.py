"""A report's rounds (issue 18, point 2): after return, resend and a new board decision, the report
page, every DOCX (bokmål and nynorsk), the PDF and the consolidated report print the current
decision and sending; the superseded ones only as history."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from styring.exports.annual_report import consolidated_docx, report_docx
from styring.exports.pdf import consolidated_pdf, report_pdf
from styring.reporting import workflow
from styring.reporting.models import Report, ReportStatus, ReportStep
from styring.reporting.scope import ensure_report
from styring.testing.pdf import pdf_text
from tests.reporting.conftest import fill_report

pytestmark = pytest.mark.django_db

FIRST = {"case_number": "11/2024", "meeting_date": dt.date(2024, 5, 20), "decision_text": "Første vedtak: godkjent.",
         "minutes_reference": ""}
SECOND = {"case_number": "27/2024", "meeting_date": dt.date(2024, 6, 3), "decision_text": "Nytt vedtak etter retur.",
          "minutes_reference": ""}
FIRST_SENT = dt.datetime(2024, 5, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def resent(orgs, periods, people):
    """UNN's 1. tertial: submitted (10.05.2024), board decision 11/2024, returned by the owner,
    resent today, new board decision 27/2024."""
    report = ensure_report(orgs["UNN"], periods.t1)
    fill_report(report, people.reporter)
    workflow.submit(report, people.reporter)
    # the first sending happened on 10 May (its step and the report's first-sent time)
    ReportStep.objects.filter(report=report, step="submit").update(at=FIRST_SENT)
    Report.objects.filter(pk=report.pk).update(submitted_at=FIRST_SENT)
    report.refresh_from_db()
    workflow.record_board_decision(report, people.approver, **FIRST)
    workflow.return_report(report, people.owner, "Mer om ventetider.")
    workflow.submit(report, people.reporter)
    workflow.record_board_decision(report, people.approver, **SECOND)
    report.refresh_from_db()
    return report


def test_the_steps_are_recorded_in_rounds(resent):
    steps = list(resent.steps.order_by("at", "pk").values_list("round", "step"))
    assert sorted(steps) == [(1, "board_approve"), (1, "return"), (1, "submit"), (2, "board_approve"), (2, "submit")]
    rounds = resent.rounds()
    assert rounds.current.number == 2 and [r.number for r in rounds.earlier] == [1]
    assert rounds.decision.case_number == "27/2024"
    assert [d.case_number for d in rounds.superseded] == ["11/2024"]
    assert rounds.sent_at.date() == timezone.localdate()


def test_a_returned_report_stands_on_no_decision(orgs, periods, people):
    report = ensure_report(orgs["UNN"], periods.t1)
    fill_report(report, people.reporter)
    workflow.submit(report, people.reporter)
    workflow.record_board_decision(report, people.approver, **FIRST)
    workflow.return_report(report, people.owner, "Mer om ventetider.")
    report.refresh_from_db()
    text = "\n".join(p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "Styrebehandling: Ikke styrebehandlet ennå" in text
    assert "Tidligere behandling: Styrebehandlet" in text and "11/2024" in text


LABELS = ("Styrebehandling", "Styrehandsaming", "Tidligere behandling", "Tidlegare handsaming", "Sendt", "Vedtak")


def _facts(text: str) -> dict[str, list[str]]:
    """The front-page facts by label ("Label: value" in DOCX, "Label value" in a PDF, where a long
    value wraps onto the next lines)."""
    facts: dict[str, list[str]] = {}
    last: tuple[str, int] | None = None
    for line in (line.strip() for line in text.splitlines()):
        label = next((lb for lb in LABELS if line.startswith((f"{lb}:", f"{lb} "))), None)
        if label is not None:
            facts.setdefault(label, []).append(line[len(label):].lstrip(": "))
            last = (label, len(facts[label]) - 1)
        elif last is not None and line and not line.startswith(("Laget i", "Laga i", "Hovudmål", "Hovedmål", "Sammendrag", "Samandrag")):
            facts[last[0]][last[1]] += " " + line
        else:
            last = None
    return facts


def _check(text: str, *, nynorsk: bool = False) -> None:
    facts = _facts(text)
    current = facts.get("Styrehandsaming" if nynorsk else "Styrebehandling", [])
    history = facts.get("Tidlegare handsaming" if nynorsk else "Tidligere behandling", [])
    assert len(current) == 1 and "27/2024" in current[0] and "11/2024" not in current[0], current
    assert any("11/2024" in line and str(FIRST["decision_text"]) in line for line in history), history
    assert not any("27/2024" in line for line in history), history
    assert facts["Vedtak"] == [SECOND["decision_text"]]
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert facts["Sendt"] == [today]  # the current sending, not the first
    assert "Sendt 10.05.2024" in history  # the first sending, as history
    assert any(line.startswith("Returnert") for line in history)


def test_docx_both_languages_and_pdf_print_the_current_round(resent):
    for language in ("nb", "nn"):
        doc = Document(io.BytesIO(report_docx(resent, language)))
        _check("\n".join(p.text for p in doc.paragraphs), nynorsk=language == "nn")
    _check(pdf_text(report_pdf(resent)))


def test_the_consolidated_report_prints_the_current_round(resent, orgs, periods):
    doc = Document(io.BytesIO(consolidated_docx(orgs["HN"], periods.t1)))
    _check("\n".join(p.text for p in doc.paragraphs))
    cell = next(c.text for row in doc.tables[0].rows for c in row.cells if "Styresak" in c.text)
    assert "27/2024" in cell and "11/2024" not in cell
    _check(pdf_text(consolidated_pdf(orgs["HN"], periods.t1)))


def test_the_report_page_names_the_current_decision_and_keeps_the_rest_as_history(client, resent, people):
    client.force_login(people.owner)
    page = client.get(f"/rapportering/{resent.pk}/").content.decode()
    current = page[page.index('id="gjeldende-vedtak"'):page.index("</dd>", page.index('id="gjeldende-vedtak"'))]
    assert "Gjeldende" in current and "27/2024" in current and "11/2024" not in current
    sent = page[page.index('id="sendt"'):page.index("</dd>", page.index('id="sendt"'))]
    assert timezone.localdate().strftime("%-d.%-m.%Y") in sent and "første gang 10.5.2024" in sent
    history = page[page.index('id="tidligere-runder"'):page.index("</details>", page.index('id="tidligere-runder"'))]
    assert "11/2024" in history and "Returnert" in history and "27/2024" not in history
    assert resent.status == ReportStatus.BOARD_APPROVED


# --- issue 18, point 10: a board meeting in the future is refused -------------------------------


def test_a_future_meeting_date_is_refused_in_the_form_the_api_and_the_workflow(client, orgs, periods, people, api):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    report = ensure_report(orgs["UNN"], periods.t1)
    fill_report(report, people.reporter)
    workflow.submit(report, people.reporter)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    decision = {**FIRST, "meeting_date": tomorrow.isoformat()}
    client.force_login(people.approver)
    response = client.post(f"/rapportering/{report.pk}/styrevedtak/", decision)
    assert response.status_code == 400
    assert "Møtedatoen kan ikke være frem i tid" in response.content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in response.content.decode()  # the picker stops at today
    rest = APIClient()
    rest.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(people.approver)[1]}")
    answer = rest.post(f"/api/reports/{report.pk}/board-approve/", decision, format="json")
    assert answer.status_code == 400 and "frem i tid" in str(answer.json()), answer.json()
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.record_board_decision(report, people.approver, **{**FIRST, "meeting_date": tomorrow})
    assert any("frem i tid" in e for e in refused.value.errors)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not report.board_decisions.exists()
    # today is fine
    workflow.record_board_decision(report, people.approver, **{**FIRST, "meeting_date": timezone.localdate()})
    assert report.board_decisions.count() == 1


def test_the_api_lists_the_steps_by_round(resent, people):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(people.owner)[1]}")
    data = client.get(f"/api/reports/{resent.pk}/").json()
    steps = [(s["round"], s["step"]) for s in data["steps"]]
    assert steps == [(1, "submit"), (1, "board_approve"), (1, "return"), (2, "submit"), (2, "board_approve")]
    current = next(s for s in data["steps"] if s["round"] == 2 and s["step"] == "board_approve")
    assert {d["id"]: d["case_number"] for d in data["board_decisions"]}[current["decision"]] == "27/2024"
