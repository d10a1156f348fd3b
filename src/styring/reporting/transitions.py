"""The report workflow as one table: each row is a step and carries everything about it — the
statuses it starts from, where it leads (its outcomes), who may take it, its Norwegian words (button,
messages, history), its addresses in the UI and the API, the form and the serializer that take its
input, its side effects, and whom it reminds before a deadline.

    utkast/returnert ──submit (rapportør)──▶ sendt ──board_approve (godkjenner)──▶ styrebehandlet
      ▲                                        │ (styret ber om endringer → utkast)            │
      └─ returnert ◀── return (eier, med kommentar og merknader per punkt) ◀────────────────────┤
             ▲                                                                                 ▼
             └──────────────────────── reopen (eier) ◀── godkjent ◀──approve (eier)

A returned (or reopened) report has a status of its own, ``returnert``: the trust edits it and
sends it again like a draft, and the owner keeps seeing it (it is no draft: it was sent once).

Read from ``TRANSITIONS``: ``allowed_steps``; the report page's buttons and forms
(``/rapportering/<id>/<slug>/``, ``reporting.views``); the API's actions and their OpenAPI schema
(``/api/reports/<id>/<api_path>/``, ``api.views``); the rounds' history labels and the history's
reasons; the deadline reminders (``reporting.reminders``). ``reporting.workflow.take`` carries a row
out: ``prepare`` (input checks), the role and status checks, ``effect`` (the side effects, choosing
the outcome), the new status, the version and the history. A new step is one row here.

Who approves (``access.may_approve``): the owner staff of the organisation that issued the
period, when it owns the trust directly; HOD reads the trusts' reports but approves only the RHFs'.
A monthly report needs no board decision: the owner may approve it once it is sent.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from styring.accounts.access import Action, can, may_approve
from styring.accounts.models import Role
from styring.accounts.types import AnyUser, signed_in
from styring.lib.history import authored
from styring.reporting.entries import validate
from styring.reporting.errors import WorkflowError
from styring.reporting.forms import BoardDecisionForm, CommentForm, ReturnForm
from styring.reporting.models import (
    EDITABLE,
    BoardDecision,
    PeriodKind,
    ReminderKind,
    Report,
    ReportStatus,
    ReportStep,
    not_in_the_future,
)

# --- who may take a step (the rows' ``who``) ------------------------------------------------------


def may_report(user: AnyUser, report: Report) -> bool:
    """The trust's reporter (fills in and sends the report)."""
    return can(user, Action.REPORT, report.organisation_id)


def may_record_board_decision(user: AnyUser, report: Report) -> bool:
    """The trust's approver (records the board's decision)."""
    return can(user, Action.BOARD_APPROVE, report.organisation_id)


def may_owner_approve(user: AnyUser, report: Report) -> bool:
    """The owner staff of the organisation that issued the period, when it owns the trust directly."""
    return may_approve(user, report.organisation_id, report.period.issuer_id)


# --- the parts of a row ----------------------------------------------------------------------------

DEFAULT = ""  # the outcome a step has when its effect does not choose another


@dataclass(frozen=True)
class Outcome:
    """Where a step leads, and how the page and the history name it."""

    to: ReportStatus
    history: str | Promise  # the round's line: "sendt", "returnert" … (lazy: documents translate it)
    reason: str  # the history record's reason; ``{…}`` from the effect's ``context``
    done: str  # the message after the step


@dataclass(frozen=True)
class Reminds:
    """Whom a step's deadline reminds: the trust's members in ``role`` (those the row's ``who`` lets
    take the step), before the period's ``deadline`` ("admin", "board") and after it has passed."""

    role: Role
    deadline: str  # ``PeriodDeadline.kind``
    upcoming: str  # ``ReminderKind``
    overdue: str


@dataclass
class Taken:
    """What a step's effect did: the outcome it chose, the values its history reason names, the board
    decision and comment it recorded. ``take`` fills in ``report`` and ``done``."""

    outcome: str = DEFAULT
    context: dict[str, Any] = field(default_factory=dict)
    decision: BoardDecision | None = None
    comment: str = ""
    report: Report | None = None
    done: str = ""


