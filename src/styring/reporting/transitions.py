"""The report workflow as one table: each step's name, the statuses it starts from, where it
leads, who may take it, its button and message, and its address in the UI and the API.

    utkast/returnert ──submit (rapportør)──▶ sendt ──board_approve (godkjenner)──▶ styrebehandlet
      ▲                                        │ (styret ber om endringer → utkast)            │
      └─ returnert ◀── return (eier, med kommentar og merknader per punkt) ◀────────────────────┤
             ▲                                                                                 ▼
             └──────────────────────── reopen (eier) ◀── godkjent ◀──approve (eier)

A returned (or reopened) report has a status of its own, ``returnert``: the trust edits it and
sends it again like a draft, and the owner keeps seeing it (it is no draft: it was sent once).

Every step taken is recorded (``Transition.record`` → ``ReportStep``): each sending starts a round, and
pages and documents show the current round's sending and board decision, the earlier ones as history.

``allowed_steps``, the report page's buttons, the UI's step addresses (``/rapportering/<id>/<slug>/``)
and the API's actions (``/api/reports/<id>/<api_path>/``) are all read from ``TRANSITIONS``;
``reporting.workflow`` carries each step out and checks it against its row here.

Who approves (``access.may_approve``): the owner staff of the organisation that issued the
period, when it owns the trust directly; HOD reads the trusts' reports but approves only the RHFs'.
A monthly report needs no board decision: the owner may approve it once it is sent.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from styring.accounts.access import Action, can, may_approve
from styring.reporting.models import EDITABLE, BoardDecision, PeriodKind, Report, ReportStatus, ReportStep


def _reporter(user, report: Report) -> bool:
    return can(user, Action.REPORT, report.organisation_id)


def _board(user, report: Report) -> bool:
    return can(user, Action.BOARD_APPROVE, report.organisation_id)


def _owner(user, report: Report) -> bool:
    return may_approve(user, report.organisation_id, report.period.issuer_id)


@dataclass(frozen=True)
class Transition:
    name: str  # the step everywhere: in code, in allowed_steps, and (with hyphens) the API's action path
    slug: str  # the UI's address: /rapportering/<id>/<slug>/
    sources: tuple[str, ...]
    target: str  # board-approve leads back to draft when the board asks for changes
    who: Callable[..., bool]  # (user, report) → may this user take the step?
    refused: str  # the message when the role may not
    verb: str  # "Rapporten har status «…» og kan ikke {verb}."
    label: str  # the button
    done: str  # the message after the step
    monthly_sources: tuple[str, ...] = ()  # extra statuses a monthly report may take it from

    @property
    def api_path(self) -> str:
        return self.name.replace("_", "-")

    def sources_for(self, report: Report) -> tuple[str, ...]:
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

    def allowed(self, user, report: Report) -> bool:
        return self.applies(report) and self.who(user, report)

    def record(self, report: Report, user, *, decision: BoardDecision | None = None, comment: str = "") -> ReportStep:
        """The step as it happened, in the report's rounds: a sending starts a new round, every
        other step belongs to the round of the latest sending."""
        latest = report.steps.aggregate(n=Max("round"))["n"] or 0
        number = latest + 1 if self.name == "submit" else max(latest, 1)
        by = user if getattr(user, "is_authenticated", False) else None
        return ReportStep.objects.create(report=report, round=number, step=self.name, at=timezone.now(), by=by,
                                         decision=decision, comment=comment)


D, S, B, A = ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.BOARD_APPROVED, ReportStatus.APPROVED
R = ReportStatus.RETURNED

TRANSITIONS: dict[str, Transition] = {t.name: t for t in [
    Transition("submit", "send", (D, R), S, _reporter, "Bare rapportøren i helseforetaket kan sende rapporten.",
               "sendes", "Send rapporten (administrativt)", "Rapporten er sendt (administrativt)."),
    Transition("board_approve", "styrevedtak", (S,), B, _board,
               "Bare godkjenneren i helseforetaket kan registrere styrevedtak.", "styrebehandles",
               "Registrer styrevedtak", "Styrevedtaket er registrert."),
    Transition("approve", "godkjenn", (B,), A, _owner,
               "Bare eierstaben hos den som utstedte perioden, kan godkjenne rapporten.",
               "godkjennes", "Godkjenn rapporten", "Rapporten er godkjent og låst.",
               monthly_sources=(S,)),
    Transition("return", "returner", (S, B), R, _owner,
               "Bare eierstaben hos den som utstedte perioden, kan returnere rapporten.", "returneres",
               "Returner rapporten", "Rapporten er returnert til helseforetaket."),
    Transition("reopen", "gjenapne", (A,), R, _owner,
               "Bare eierstaben hos den som utstedte perioden, kan gjenåpne rapporten.", "gjenåpnes",
               "Gjenåpne rapporten", "Rapporten er gjenåpnet."),
]}
BY_SLUG = {t.slug: t for t in TRANSITIONS.values()}

EDIT = "edit"  # not a transition: filling in a draft's entries


def may_edit(user, report: Report) -> bool:
    """Only the trust's reporter, only in a draft or a returned report."""
    return report.status in EDITABLE and _reporter(user, report)


def allowed_steps(report: Report, user) -> set[str]:
    """The steps ``user`` may take on ``report`` now (``"edit"`` and transition names)."""
    steps = {name for name, t in TRANSITIONS.items() if t.allowed(user, report)}
    if may_edit(user, report):
        steps.add(EDIT)
    return steps
