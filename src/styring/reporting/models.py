"""The reporting cycle: periods with deadlines, one report per trust per period, its entries,
measures (tiltak), risks and board decisions (indicator values: ``styring.indicators``).

Workflow of a report (see ``reporting.workflow``):
    utkast → sendt (administrativt) → styrebehandlet → godkjent
    the board may send it back (→ utkast); the owner may return it with a comment (→ returnert),
    and the trust edits and sends it again from there.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from styring.accounts.access import VisibleQuerySet, access_of
from styring.accounts.types import AnyUser
from styring.documents.models import SteeringDocument
from styring.indicators import targets
from styring.organisations.models import Organisation
from styring.requirements.models import Item


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Månedlig")
    TERTIAL_1 = "tertial1", _("1. tertial")
    TERTIAL_2 = "tertial2", _("2. tertial")
    ANNUAL = "annual", _("Årlig melding")
    RISK = "risk", _("Risikovurdering")


# --- who may see what of the reporting (each model's ``objects.visible_to(user)``) ----------------
# Reports: of visible organisations; a draft only by the trust's own members. Entries: of visible
# reports. Measures and risks: of visible organisations; a measure added to a report that is still
# a draft only by the trust's own members (a trust's draft is the trust's: its texts and measures
# reach the owner when it is sent). A risk chosen on an entry of a draft, or assessed in its period,
# likewise, until it stands in a sent report too. Periods: issued by a visible organisation, or by
# an owner of the user's own organisation; their deadlines are set by those who manage the issuer.

def sent_or_own(user: AnyUser, report: str = "") -> models.Q:
    """The draft rule: a report still in draft (and what was added to it) only for the trust's own
    members; ``report`` is the path to the report (``"created_in__report__"``)."""
    return ~models.Q(**{f"{report}status": ReportStatus.DRAFT}) | models.Q(
        **{f"{report}organisation_id__in": access_of(user).draft_ids})


class PeriodQuerySet(VisibleQuerySet["ReportingPeriod"]):
    not_found = "Fant ikke rapporteringsperioden."

    def visible_to(self, user: AnyUser) -> PeriodQuerySet:
        return self.filter(issuer_id__in=access_of(user).period_issuer_ids).select_related("issuer")

    def managed_by(self, user: AnyUser) -> PeriodQuerySet:
        """Periods whose deadlines the user may set: issued by an organisation the user manages."""
        return self.filter(issuer_id__in=access_of(user).managed_ids).select_related("issuer")

    def visible_or_404(self, user: AnyUser, pk: int, *, manage: bool = False) -> ReportingPeriod:
        return (self.managed_by(user) if manage else self.visible_to(user)).get_or_404(pk=pk)


class ReportQuerySet(VisibleQuerySet["Report"]):
    not_found = "Fant ikke rapporten."

    def visible_to(self, user: AnyUser) -> ReportQuerySet:
        return self.filter(organisation_id__in=access_of(user).visible_ids).filter(sent_or_own(user))

    def visible_or_404(self, user: AnyUser, pk: int) -> Report:
        return self.visible_to(user).select_related("organisation", "period__issuer").get_or_404(pk=pk)

    def approvable_by(self, user: AnyUser) -> ReportQuerySet:
        """The reports the user may approve, return or reopen (``Access.may_approve`` as a filter)."""
        rule = access_of(user).approvable()
        return self.none() if rule is None else self.filter(rule).distinct()


class EntryQuerySet(VisibleQuerySet["ReportEntry"]):
    not_found = "Fant ikke rapportpunktet."

    def visible_to(self, user: AnyUser) -> EntryQuerySet:
        return self.filter(report__in=Report.objects.visible_to(user).values("pk"))

    def visible_or_404(self, user: AnyUser, pk: int, *, report: Report | None = None) -> ReportEntry:
        """An entry of a report ``user`` may read (of ``report``, when given)."""
        queryset = self.visible_to(user).select_related("item", "risk", "report__organisation", "report__period")
        if report is not None:
            queryset = queryset.filter(report=report)
        return queryset.get_or_404(pk=pk)


class MeasureQuerySet(VisibleQuerySet["Measure"]):
    not_found = "Fant ikke tiltaket."

    def visible_to(self, user: AnyUser) -> MeasureQuerySet:
        return self.filter(organisation_id__in=access_of(user).visible_ids).filter(
            models.Q(created_in__isnull=True) | sent_or_own(user, "created_in__report__"))

    def outside_drafts(self) -> MeasureQuerySet:
        """The measures every reader of a sent report may see beside it: those not added to a report
        still in draft (the draft's own page shows its measures to its own members)."""
        return self.filter(measures_outside_drafts())


def measures_outside_drafts() -> models.Q:
    """The filter of ``MeasureQuerySet.outside_drafts``, to combine with other conditions."""
    return models.Q(created_in__isnull=True) | ~models.Q(created_in__report__status=ReportStatus.DRAFT)


def _in_reports(sent: bool) -> models.Q:
    """A risk stands in a report of its organisation that is sent (``sent``) or still a draft:
    chosen on one of the report's entries, or assessed in the report's period."""
    statuses = [s for s in ReportStatus.values if (s != ReportStatus.DRAFT) == sent]
    chosen = ReportEntry.objects.filter(risk=models.OuterRef("pk"), report__status__in=statuses)
    assessed = RiskAssessment.objects.filter(
        risk=models.OuterRef("pk"), period__reports__status__in=statuses,
        period__reports__organisation_id=models.OuterRef("organisation_id"))
    return models.Q(models.Exists(chosen)) | models.Q(models.Exists(assessed))


class RiskQuerySet(VisibleQuerySet["Risk"]):
    not_found = "Fant ikke risikoen."

    def visible_to(self, user: AnyUser) -> RiskQuerySet:
        """Risks of visible organisations; a risk added to a report still in draft (chosen on an entry,
        or assessed in its period) and in no sent report yet only for the trust's own members."""
        access = access_of(user)
        risks = self.filter(organisation_id__in=access.visible_ids)
        own = models.Q(organisation_id__in=access.draft_ids)
        return risks.filter(own | ~_in_reports(sent=False) | _in_reports(sent=True))


class ReportingPeriod(models.Model):
    """A period an issuer's trusts report for, with its deadlines (from the document's calendar)."""

    issuer = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reporting_periods")
    year = models.PositiveSmallIntegerField("år")
    kind = models.CharField("type", max_length=12, choices=PeriodKind.choices)
    month = models.PositiveSmallIntegerField("måned", null=True, blank=True)
    admin_deadline = models.DateField("frist administrativ versjon", null=True, blank=True)
    board_deadline = models.DateField("frist styrebehandlet versjon", null=True, blank=True)
    document = models.ForeignKey(
        SteeringDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="reporting_periods"
    )
    history = HistoricalRecords()

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["year", "admin_deadline", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "kind", "month"], name="unique_period"),
        ]
        verbose_name = "rapporteringsperiode"
        verbose_name_plural = "rapporteringsperioder"

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.kind == PeriodKind.MONTHLY and self.month:
            label = f"{label} ({self.month:02d})"
        return f"{label} {self.year}"

    def deadlines(self) -> list[PeriodDeadline]:
        """The period's deadlines that are set, each with the report statuses that have not met it."""
        found = []
        if self.admin_deadline:
            found.append(PeriodDeadline("admin", self.admin_deadline, "administrativ versjon", NOT_SENT))
        if self.board_deadline:
            found.append(PeriodDeadline("board", self.board_deadline, "styrebehandlet versjon", AWAITING_BOARD))
        return found


