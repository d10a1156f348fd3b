"""The register of items (styringsbudskap): goals, indicators and assignments, and to whom they apply."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from styring.accounts.access import VisibleQuerySet, access_of
from styring.accounts.types import AnyUser, signed_in
from styring.extraction.review import NEEDS_A_LOOK
from styring.lib.history import authored
from styring.organisations.models import Organisation


class ReportingMode(models.TextChoices):
    MONTHLY = "monthly", _("Månedlig")
    TERTIAL = "tertial", _("Tertialvis")
    ANNUAL = "annual", _("Årlig melding")
    DEVIATION = "deviation", _("Avviksrapportering")
    RISK = "risk", _("Risikovurdering")


# The three hovedmål of the specialist health service (bokmål; nynorsk in the locale's .po file).
MAIN_GOALS = {
    1: _("Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling"),
    2: _("Styrke forskning, innovasjon og kompetanse og forbedre kvalitet og pasientsikkerhet"),
    3: _("Rask tilgang til helsetjenester og sammenhengende pasientforløp"),
}


class ItemQuerySet(VisibleQuerySet["Item"]):
    """Items, and who may read and edit them.

    Read: confirmed items in force that apply to a visible organisation (as recipient or for
    information) or that a visible organisation issued; and every item of a document the user
    manages (still in review, too). A trust never sees an item that is in review.
    Edited (in review): the items of documents the user manages (``DocumentQuerySet.managed_by``)."""

    not_found = "Fant ikke kravet."

    def visible_to(self, user: AnyUser) -> ItemQuerySet:
        access = access_of(user)
        ids = access.visible_ids
        q = models.Q
        matching = Item.objects.filter(
            q(confirmed=True, removed=False) & (q(recipients__in=ids) | q(informed__in=ids))
            | q(confirmed=True, document__issuers__in=ids)
            | q(document__issuers__in=access.managed_ids)
        )
        return self.filter(pk__in=matching.values("pk"))

    def managed_by(self, user: AnyUser) -> ItemQuerySet:
        """Items the user may edit in review: those of documents issued by the user's own organisation."""
        matching = Item.objects.filter(document__issuers__in=access_of(user).issuing_ids)
        return self.filter(pk__in=matching.values("pk"))

    def visible_or_404(self, user: AnyUser, pk: int, *, manage: bool = False) -> Item:
        queryset = self.managed_by(user) if manage else self.visible_to(user)
        return queryset.select_related("document").get_or_404(pk=pk)

    def indicators_visible_to(self, user: AnyUser) -> ItemQuerySet:
        """Confirmed indicator items in force among the visible items (the scorecard's rows)."""
        return self.visible_to(user).confirmed().filter(kind=Item.Kind.INDICATOR)

    def applying_to(self, organisation: Organisation | int) -> ItemQuerySet:
        """Items the organisation must act on or is informed of."""
        return self.filter(models.Q(recipients=organisation) | models.Q(informed=organisation)).distinct()

    def confirmed(self) -> ItemQuerySet:
        """Confirmed and still in force: what trusts see (removed items keep their reports but leave the register)."""
        return self.filter(confirmed=True, removed=False)

    def current(self) -> ItemQuerySet:
        """Items not removed by a later version of their document, confirmed or not."""
        return self.filter(removed=False)

    def for_review(self, document: Any) -> ItemQuerySet:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
        """The document's current items as the review screen lists them: those the extractor was
        unsure of first (least sure first), then the rest as the document has them."""
        doubtful = models.Q(confirmed=False, confidence__lt=NEEDS_A_LOOK)
        return (
            self.filter(document=document).current()
            .select_related("lead", "previous_year_item")
            .prefetch_related("recipients", "informed")
            .annotate(
                first=models.Case(models.When(doubtful, then=models.Value(0)), default=models.Value(1)),
                sure=models.Case(models.When(doubtful, then=models.F("confidence")), default=models.Value(1.0)),
            )
            .order_by("first", "sure", "order", "pk")
        )

    def needing_a_look(self) -> ItemQuerySet:
        """Unconfirmed items the extractor was unsure of (see ``Item.needs_a_look``)."""
        return self.filter(confirmed=False, confidence__lt=NEEDS_A_LOOK)


