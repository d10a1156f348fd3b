"""``styring check --deploy`` on a web node of several (``STYRING_WEB_ONLY=1``): warns of what would
tie a request to one machine (files in the node's own folder, throttles in its own memory, SQLite)."""
from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.files.storage import storages
from django.core.files.storage.filesystem import FileSystemStorage

HINT = "Se «Flere noder» i README."


@checks.register(checks.Tags.compatibility, deploy=True)
def several_nodes(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not getattr(settings, "STYRING_WEB_ONLY", False):
        return []
    found: list[checks.CheckMessage] = []
    if isinstance(storages["default"], FileSystemStorage):
        found.append(checks.Warning(
            "Filene lagres i nodens egen mappe: de andre nodene ser dem ikke. Sett STYRING_STORAGE=database "
            "eller STYRING_STORAGE_BACKEND.", hint=HINT, id="styring.W001"))
    if isinstance(caches["default"], LocMemCache):
        found.append(checks.Warning(
            "API-grensene telles i hver prosess for seg. Sett STYRING_CACHE_URL (Redis).", hint=HINT,
            id="styring.W002"))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        found.append(checks.Warning(
            "SQLite er en fil på én maskin: nodene trenger én felles PostgreSQL-database (DATABASE_URL).",
            hint=HINT, id="styring.W003"))
    return found
