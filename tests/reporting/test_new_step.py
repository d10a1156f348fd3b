"""A new workflow step is one row of ``transitions.TRANSITIONS``: added there alone (and nowhere
else), it is a button and a form on the report page, an API action in the OpenAPI schema, a label in
the history, and a reminder before its deadline."""
from __future__ import annotations

import importlib
import io
from typing import cast

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import clear_url_caches, include, path
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from styring.accounts.models import Role
from styring.reporting import workflow
from styring.reporting.forms import CommentForm
from styring.reporting.models import Reminder, Report, ReportStatus
from styring.reporting.scope import ensure_report
from styring.reporting.transitions import (
    DEFAULT,
    TRANSITIONS,
    Outcome,
    Reminds,
    Taken,
    Transition,
    allowed_steps,
    may_report,
)
from tests.reporting.conftest import fill_report

pytestmark = pytest.mark.django_db


def _withdrawn(report, user, data) -> Taken:
    report.return_comment = data["comment"]
    return Taken(context={"comment": data["comment"]}, comment=data["comment"])


# The one row: the trust's reporter withdraws a sent report (before the board has treated it) with a reason.
WITHDRAW = Transition(
    "withdraw", "trekk-tilbake", (ReportStatus.SUBMITTED,),
    {DEFAULT: Outcome(ReportStatus.DRAFT, "trukket tilbake", "Trukket tilbake: {comment}",
                      "Rapporten er trukket tilbake.")},
    may_report, "Bare rapportøren i helseforetaket kan trekke tilbake rapporten.", "trekkes tilbake",
    "Trekk tilbake rapporten", form=CommentForm, serializer="styring.api.serializers.CommentSerializer",
    effect=_withdrawn, reminds=Reminds(Role.REPORTER, "board", "withdraw_upcoming", "withdraw_overdue"),
)


def _rebuild_routes(patch: pytest.MonkeyPatch | None = None) -> None:
    """What starting the server does: the API's routes read from the table as it is now (and, while
    ``patch`` lasts, served by a fresh resolver: the running one keeps the routes it has read)."""
    import styring.api.urls
    import styring.urls

    importlib.reload(styring.api.urls)
    if patch is not None:
        fresh = [path("api/", include("styring.api.urls")) if getattr(p, "urlconf_name", None) is styring.api.urls
                 else p for p in styring.urls.urlpatterns]
        patch.setattr(styring.urls, "urlpatterns", fresh)
    clear_url_caches()


@pytest.fixture
def new_step():
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(TRANSITIONS, WITHDRAW.name, WITHDRAW)  # the only place the step is added
        _rebuild_routes(patch)
        yield WITHDRAW
    _rebuild_routes()
    assert "withdraw" not in TRANSITIONS


@pytest.fixture
def sent(orgs, periods, people):
    report = ensure_report(orgs["UNN"], periods.t1)
    fill_report(report, people.reporter)
    return workflow.submit(report, people.reporter)


def test_the_new_step_is_on_the_report_page_and_in_its_history(new_step, sent, people, client):
    assert allowed_steps(sent, people.reporter) == {"withdraw"}
    assert "withdraw" not in allowed_steps(sent, people.owner)
    client.force_login(people.reporter)
    page = client.get(f"/rapportering/{sent.pk}/").content.decode()
    assert 'href="#steg-trekk-tilbake">Trekk tilbake rapporten</a>' in page  # the action bar's button
    assert f'action="/rapportering/{sent.pk}/trekk-tilbake/"' in page  # its form, with the form's field
    assert 'id="steg-trekk-tilbake-comment"' in page and 'name="comment"' in page

    refused = client.post(f"/rapportering/{sent.pk}/trekk-tilbake/", {})
    assert refused.status_code == 400 and "Skriv en kommentar som forklarer hvorfor." in refused.content.decode()
    done = client.post(f"/rapportering/{sent.pk}/trekk-tilbake/", {"comment": "Feil tall i punkt 2."}, follow=True)
    assert "Rapporten er trukket tilbake." in done.content.decode()
    report = Report.objects.get(pk=sent.pk)
    assert report.status == ReportStatus.DRAFT and report.version == sent.version + 1
    assert list(report.steps.values_list("round", "step", "comment")) == [
        (1, "submit", ""), (1, "withdraw", "Feil tall i punkt 2.")]

    history = client.get(f"/rapportering/{sent.pk}/historikk/").content.decode()
    assert "Trukket tilbake: Feil tall i punkt 2." in history
    workflow.submit(report, people.reporter)  # round 2: round 1's steps are the page's history
    page = client.get(f"/rapportering/{sent.pk}/").content.decode()
    assert "Runde 1: Trukket tilbake" in page


def test_the_new_step_is_an_api_action_with_its_schema(new_step, sent, people):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/reports/{id}/withdraw/"]["post"]
    assert operation["summary"] == "Trekk tilbake rapporten"
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Comment"}
    assert "/api/reports/{id}/board-approve/" in schema["paths"]  # the other rows stay

    api = APIClient()
    api.force_authenticate(people.owner)
    assert api.post(f"/api/reports/{sent.pk}/withdraw/", {"comment": "x"}, format="json").status_code == 403
    api.force_authenticate(people.reporter)
    assert api.post(f"/api/reports/{sent.pk}/withdraw/", {}, format="json").status_code == 400
    response = api.post(f"/api/reports/{sent.pk}/withdraw/", {"comment": "Feil tall."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == ReportStatus.DRAFT
    again = api.post(f"/api/reports/{sent.pk}/withdraw/", {"comment": "Feil tall."}, format="json")
    assert again.status_code == 400 and "kan ikke trekkes tilbake" in str(again.json())


def test_the_new_step_reminds_whom_its_row_names(new_step, sent, people):
    # 25 May: UNN's report is sent, the board deadline (1 June) is 7 days away
    out = io.StringIO()
    call_command("remind", "--today=2024-05-25", stdout=out)
    mine = [m for m in mail.outbox if m.to == ["unn-rapportor@example.org"]]
    assert len(mine) == 1 and "Neste steg: Trekk tilbake rapporten." in mine[0].body
    assert "Neste steg: Trekk tilbake rapporten." in str(cast(EmailMultiAlternatives, mine[0]).alternatives[0][0])  # the HTML part
    assert Reminder.objects.get(user=people.reporter).kind == "withdraw_upcoming"
    approver = next(m for m in mail.outbox if m.to == ["unn-godkjenner@example.org"])
    assert "Neste steg: Registrer styrevedtak." in approver.body


def test_without_the_row_there_is_no_step(sent, people, client):
    """The same report without the row: no button, no address, no action, no reminder."""
    assert "withdraw" not in allowed_steps(sent, people.reporter)
    client.force_login(people.reporter)
    assert "trekk-tilbake" not in client.get(f"/rapportering/{sent.pk}/").content.decode()
    assert client.post(f"/rapportering/{sent.pk}/trekk-tilbake/", {"comment": "x"}).status_code == 404
    api = APIClient()
    api.force_authenticate(people.reporter)
    assert api.post(f"/api/reports/{sent.pk}/withdraw/", {"comment": "x"}, format="json").status_code == 404
    call_command("remind", "--today=2024-05-25", stdout=io.StringIO())
    assert [m.to for m in mail.outbox if m.to[0].startswith("unn-")] == [["unn-godkjenner@example.org"]]