Prepare = Callable[[dict[str, Any]], dict[str, Any]]  # the input, checked before the report is locked
Effect = Callable[[Report, Any, dict[str, Any]], Taken]  # (locked report, user, input) → what it did


@dataclass(frozen=True)
class Transition:
    name: str  # the step everywhere: in code, in allowed_steps, and (with hyphens) the API's action path
    slug: str  # the UI's address: /rapportering/<id>/<slug>/
    sources: tuple[ReportStatus, ...]
    outcomes: Mapping[str, Outcome]  # ``DEFAULT`` first; an effect may choose another (the board's changes)
    who: Callable[..., bool]  # (user, report) → may this user take the step? (a ``may_*`` rule)
    refused: str  # the message when the role may not
    verb: str  # "Rapporten har status «…» og kan ikke {verb}."
    label: str  # the button (and the API action's summary)
    monthly_sources: tuple[ReportStatus, ...] = ()  # extra statuses a monthly report may take it from
    form: type | str | None = None  # the UI's input (a form class or its dotted path); None: a plain button
    template: str = "reporting/steps/_form.html"  # the form's markup on the report page
    serializer: str | None = None  # the API's input, as a dotted path (reporting does not import the API)
    prepare: Prepare | None = None
    effect: Effect | None = None
    reminds: Reminds | None = None
    starts_round: bool = False  # a sending: the history's next round

    @property
    def api_path(self) -> str:
        return self.name.replace("_", "-")

    @property
    def target(self) -> ReportStatus:
        return self.outcomes[DEFAULT].to

    @property
    def done(self) -> str:
        return self.outcomes[DEFAULT].done

    @property
    def needs_input(self) -> bool:
        return self.form is not None

    def form_class(self) -> type | None:
        return import_string(self.form) if isinstance(self.form, str) else self.form

    def serializer_class(self) -> type | None:
        return import_string(self.serializer) if self.serializer else None

    def sources_for(self, report: Report) -> tuple[ReportStatus, ...]:
        if report.period.kind == PeriodKind.MONTHLY:
            return self.sources + self.monthly_sources
        return self.sources

    def refused_status(self, report: Report) -> str:
        """Why the step cannot be taken from the report's status, in Norwegian."""
        needed = " eller ".join(str(ReportStatus(s).label).lower() for s in self.sources_for(report))
        return (f"Rapporten har status «{report.get_status_display()}» og kan ikke {self.verb} "
                f"(den må være {needed}).")

    def applies(self, report: Report) -> bool:
        return report.status in self.sources_for(report)

    def allowed(self, user: AnyUser, report: Report) -> bool:
        return self.applies(report) and self.who(user, report)

    def record(self, report: Report, user: AnyUser, *, decision: BoardDecision | None = None, comment: str = "") -> ReportStep:
        """The step as it happened, in the report's rounds: a sending starts a new round, every
        other step belongs to the round of the latest sending."""
        latest = report.steps.aggregate(n=Max("round"))["n"] or 0
        number = latest + 1 if self.starts_round else max(latest, 1)
        by = signed_in(user)
        return ReportStep.objects.create(report=report, round=number, step=self.name, at=timezone.now(), by=by,
                                         decision=decision, comment=comment)


# --- the steps' input checks and side effects ------------------------------------------------------

def _comment_required(message: str) -> Prepare:
    def prepare(data: dict[str, Any]) -> dict[str, Any]:
        comment = (data.get("comment") or "").strip()
        if not comment:
            raise WorkflowError(message)
        return {**data, "comment": comment}
    return prepare


def _returning(data: dict[str, Any]) -> dict[str, Any]:
    data = _comment_required("Skriv en kommentar som forklarer hva som må endres.")(data)
    data["item_comments"] = {pk: text.strip() for pk, text in (data.get("item_comments") or {}).items()
                             if (text or "").strip()}
    return data