class Item(models.Model):
    class Kind(models.TextChoices):
        GOAL = "goal", _("Mål")
        INDICATOR = "indicator", _("Indikator")
        ASSIGNMENT = "assignment", _("Oppdrag")

    class YearStatus(models.TextChoices):
        NEW = "new", "Nytt"
        RECURRING = "recurring", "Videreført"

    class RevisionStatus(models.TextChoices):
        NEW = "new", "Nytt i denne versjonen"
        ALTERED = "altered", "Endret"
        UNCHANGED = "unchanged", "Uendret"

    document = models.ForeignKey("documents.SteeringDocument", on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField("rekkefølge", default=0)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    ref = models.CharField("nummer", max_length=20, blank=True)
    main_goal = models.PositiveSmallIntegerField(
        "hovedmål", null=True, blank=True, choices=[(k, format_lazy("{}. {}", k, v)) for k, v in MAIN_GOALS.items()]
    )
    text = models.TextField("tekst")
    recipients = models.ManyToManyField(Organisation, related_name="items", blank=True, verbose_name="mottakere")
    informed = models.ManyToManyField(
        Organisation, related_name="items_for_information", blank=True, verbose_name="til informasjon"
    )
    lead = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_items",
        verbose_name="leder arbeidet",
    )
    deadlines = models.JSONField("frister", default=list, blank=True, help_text="ISO-datoer (ÅÅÅÅ-MM-DD).")
    reporting = models.JSONField("rapportering", default=list, blank=True)
    source_spans = models.JSONField("kilde i teksten", default=list, blank=True)
    confidence = models.FloatField(
        "sikkerhet", default=1.0, help_text="Hvor sikker uttrekket var på kravet (0–1); lav sikkerhet vises først i gjennomgangen."
    )
    review_notes = models.JSONField("hvorfor usikker", default=list, blank=True)
    confirmed = models.BooleanField("bekreftet", default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    previous_year_item = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_year_items",
        verbose_name="fjorårets krav",
    )
    year_status = models.CharField("år mot år", max_length=12, choices=YearStatus.choices, blank=True)
    revision_status = models.CharField(
        "mot forrige versjon", max_length=12, choices=RevisionStatus.choices, blank=True,
        help_text="Satt når dokumentet er en ny versjon av et tidligere importert dokument.",
    )
    previous_text = models.TextField("tekst i forrige versjon", blank=True)
    removed = models.BooleanField(
        "utgått", default=False,
        help_text="Tatt ut i en ny versjon av dokumentet. Beholdes fordi det kan være rapportert på.",
    )
    history = HistoricalRecords(m2m_fields=[recipients, informed])

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["document", "order", "pk"]
        verbose_name = "krav"
        verbose_name_plural = "krav"

    def __str__(self) -> str:
        label = f"{self.ref} " if self.ref else ""
        return f"{label}{self.text[:80]}"

    def confirm(self, user: AnyUser | None = None) -> Item:
        """Confirm the item (it then reaches the trusts' pages and the register), as ``user``."""
        self.confirmed = True
        self.confirmed_at = timezone.now()
        self.confirmed_by = signed_in(user)
        authored(self, user).save()
        return self

    @property
    def needs_a_look(self) -> bool:
        """Not confirmed yet, and the extractor was unsure of it (a list without marks, a guessed
        addressee …): the review screen lists it first, with ``review_notes`` saying why."""
        return not self.confirmed and self.confidence < NEEDS_A_LOOK

    def set_facts(self, user: AnyUser | None = None, **facts) -> Item:
        """Set some of recipients, informed, lead, reporting and main_goal at once (the review
        screen's bulk edit), as ``user``; the history keeps each change."""
        for name in ("lead", "reporting", "main_goal"):
            if name in facts:
                setattr(self, name, facts[name])
        authored(self, user, "endret sammen med andre krav").save()
        if "recipients" in facts:
            self.recipients.set(facts["recipients"])
        if "informed" in facts:
            self.informed.set(facts["informed"])
        return self

    @property
    def main_goal_title(self) -> str:
        return str(MAIN_GOALS.get(self.main_goal or 0, _("Øvrige krav")))

    def reporting_labels(self) -> list[str]:
        return [str(ReportingMode(mode).label) for mode in self.reporting if mode in ReportingMode.values]


class ItemLinkQuerySet(VisibleQuerySet["ItemLink"]):
    """Links between items (the cascade): read when both items are visible; decided by those who
    manage the child's document."""

    not_found = "Fant ikke koblingen."

    def visible_to(self, user: AnyUser) -> ItemLinkQuerySet:
        items = Item.objects.visible_to(user).values("pk")
        return self.filter(parent__in=items, child__in=items)

    def managed_by(self, user: AnyUser) -> ItemLinkQuerySet:
        return self.filter(child__in=Item.objects.managed_by(user).values("pk"))

    def visible_or_404(self, user: AnyUser, pk: int, *, manage: bool = False) -> ItemLink:
        queryset = self.managed_by(user) if manage else self.visible_to(user)
        return queryset.select_related("parent__document", "child__document").get_or_404(pk=pk)

    def confirmed(self) -> ItemLinkQuerySet:
        return self.filter(status=ItemLink.Status.CONFIRMED)

    def open(self) -> ItemLinkQuerySet:
        """Suggestions nobody has decided on yet."""
        return self.filter(status=ItemLink.Status.SUGGESTED)


class ItemLink(models.Model):
    """One step of the cascade (HOD → RHF → HF): ``child`` carries out ``parent``, an item of an
    owner's document (an RHF's repeat of the ministry's assignment, a trust requirement that
    carries out the RHF's). Suggested on import with a confidence and its reasons; owner staff of
    the child's document confirm or reject it. Only confirmed links are followed (trace, roll-up,
    comparison); a rejected pair is kept so it is not suggested again."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Foreslått"
        CONFIRMED = "confirmed", "Bekreftet"
        REJECTED = "rejected", "Avvist"

    parent = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="child_links", verbose_name="videreført fra")
    child = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="parent_links", verbose_name="videreført i")
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    confidence = models.FloatField("sikkerhet", default=1.0, help_text="Hvor sikkert forslaget var (0–1).")
    reasons = models.JSONField("hvorfor foreslått", default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("avgjort", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ItemLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-confidence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="one_link_per_pair"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("child")), name="link_not_to_itself"),
        ]
        verbose_name = "kobling mellom krav"
        verbose_name_plural = "koblinger mellom krav"

    def __str__(self) -> str:
        return f"{self.parent_id} → {self.child_id} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def decide(self, user: AnyUser, *, confirm: bool) -> ItemLink:
        """Confirm or reject the link, as ``user`` (kept in the history)."""
        self.status = self.Status.CONFIRMED if confirm else self.Status.REJECTED
        self.decided_by = signed_in(user)
        self.decided_at = timezone.now()
        authored(self, user, "bekreftet kobling" if confirm else "avviste kobling").save()
        return self
