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


class OIDCIdentity(models.Model):
    """A person at an OpenID Connect provider (the issuer and the value of ``STYRING_OIDC_CLAIM``),
    linked to their Styring account at their first sign-in (``styring.accounts.oidc``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities", verbose_name="bruker"
    )
    issuer = models.CharField("utsteder", max_length=255)
    subject = models.CharField("identitet", max_length=255)
    linked_at = models.DateTimeField("koblet", auto_now_add=True)

    class Meta:
        verbose_name = "innloggingsidentitet"
        verbose_name_plural = "innloggingsidentiteter"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.subject} hos {self.issuer}"
