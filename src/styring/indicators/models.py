"""Indicators of the confirmed items, their targets and their measured values.

An indicator item ("Minst 70 prosent av epikrisene …") has one or more series (``Indicator``): one
for most items, several where the text sets a target per area or the attachment lists quality
indicators per hospital. A series has targets (``Target``): one for every organisation the item
applies to, and any number for one organisation or hospital (per-hospital limits). Values
(``IndicatorValue``) are per series, organisation and period; the same keys again replace the
value, and the history keeps who changed what when.
"""
from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from styring.accounts.access import VisibleQuerySet, access_of
from styring.accounts.types import AnyUser
from styring.indicators import targets as rules
from styring.indicators.periods import Period
from styring.organisations.models import Organisation
from styring.requirements.models import Item

SAMPLE_SOURCE = "Eksempeldata"  # the demo's values: every page that shows one says so


class Aggregation(models.TextChoices):
    RATIO = "ratio", "Teller og nevner summeres (andeler, gjennomsnitt)"
    SUM = "sum", "Verdiene summeres (antall, kroner)"
    NONE = "none", "Kan ikke regnes sammen (bare rapporterte verdier)"


class Indicator(models.Model):
    """One measured series of an indicator item; ``number`` 0 is the item itself."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="indicators", verbose_name="krav")
    number = models.PositiveSmallIntegerField("serie", default=0)
    name = models.CharField("navn på serien", max_length=300, blank=True)
    unit = models.CharField("enhet", max_length=40, blank=True, help_text="For eksempel %, dager, mill. kr.")
    aggregation = models.CharField(
        "sammenstilling", max_length=8, choices=Aggregation.choices, default=Aggregation.RATIO,
        help_text="Hvordan tertial-, års- og regionverdier regnes ut fra måneder, sykehus og foretak.",
    )
    tolerance = models.DecimalField(
        "toleranse for gul", max_digits=12, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Gul når verdien bommer på målet med høyst så mye (i indikatorens enhet). Tom: rødt ved avvik.",
    )
    external_code = models.CharField(
        "ekstern kode", max_length=40, blank=True, db_index=True,
        help_text="Koden et annet system bruker for indikatoren, f.eks. id-en til en nasjonal kvalitetsindikator. "
        "En importfil kan da bruke den i stedet for seriens kode.",
    )
    text_read = models.TextField("tekst målet ble lest fra", blank=True)
    note = models.CharField("merknad", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__document_id", "item__order", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="one_series_number_per_item")]
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"

    def __str__(self) -> str:
        return f"{self.code}: {self.title[:80]}"

    def clean(self) -> None:
        """An external code names one series among the documents of a year, and is never mistaken
        for a series code (a number, or two joined by a hyphen)."""
        from django.core.exceptions import ValidationError

        self.external_code = " ".join(self.external_code.split())
        code = self.external_code
        if not code:
            return
        if re.fullmatch(r"\d+(-\d+)?", code):
            raise ValidationError({"external_code": "En ekstern kode kan ikke være bare tall (det ligner seriekodene); "
                                   f"skriv den med bokstaver foran, f.eks. «NKI-{code}»."})
        same = (Indicator.objects.filter(external_code__iexact=code, item__document__year=self.item.document.year)
                .exclude(pk=self.pk).select_related("item").first())
        if same is not None:
            raise ValidationError({"external_code": f"Koden «{code}» brukes allerede av serie {same.code} i et "
                                   f"dokument for {self.item.document.year}."})

    @property
    def code(self) -> str:
        """What the import file's ``indikator`` column names: the item id, and the series ("412-3")."""
        return str(self.item_id) if self.number == 0 else f"{self.item_id}-{self.number}"

    @property
    def title(self) -> str:
        return self.name or self.item.text

    @property
    def factor(self) -> int:
        """A ratio's value is numerator / denominator × this (100 for per cent)."""
        return 100 if self.unit.startswith("%") or "/100" in self.unit else 1


