"""``DatabaseStorage``: Django's storage API on :class:`~styring.files.models.StoredFile` rows.

Chosen with ``STYRING_STORAGE=database``. Every ``FileField`` (documents, report attachments, job
sources and results) then reads and writes the database, so a file written by one node is read by any
other. A file is written once under a fresh name (Django's ``get_available_name``); it is read whole
into memory, which suits the sizes Styring keeps (``STYRING_MAX_UPLOAD_MB``, 50 MB by default)."""
from __future__ import annotations

import datetime as dt
import io
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible

from styring.files.models import StoredFile


class StoredFileHandle(File):
    """A stored file's bytes, opened for reading."""

    def __init__(self, name: str, data: bytes):
        super().__init__(io.BytesIO(data), name=name)
        self._size = len(data)


@deconstructible
class DatabaseStorage(Storage):
    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("DatabaseStorage opens files for reading; save() writes them.")
        row = StoredFile.objects.filter(name=name).values_list("content", flat=True).first()
        if row is None:
            raise FileNotFoundError(name)
        return StoredFileHandle(name, bytes(row))

    def _save(self, name: str, content: IO[Any]) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        chunks = content.chunks() if hasattr(content, "chunks") else [content.read()]
        data = b"".join(chunk.encode() if isinstance(chunk, str) else chunk for chunk in chunks)
        while True:
            try:
                with transaction.atomic():
                    StoredFile.objects.create(name=name, content=data, size=len(data))
                return name
            except IntegrityError:  # another node took the name between the check and the insert
                name = self.get_available_name(name)

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def size(self, name: str) -> int:
        size = StoredFile.objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        dirs: set[str] = set()
        files: list[str] = []
        for name in StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True):
            rest = name[len(prefix):]
            if "/" in rest:
                dirs.add(rest.split("/", 1)[0])
            else:
                files.append(rest)
        return sorted(dirs), sorted(files)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Styring serves stored files through its own views, never by address.")

    def get_created_time(self, name: str) -> dt.datetime:
        created = StoredFile.objects.filter(name=name).values_list("created_at", flat=True).first()
        if created is None:
            raise FileNotFoundError(name)
        return created

    get_modified_time = get_created_time

