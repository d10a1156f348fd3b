"""The search index: one row per document, item, report entry and measure, with its text as the
Norwegian analysis reads it (``styring.language.terms``) and the fields the filters use.

The full-text part lives beside this table and belongs to the database's backend
(``search.backends``): a generated ``tsvector`` column with a GIN index on PostgreSQL, an FTS5
table kept in step by triggers on SQLite. Who may see a row is not stored here: the search asks
each kind's ``objects.visible_to``."""
from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    DOCUMENT = "document", "Dokument"
    ITEM = "item", "Krav"
    ENTRY = "entry", "Rapport"
    MEASURE = "measure", "Tiltak"


class SearchEntry(models.Model):
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField("tittel", max_length=300)
    body = models.TextField("tekst")
    terms = models.TextField("analysert tekst")
    year = models.PositiveSmallIntegerField("år", null=True)
    issuers = models.CharField("utstedere", max_length=200, blank=True, help_text='Koder med mellomrom rundt: " HN ".')
    recipients = models.CharField("mottakere", max_length=500, blank=True, help_text='Koder med mellomrom rundt.')
    main_goal = models.PositiveSmallIntegerField("hovedmål", null=True)
    status = models.CharField("status", max_length=20, blank=True)
    document_id = models.BigIntegerField(null=True)
    source_start = models.PositiveIntegerField(null=True)
    source_end = models.PositiveIntegerField(null=True)
    positions = models.JSONField("første forekomst", default=dict, blank=True,
                                 help_text="Lange tekster: hvor hvert analysert ord står første gang.")
    url = models.CharField("adresse", max_length=300, blank=True, help_text="Hvor treffet vises.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_object")]
        indexes = [models.Index(fields=["kind", "object_id"]), models.Index(fields=["year"])]
        verbose_name = "søkeoppføring"
        verbose_name_plural = "søkeoppføringer"

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