def _submitted(report: Report, user: User, data: dict[str, Any]) -> Taken:
    problems = validate(report)
    if problems:
        raise WorkflowError("Rapporten kan ikke sendes før alle punkter er fylt ut.", problems)
    if report.submitted_at is None:  # the first submission counts for timeliness
        report.submitted_at = timezone.now()
    report.submitted_by = user
    return Taken()


def _board_decided(report: Report, user: User, data: dict[str, Any]) -> Taken:
    """The board's decision, recorded; a board that asks for changes sends the report back to draft."""
    case_number, decision_text = (data.get("case_number") or "").strip(), (data.get("decision_text") or "").strip()
    meeting_date = data.get("meeting_date")
    errors = [] if case_number else ["Oppgi styresaksnummer."]
    if isinstance(meeting_date, str):
        try:
            meeting_date = dt.date.fromisoformat(meeting_date) if meeting_date else None
        except ValueError:
            meeting_date = None
    if not meeting_date:
        errors.append("Oppgi møtedato.")
    else:
        try:
            not_in_the_future(meeting_date)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if not decision_text:
        errors.append("Skriv inn styrets vedtak.")
    if errors:
        raise WorkflowError("Styrevedtaket ble ikke registrert.", errors)
    if not isinstance(meeting_date, dt.date):  # the form's date field gave one, or said what is wrong above
        raise WorkflowError("Styrevedtaket ble ikke registrert.", ["Skriv inn møtedatoen."])
    decision = BoardDecision(
        report=report, case_number=case_number, meeting_date=meeting_date, decision_text=decision_text,
        minutes_reference=(data.get("minutes_reference") or "").strip(),
        changes_requested=bool(data.get("changes_requested")), recorded_by=user,
    )
    authored(decision, user)
    decision.save()
    if decision.changes_requested:
        report.return_comment = f"Styret ba om endringer (styresak {decision.case_number}): {decision.decision_text}"
        return Taken(CHANGES_REQUESTED, {"case_number": decision.case_number}, decision=decision)
    return Taken(DEFAULT, {"case_number": decision.case_number}, decision=decision)


def _approved(report: Report, user: User, data: dict[str, Any]) -> Taken:
    report.approved_at = timezone.now()
    report.approved_by = user
    report.return_comment = ""
    # the owner's comments on entries from an earlier return are settled (they stay in the history)
    report.entries.exclude(return_comment="").update(return_comment="", version=F("version") + 1)
    return Taken()


def _returned(report: Report, user: User, data: dict[str, Any]) -> Taken:
    """The owner's comment to the trust, and on single entries (entry pk → text); the entries'
    comments of an earlier return are replaced."""
    item_comments: dict[int, str] = data["item_comments"]
    entries = {e.pk: e for e in report.entries.all()}
    if set(item_comments) - set(entries):
        raise WorkflowError("Kommentaren gjelder et punkt som ikke hører til rapporten.")
    for entry in entries.values():
        text = item_comments.get(entry.pk, "")
        if entry.return_comment != text:
            entry.return_comment = text
            entry.version += 1
            authored(entry, user, "Eiers kommentar ved retur")
            entry.save(update_fields=["return_comment", "version", "updated_at"])
    report.return_comment = data["comment"]
    return Taken(context={"comment": data["comment"]}, comment=data["comment"])


def _reopened(report: Report, user: User, data: dict[str, Any]) -> Taken:
    report.approved_at = None
    report.approved_by = None
    report.return_comment = data["comment"]
    return Taken(context={"comment": data["comment"]}, comment=data["comment"])


# --- the table -------------------------------------------------------------------------------------

D, S, B, A = ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.BOARD_APPROVED, ReportStatus.APPROVED
R = ReportStatus.RETURNED
CHANGES_REQUESTED = "changes_requested"  # the board's other outcome: back to draft
OWNER_ONLY = "Bare eierstaben hos den som utstedte perioden, kan {} rapporten."

