"""People and their place in the cycle: each user is a member of one organisation with one role."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from styring.organisations.models import Organisation


class Role(models.TextChoices):
    OWNER_STAFF = "owner_staff", "Eierstab"
    REPORTER = "reporter", "Rapportør"
    APPROVER = "approver", "Godkjenner"
    READER = "reader", "Leser"


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name="bruker"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name="organisasjon"
    )
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation.code}"
