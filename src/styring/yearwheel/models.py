"""Calendar feeds: a secret, revocable address per user (and per organisation) that Outlook and
other calendar programs subscribe to."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """One subscription address. The feed is read without signing in, as ``user`` would see it
    (so it shows nothing once the user has no access); ``organisation`` narrows it to one
    organisation's deadlines. Making a new address revokes the old one."""

    token = models.CharField(max_length=64, unique=True, default=new_token)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="calendar_feeds", verbose_name="organisasjon")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("trukket tilbake", null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = "kalenderabonnement"
        verbose_name_plural = "kalenderabonnementer"

    def __str__(self) -> str:
        return f"{self.user} {self.organisation or ''}".strip()

    @classmethod
    def current(cls, user: AnyUser, organisation: Organisation | None = None) -> CalendarFeed:
        """The user's active feed (for ``organisation``), made on first use."""
        feed = cls.objects.active().filter(user=user, organisation=organisation).order_by("-created_at").first()
        return feed or cls.objects.create(user=user, organisation=organisation)

    @classmethod
    def renew(cls, user: AnyUser, organisation: Organisation | None = None) -> CalendarFeed:
        """Revoke the user's feed (for ``organisation``) and make a new address."""
        cls.objects.active().filter(user=user, organisation=organisation).update(revoked_at=timezone.now())
        return cls.objects.create(user=user, organisation=organisation)