@dataclass(frozen=True)
class PeriodDeadline:
    kind: str  # "admin": the administrative version is sent; "board": the board has treated it
    date: dt.date
    label: str
    pending: frozenset[str]  # report statuses that have not met the deadline

    def met_by(self, status: str) -> bool:
        return status not in self.pending


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    RETURNED = "returned", _("Returnert")
    SUBMITTED = "submitted", _("Sendt (administrativt)")
    BOARD_APPROVED = "board_approved", _("Styrebehandlet")
    APPROVED = "approved", _("Godkjent")


# What each report status means for deadlines, in one place (reminders, overdue lists, completeness).
# A returned report was sent once and is the owner's business too (it stays in the owner's lists),
# but like a draft it is the trust's to edit and send (again).
EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})  # the trust fills it in
NOT_SENT = EDITABLE  # the administrative version is still to come
AWAITING_BOARD = frozenset({*EDITABLE, ReportStatus.SUBMITTED})  # the board has not treated it
REPORT_TAG_COLOURS: dict[str, str] = {ReportStatus.DRAFT: "neutral", ReportStatus.RETURNED: "danger",
                      ReportStatus.SUBMITTED: "info", ReportStatus.BOARD_APPROVED: "warning",
                      ReportStatus.APPROVED: "success"}


def is_sent(status: str) -> bool:
    """Has the report reached the owner? Every status but a draft: a returned report was sent and
    stays in the owner's lists, matrix and exports (its deadline is met again only when resent)."""
    return status != ReportStatus.DRAFT


