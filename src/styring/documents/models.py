"""Steering documents as issued, with their text, reporting calendar and allocations."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from styring.accounts.access import VisibleQuerySet, access_of
from styring.accounts.types import AnyUser
from styring.extraction.review import NEEDS_A_LOOK
from styring.organisations.models import Organisation


class DocumentQuerySet(VisibleQuerySet["SteeringDocument"]):
    """Who may read and who manages a steering document.

    Read: those issued by a visible organisation; and, once confirmed, those addressed to one.
    Managed (reviewed, confirmed, items edited or deleted): by the issuer's own owner staff only
    (a document is managed by its issuer, not its owner)."""

    not_found = "Fant ikke dokumentet."

    def visible_to(self, user: AnyUser) -> DocumentQuerySet:
        ids = access_of(user).visible_ids
        matching = SteeringDocument.objects.filter(
            models.Q(issuers__in=ids) | models.Q(status=SteeringDocument.Status.CONFIRMED, addressees__in=ids)
        )
        return self.filter(pk__in=matching.values("pk"))

    def managed_by(self, user: AnyUser) -> DocumentQuerySet:
        matching = SteeringDocument.objects.filter(issuers__in=access_of(user).issuing_ids)
        return self.filter(pk__in=matching.values("pk"))

    def visible_or_404(self, user: AnyUser, pk: int, *, manage: bool = False) -> SteeringDocument:
        return (self.managed_by(user) if manage else self.visible_to(user)).get_or_404(pk=pk)


class SteeringDocument(models.Model):
    class Kind(models.TextChoices):
        OPPDRAGSDOKUMENT = "oppdragsdokument", "Oppdragsdokument"
        STYRINGSKRAV = "styringskrav", "Styringskrav og rammer / Oppdrag og bestilling"
        TILLEGGSDOKUMENT = "tilleggsdokument", "Tilleggsdokument"
        BESTILLING_FELLESEID = "bestilling_felleseid", "Bestilling til felleseid helseforetak"
        MALBILDE = "malbilde", "Målbilde"
        FORETAKSPROTOKOLL = "foretaksprotokoll", "Foretaksprotokoll"
        ANNET = "annet", "Annet"

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", "Til gjennomgang"
        CONFIRMED = "confirmed", "Bekreftet"

    class Language(models.TextChoices):
        NB = "nb", "Bokmål"
        NN = "nn", "Nynorsk"

    title = models.CharField("tittel", max_length=300)
    kind = models.CharField("type", max_length=30, choices=Kind.choices, default=Kind.STYRINGSKRAV)
    year = models.PositiveSmallIntegerField("år")
    language = models.CharField("målform", max_length=2, choices=Language.choices, default=Language.NB)
    issuers = models.ManyToManyField(Organisation, related_name="issued_documents", verbose_name="utstedt av")
    addressees = models.ManyToManyField(
        Organisation, related_name="addressed_documents", blank=True, verbose_name="adressater"
    )
    file = models.FileField("fil", upload_to="documents/%Y/", blank=True)
    original_filename = models.CharField("filnavn", max_length=300, blank=True)
    file_format = models.CharField("format", max_length=10, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    text = models.TextField("tekst", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by",
        verbose_name="erstatter", help_text="En tidligere versjon av det samme dokumentet.",
    )
    supplements = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supplementary_documents",
        verbose_name="supplerer", help_text="Hoveddokumentet et tilleggsdokument hører til.",
    )
    previous_year = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_year",
        verbose_name="fjorårets dokument",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("importert", auto_now_add=True)
    review = models.JSONField(
        "uttrekkets vurdering", default=dict, blank=True,
        help_text="Hvor sikker uttrekket var på utsteder og mottakere, og hvorfor: "
                  '{"issuer": {"confidence": 0.75, "reason": "…"}, "addressees": {…}}.',
    )
    confirmed_at = models.DateTimeField("bekreftet", null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[issuers, addressees], excluded_fields=["text"])

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "styringsdokument"
        verbose_name_plural = "styringsdokumenter"

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def is_managed_by(self, user: AnyUser) -> bool:
        """May ``user`` review and confirm the document and edit its items (its issuer's owner staff)?"""
        ids = access_of(user).issuing_ids
        return any(org.pk in ids for org in self.issuers.all())

    def uncertain_facts(self) -> list[tuple[str, str]]:
        """(what, why) for the document-level facts the extractor guessed: who gives the document
        and to whom, when it was unsure (shown on the document page and the review screen)."""
        labels = {"issuer": "Utsteder", "addressees": "Mottakere"}
        return [
            (labels.get(name, name), note.get("reason", ""))
            for name, note in (self.review or {}).items()
            if isinstance(note, dict) and float(note.get("confidence", 1.0)) < NEEDS_A_LOOK
        ]


class DeadlineQuerySet(VisibleQuerySet["ReportingDeadline"]):
    """A document's reporting calendar: whoever may read the document may read its dates."""

    def visible_to(self, user: AnyUser) -> DeadlineQuerySet:
        return self.filter(document__in=SteeringDocument.objects.visible_to(user).values("pk"))


class AllocationQuerySet(VisibleQuerySet["Allocation"]):
    """The money a document grants: whoever may read the document may read it."""

    def visible_to(self, user: AnyUser) -> AllocationQuerySet:
        return self.filter(document__in=SteeringDocument.objects.visible_to(user).values("pk"))


class ReportingDeadline(models.Model):
    """One date in a document's reporting calendar (tertial reports, årlig melding, risk assessment)."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="reporting_deadlines")
    date = models.DateField("dato")
    label = models.CharField("hva", max_length=300)
    history = HistoricalRecords()

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = "rapporteringsfrist"
        verbose_name_plural = "rapporteringsfrister"

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.label}"


class Allocation(models.Model):
    """Money a document grants: payer → receiver, whole kroner, year, purpose."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="allocations")
    payer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="allocations_paid")
    receiver = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="allocations_received")
    amount_nok = models.BigIntegerField("beløp (kr)")
    year = models.PositiveSmallIntegerField("år")
    purpose = models.CharField("formål", max_length=300, blank=True)
    history = HistoricalRecords()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["payer__code", "receiver__code"]
        verbose_name = "bevilgning"
        verbose_name_plural = "bevilgninger"

    def __str__(self) -> str:
        return f"{self.payer.code} → {self.receiver.code}: {self.amount_nok:,} kr".replace(",", " ")