TRANSITIONS: dict[str, Transition] = {t.name: t for t in [
    Transition(
        "submit", "send", (D, R), {DEFAULT: Outcome(S, _("sendt"), "Sendt (administrativt)",
                                                    "Rapporten er sendt (administrativt).")},
        may_report, "Bare rapportøren i helseforetaket kan sende rapporten.", "sendes",
        "Send rapporten (administrativt)", effect=_submitted, starts_round=True,
        reminds=Reminds(Role.REPORTER, "admin", ReminderKind.ADMIN_UPCOMING, ReminderKind.ADMIN_OVERDUE)),
    Transition(
        "board_approve", "styrevedtak", (S,), {
            DEFAULT: Outcome(B, _("styrebehandlet"), "Styrebehandlet (styresak {case_number})",
                             "Styrevedtaket er registrert."),
            CHANGES_REQUESTED: Outcome(D, _("styret ba om endringer"), "Styret ba om endringer (styresak {case_number})",
                                       "Styret ba om endringer; rapporten er tilbake som utkast."),
        },
        may_record_board_decision, "Bare godkjenneren i helseforetaket kan registrere styrevedtak.", "styrebehandles",
        "Registrer styrevedtak", form=BoardDecisionForm, template="reporting/steps/board_approve.html",
        serializer="styring.api.serializers.BoardDecisionSerializer", effect=_board_decided,
        reminds=Reminds(Role.APPROVER, "board", ReminderKind.BOARD_UPCOMING, ReminderKind.BOARD_OVERDUE)),
    Transition(
        "approve", "godkjenn", (B,), {DEFAULT: Outcome(A, _("godkjent"), "Godkjent av eier",
                                                      "Rapporten er godkjent og låst.")},
        may_owner_approve, OWNER_ONLY.format("godkjenne"), "godkjennes", "Godkjenn rapporten",
        monthly_sources=(S,), effect=_approved),
    Transition(
        "return", "returner", (S, B), {DEFAULT: Outcome(R, _("returnert"), "Returnert av eier: {comment}",
                                                       "Rapporten er returnert til helseforetaket.")},
        may_owner_approve, OWNER_ONLY.format("returnere"), "returneres", "Returner rapporten",
        form=ReturnForm, template="reporting/steps/return.html", serializer="styring.api.serializers.ReturnSerializer",
        prepare=_returning, effect=_returned),
    Transition(
        "reopen", "gjenapne", (A,), {DEFAULT: Outcome(R, _("gjenåpnet"), "Gjenåpnet av eier: {comment}",
                                                     "Rapporten er gjenåpnet.")},
        may_owner_approve, OWNER_ONLY.format("gjenåpne"), "gjenåpnes", "Gjenåpne rapporten",
        form=CommentForm, template="reporting/steps/reopen.html", serializer="styring.api.serializers.CommentSerializer",
        prepare=_comment_required("Skriv hvorfor rapporten gjenåpnes."), effect=_reopened),
]}

EDIT = "edit"  # not a transition: filling in a draft's entries


def by_slug(slug: str) -> Transition | None:
    """The row whose UI address is ``slug`` (read from the table as it is now)."""
    return next((t for t in TRANSITIONS.values() if t.slug == slug), None)


def history_label(step: ReportStep) -> str | Promise:
    """What happened in a round's line ("sendt", "styret ba om endringer" …), from the step's row
    and the outcome it had."""
    row = TRANSITIONS.get(step.step)
    if row is None:
        return step.step
    outcome = CHANGES_REQUESTED if step.decision is not None and step.decision.changes_requested else DEFAULT
    return (row.outcomes.get(outcome) or row.outcomes[DEFAULT]).history


def may_edit(user: AnyUser, report: Report) -> bool:
    """Only the trust's reporter, only in a draft or a returned report."""
    return report.status in EDITABLE and may_report(user, report)


def allowed_steps(report: Report, user: AnyUser) -> set[str]:
    """The steps ``user`` may take on ``report`` now (``"edit"`` and transition names)."""
    steps = {name for name, t in TRANSITIONS.items() if t.allowed(user, report)}
    if may_edit(user, report):
        steps.add(EDIT)
    return steps
