"""The cache shared by the web nodes (``STYRING_CACHE_URL``): Django's Redis cache, bounded.

The report page caches its fragments "for ever" (``{% cache None … %}``: they are keyed on what they
show, so never stale). In each process's memory that is bounded by ``MAX_ENTRIES``; in Redis, shared
by every node, "for ever" would grow without end, so here it means the cache's own ``TIMEOUT``
(``STYRING_FRAGMENT_CACHE_SECONDS``)."""
from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache


class BoundedRedisCache(RedisCache):
    def get_backend_timeout(self, timeout: float | None = DEFAULT_TIMEOUT) -> float | None:
        if timeout is None:
            timeout = self.default_timeout
        return super().get_backend_timeout(timeout)