class Report(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField("status", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField("versjon", default=1, help_text="Økes ved hver lagring (optimistisk låsing).")
    return_comment = models.TextField("kommentar ved retur", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["period__year", "period__admin_deadline", "organisation__code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "period"], name="one_report_per_period")]
        verbose_name = "rapport"
        verbose_name_plural = "rapporter"

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.period}"

    @property
    def tag_colour(self) -> str:
        return REPORT_TAG_COLOURS[self.status]

    @property
    def is_sent(self) -> bool:
        return is_sent(self.status)

    @property
    def is_locked(self) -> bool:
        """Sent and accepted reports are locked; only a draft or a returned report can be edited."""
        return self.status not in EDITABLE

    @property
    def is_returned(self) -> bool:
        return self.status == ReportStatus.RETURNED

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    def rounds(self) -> Rounds:
        """The current round (sending, board decision …) and the earlier ones (``report_rounds``)."""
        return report_rounds(self)


class EntryStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Oppnådd")
    PARTLY = "partly", _("Delvis oppnådd")
    NOT_ACHIEVED = "not_achieved", _("Ikke oppnådd")


@dataclass(frozen=True)
class StatusLook:
    """How an entry status is shown everywhere: traffic-light colour, Designsystemet tag colour,
    symbol (for those who do not see colour), label and the matrix's short word."""

    colour: str
    tag: str
    symbol: str
    label: str | Promise
    short: str


ENTRY_LOOKS = {
    "": StatusLook("", "neutral", "–", "Ikke vurdert", ""),
    EntryStatus.ACHIEVED: StatusLook("green", "success", "●", EntryStatus.ACHIEVED.label, "Grønn"),
    EntryStatus.PARTLY: StatusLook("yellow", "warning", "◐", EntryStatus.PARTLY.label, "Gul"),
    EntryStatus.NOT_ACHIEVED: StatusLook("red", "danger", "○", EntryStatus.NOT_ACHIEVED.label, "Rød"),
}
# "Not green": a deviation to explain, with a measure; carried into the next tertial.
NOT_GREEN = frozenset({EntryStatus.PARTLY, EntryStatus.NOT_ACHIEVED})


def entry_look(status: str) -> StatusLook:
    return ENTRY_LOOKS.get(status or "", ENTRY_LOOKS[""])


def needs_deviation(status: str) -> bool:
    """A yellow or red entry needs an explanation of the deviation and an open measure."""
    return status in NOT_GREEN


def contradicts(status: str, indicator_colour: str) -> bool:
    """Does the trust's status say the opposite of the item's measured indicator? Green against a
    yellow or red value ("Oppnådd" at 86,8 % against ≥ 90 %), or yellow or red against a green
    value. ``indicator_colour`` is the indicator evaluation's colour (``indicators.targets``); with
    no status, or an indicator that cannot be assessed, nothing is contradicted. Sending is still
    allowed, with a reason (``ReportEntry.contradiction_reason``)."""
    if not status or indicator_colour not in INDICATOR_ASSESSED:
        return False
    return needs_deviation(status) != (indicator_colour != targets.GREEN)


INDICATOR_ASSESSED = frozenset({targets.GREEN, targets.YELLOW, targets.RED})


class ReportEntry(models.Model):
    """A trust's answer on one item in one report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="report_entries")
    status = models.CharField("måloppnåelse", max_length=20, choices=EntryStatus.choices, blank=True)
    text = models.TextField("rapport", blank=True)
    deviation = models.TextField("forklaring av avvik", blank=True)
    expected_completion = models.CharField("forventet tid til full måloppnåelse", max_length=200, blank=True)
    attachment = models.FileField("vedlegg", upload_to="reports/%Y/", blank=True)
    risk = models.ForeignKey(
        "Risk", null=True, blank=True, on_delete=models.SET_NULL, related_name="entries", verbose_name="knyttet risiko"
    )
    return_comment = models.TextField(
        "eiers kommentar ved retur", blank=True, help_text="Eierens kommentar til punktet da rapporten ble returnert.")
    contradiction_reason = models.TextField(
        "begrunnelse for status som avviker fra indikatoren", blank=True,
        help_text="Påkrevd når statusen motsier indikatorens farge (se contradicts).")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    # What a page shows besides the fields, set in bulk by the view (see ``reporting.render``).
    latest_value: tuple | None  # (link to the values, one line per series, colour) — render.indicator_lines
    indicator_colour: str  # the colour of the item's measured indicator ("" without one), set with latest_value
    measure_list: list
    fragment_key: str
    # the report page's guide (reporting.completeness): what the entry lacks, when shown
    problems: list[str]
    unfinished: bool
    next_unfinished: int | None
    invalid_status: bool
    invalid_deviation: bool
    invalid_measure: bool
    invalid_reason: bool

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["item__main_goal", "item__document_id", "item__order"]
        constraints = [models.UniqueConstraint(fields=["report", "item"], name="one_entry_per_item")]
        verbose_name = "rapportpunkt"
        verbose_name_plural = "rapportpunkter"

    def __str__(self) -> str:
        return f"{self.report} – {self.item}"

    @property
    def look(self) -> StatusLook:
        return entry_look(self.status)

    @property
    def colour(self) -> str:
        return self.look.colour

    @property
    def attachment_filename(self) -> str:
        """The attachment's file name without its folder (what a download is called)."""
        return (self.attachment.name or "").rsplit("/", 1)[-1] if self.attachment else ""

    @property
    def needs_deviation(self) -> bool:
        return needs_deviation(self.status)

    def contradicts(self, indicator_colour: str) -> bool:
        return contradicts(self.status, indicator_colour)

    @property
    def contradicted(self) -> bool:
        """Does the status contradict the indicator colour set on the entry (``indicator_colour``)?"""
        return contradicts(self.status, getattr(self, "indicator_colour", ""))

    @property
    def contradiction_text(self) -> str:
        """The warning beside a contradicted status ("" when it is not)."""
        if not self.contradicted:
            return ""
        colour = targets.COLOURS[self.indicator_colour].lower()
        return f"«{self.look.label}» motsier indikatoren, som er {colour}."


class Risk(models.Model):
    """A risk for one of the trust's prioritised goals; assessed per period so changes are visible."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risks")
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks")
    title = models.CharField("risiko", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    owner = models.CharField("risikoeier", max_length=200, blank=True)
    top5 = models.BooleanField("topp 5", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "title"]
        verbose_name = "risiko"
        verbose_name_plural = "risikoer"

    def __str__(self) -> str:
        return self.title


class RiskAssessment(models.Model):
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="assessments")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="risk_assessments")
    probability = models.PositiveSmallIntegerField("sannsynlighet (1–5)")
    consequence = models.PositiveSmallIntegerField("konsekvens (1–5)")
    measures = models.TextField("tiltak", blank=True)
    assessed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__year", "period__admin_deadline"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "period"], name="one_assessment_per_period"),
            models.CheckConstraint(
                condition=models.Q(probability__gte=1, probability__lte=5, consequence__gte=1, consequence__lte=5),
                name="risk_scale_1_to_5",
            ),
        ]
        verbose_name = "risikovurdering"
        verbose_name_plural = "risikovurderinger"

    def __str__(self) -> str:
        return f"{self.risk}: {self.probability} × {self.consequence} ({self.period})"

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def level(self) -> str:
        """Low (1–4), medium (5–9), high (10–14), very high (15–25): the usual 5×5 bands."""
        return risk_level(self.probability, self.consequence)

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS[self.level]


LEVEL_COLOURS = {"lav": "green", "middels": "yellow", "høy": "orange", "svært høy": "red"}


def risk_level(probability: int, consequence: int) -> str:
    """The level of a probability × consequence score on the 5×5 scale."""
    s = probability * consequence
    return "lav" if s <= 4 else "middels" if s <= 9 else "høy" if s <= 14 else "svært høy"


class Measure(models.Model):
    """A tiltak to close a gap; open measures carry forward into every later report until closed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="measures")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="measures")
    created_in = models.ForeignKey(
        ReportEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures_created"
    )
    risk = models.ForeignKey(Risk, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures")
    description = models.TextField("tiltak")
    owner = models.CharField("ansvarlig", max_length=200)
    due_date = models.DateField("frist")
    closed_at = models.DateTimeField("lukket", null=True, blank=True)
    closed_in = models.ForeignKey(
        ReportEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures_closed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def not_in_the_future(value: dt.date) -> None:
    """A board meeting is recorded after it was held: a date after today is refused."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    if value and value > timezone.localdate():
        raise ValidationError(
            "Møtedatoen kan ikke være frem i tid: styrevedtaket registreres etter møtet (i dag er %(today)s).",
            code="future", params={"today": timezone.localdate().strftime("%d.%m.%Y")})


class BoardDecision(models.Model):
    """The trust board's treatment of a report (styresak); asking for changes sends it back."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="board_decisions")
    case_number = models.CharField("styresak", max_length=50)
    meeting_date = models.DateField("møtedato", validators=[not_in_the_future])
    decision_text = models.TextField("vedtak")
    minutes_reference = models.CharField("referanse til protokoll", max_length=300, blank=True)
    changes_requested = models.BooleanField("styret ba om endringer", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_date", "pk"]
        verbose_name = "styrevedtak"
        verbose_name_plural = "styrevedtak"

    def __str__(self) -> str:
        return f"Styresak {self.case_number} ({self.meeting_date:%d.%m.%Y})"


class ReportStep(models.Model):
    """One step of a report's workflow as it happened: a sending, a board decision, a return, an
    approval or a reopening. Each sending starts a new round (``round``); the steps after it belong
    to that round until the next sending. Written by ``reporting.workflow`` for every row of
    ``transitions.TRANSITIONS`` it carries out (its history label: ``transitions.history_label``); pages
    and documents show the current round and the earlier ones as history (``Report.rounds``)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField("runde", default=1)
    step = models.CharField("steg", max_length=20)  # the transition's name in ``TRANSITIONS``
    at = models.DateTimeField("tidspunkt")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    decision = models.ForeignKey(BoardDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="steps")
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "steg i saksgangen"
        verbose_name_plural = "steg i saksgangen"

    def __str__(self) -> str:
        return f"{self.report}: {self.step} (runde {self.round})"


@dataclass
class Round:
    """One sending of a report and what followed it (board decision, return, approval)."""

    number: int
    steps: list[ReportStep]

    @property
    def sent(self) -> ReportStep | None:
        found = [s for s in self.steps if s.step == "submit"]
        return found[-1] if found else None

    @property
    def decisions(self) -> list[BoardDecision]:
        return [s.decision for s in self.steps if s.decision is not None]


@dataclass
class Rounds:
    """A report's rounds: the current one (its decision only while the report stands on it) and the
    earlier ones, newest first (history)."""

    current: Round | None
    earlier: list[Round]
    decision: BoardDecision | None  # the board decision the report stands on now, if any
    sent_at: dt.datetime | None  # when the version the owner has now was sent
    sent_by: object | None

    @property
    def superseded(self) -> list[BoardDecision]:
        """Every board decision but the current one, newest first."""
        rounds = ([self.current] if self.current else []) + self.earlier
        return [d for r in rounds for d in reversed(r.decisions) if d != self.decision]


# the statuses in which a report stands on its latest board decision
STANDS_ON_DECISION = frozenset({ReportStatus.BOARD_APPROVED, ReportStatus.APPROVED})


def report_rounds(report: Report, steps: list[ReportStep] | None = None,
                  decisions: list[BoardDecision] | None = None) -> Rounds:
    """``report``'s rounds from its steps (``steps`` and ``decisions`` when loaded in bulk). A
    report with no recorded steps (made before they were recorded) has one round: its board
    decisions and its first sending."""
    if steps is None:
        steps = list(report.steps.select_related("decision", "by").order_by("at", "pk"))
    if not steps:
        if decisions is None:
            decisions = list(report.board_decisions.order_by("recorded_at", "pk"))
        valid = [d for d in decisions if not d.changes_requested]
        decision = valid[-1] if valid and report.status in STANDS_ON_DECISION else None
        current = None
        if report.submitted_at or decisions:  # the decisions as steps of the one round
            current = Round(1, [ReportStep(report=report, step="board_approve", at=d.recorded_at, decision=d)
                                for d in decisions])
        return Rounds(current, [], decision, report.submitted_at if report.is_sent else None, report.submitted_by)
    by_round: dict[int, list[ReportStep]] = {}
    for s in steps:
        by_round.setdefault(s.round, []).append(s)
    rounds = [Round(n, by_round[n]) for n in sorted(by_round, reverse=True)]
    current, earlier = rounds[0], rounds[1:]
    decision = None
    if report.status in STANDS_ON_DECISION:
        valid = [d for d in current.decisions if not d.changes_requested]
        decision = valid[-1] if valid else None
    sent = current.sent if report.is_sent else None
    return Rounds(current, earlier, decision, sent.at if sent else None, sent.by if sent else None)


class ReminderKind(models.TextChoices):
    ADMIN_UPCOMING = "admin_upcoming", "Frist for administrativ versjon nærmer seg"
    ADMIN_OVERDUE = "admin_overdue", "Frist for administrativ versjon er passert"
    BOARD_UPCOMING = "board_upcoming", "Frist for styrebehandlet versjon nærmer seg"
    BOARD_OVERDUE = "board_overdue", "Frist for styrebehandlet versjon er passert"


class Reminder(models.Model):
    """A reminder e-mail sent to one user (so ``styring remind`` sends each reminder once)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "user", "kind", "deadline"], name="one_reminder_per_user")
        ]
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.deadline:%d.%m.%Y})"
