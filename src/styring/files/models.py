"""A file kept in the database (``STYRING_STORAGE=database``): its name in the storage, its bytes and
when it was written. So several web nodes and workers share the uploaded documents and the finished
job files through PostgreSQL alone: no node reads a file only another node's disk has."""
from __future__ import annotations

from django.db import models


class StoredFile(models.Model):
    name = models.CharField("navn", max_length=400, unique=True)
    content = models.BinaryField("innhold")
    size = models.PositiveBigIntegerField("størrelse", default=0)
    created_at = models.DateTimeField("lagret", auto_now_add=True)

    class Meta:
        verbose_name = "lagret fil"
        verbose_name_plural = "lagrede filer"

    def __str__(self) -> str:
        return self.name