class Target(models.Model):
    """A target of one series, for every organisation the item applies to or for one of them."""

    class Source(models.TextChoices):
        TEXT = "text", "Lest fra kravets tekst"
        ATTACHMENT = "attachment", "Lest fra vedlegg i dokumentet"
        REVIEWER = "reviewer", "Satt av saksbehandler"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="indicator_targets",
        verbose_name="gjelder", help_text="Tom: alle kravet gjelder for.",
    )
    # every registered kind (``targets.KINDS``): a new kind needs no migration
    kind = models.CharField("type mål", max_length=12, choices=rules.kind_choices)
    better = models.CharField("bedre er", max_length=6, choices=[(rules.HIGHER, "Høyere"), (rules.LOWER, "Lavere")],
                              default=rules.HIGHER)
    value = models.FloatField("nivå, grense grønn eller endring", null=True, blank=True)
    inclusive = models.BooleanField("grensen selv er nådd", default=True, help_text="«minst»/«maksimalt» (≥/≤); "
                                    "av for «høyere enn»/«lavere enn» (>/<).")
    yellow = models.FloatField("grense gul", null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("basisår", null=True, blank=True,
                                                     help_text="Tom: året før perioden.")
    change_unit = models.CharField("endring i", max_length=8, default=rules.PERCENT,
                                   choices=[(rules.PERCENT, "prosent av basisåret"), (rules.POINTS, "prosentpoeng")])
    goal = models.FloatField("mål som alltid er nådd", null=True, blank=True,
                             help_text="Glidebanens sluttmål, eller målet på sikt.")
    source = models.CharField("kilde", max_length=12, choices=Source.choices, default=Source.TEXT)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation"], name="one_target_per_organisation"),
            models.UniqueConstraint(fields=["indicator"], condition=models.Q(organisation__isnull=True),
                                    name="one_general_target"),
        ]
        verbose_name = "mål"
        verbose_name_plural = "mål"

    def __str__(self) -> str:
        return self.rule().describe()

    def rule(self, tolerance: float | None = None) -> rules.Target:
        """The target as the evaluation rule (``styring.indicators.targets``)."""
        return rules.Target(
            kind=self.kind, better=self.better, value=self.value, inclusive=self.inclusive,
            unit=self.indicator.unit, yellow=self.yellow, baseline_year=self.baseline_year,
            change_unit=self.change_unit, goal=self.goal, tolerance=tolerance,
        )

    @classmethod
    def fields_from(cls, rule: rules.Target) -> dict:
        return {"kind": rule.kind, "better": rule.better, "value": rule.value, "inclusive": rule.inclusive,
                "yellow": rule.yellow, "baseline_year": rule.baseline_year, "change_unit": rule.change_unit,
                "goal": rule.goal}


class ValueStatus(models.TextChoices):
    PRELIMINARY = "preliminary", "Foreløpig"
    FINAL = "final", "Endelig"


class IndicatorValueQuerySet(VisibleQuerySet["IndicatorValue"]):
    not_found = "Fant ikke indikatorverdien."

    def visible_to(self, user: AnyUser) -> IndicatorValueQuerySet:
        """Values of visible organisations and their hospitals (a trust's members see the values of
        the trust's hospitals; owner staff see them as owned organisations anyway)."""
        return self.filter(organisation_id__in=access_of(user).value_ids)


class IndicatorValue(models.Model):
    """A measured value of one series for one organisation (trust, hospital or RHF) and period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="indicator_values")
    period = models.CharField("periode", max_length=7, help_text="2024, 2024-T1 eller 2024-05.")
    year = models.PositiveSmallIntegerField("år", db_index=True)
    value = models.DecimalField("verdi", max_digits=18, decimal_places=4)
    numerator = models.DecimalField("teller", max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField("nevner", max_digits=18, decimal_places=4, null=True, blank=True)
    status = models.CharField("status", max_length=12, choices=ValueStatus.choices, default=ValueStatus.FINAL)
    source = models.CharField("kilde", max_length=200, blank=True)
    updated_at = models.DateTimeField("endret", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="endret av")
    history = HistoricalRecords()

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "organisation", "year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "period"], name="one_value_per_period"),
        ]
        indexes = [models.Index(fields=["organisation", "year"], name="value_org_year")]
        verbose_name = "indikatorverdi"
        verbose_name_plural = "indikatorverdier"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.organisation.code} {self.period}: {self.value}"

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)
