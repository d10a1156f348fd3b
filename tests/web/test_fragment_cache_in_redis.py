"""With ``STYRING_CACHE_URL`` the report page's fragments live in Redis, bounded by time: a fragment
cached "for ever" (``{% cache None %}``) expires after ``STYRING_FRAGMENT_CACHE_SECONDS``."""
from __future__ import annotations

import uuid

import pytest
import redis
from django.core.cache import caches
from django.template import engines

from tests.api.test_throttles_across_nodes import REDIS, redis_available


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS}")
def test_a_fragment_cached_for_ever_expires_in_redis(settings):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "template_fragments": {
        "BACKEND": "styring.web.cache.BoundedRedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix, "TIMEOUT": 120}}
    template = engines["django"].from_string("{% load cache %}{% cache None report-entry key %}{{ text }}{% endcache %}")
    assert template.render({"key": "abc", "text": "første"}) == "første"
    assert template.render({"key": "abc", "text": "andre"}) == "første"  # served from Redis
    client = redis.Redis.from_url(REDIS)
    keys = client.keys(f"{prefix}:*")
    assert len(keys) == 1 and 100 <= client.ttl(keys[0]) <= 120  # bounded, not for ever
    caches["template_fragments"].set("plain", "x", None)
    assert 100 <= client.ttl(f"{prefix}:1:plain") <= 120
    client.delete(*client.keys(f"{prefix}:*"))
