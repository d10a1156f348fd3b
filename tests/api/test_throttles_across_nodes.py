"""With ``STYRING_CACHE_URL`` the API throttles count per installation: two processes (two web nodes)
sharing one Redis refuse the request over the rate whichever of them answers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

REDIS = os.environ.get("STYRING_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

NODE = """
import django, json, sys
django.setup()
from django.core.cache import caches
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle
from django.contrib.auth.models import AnonymousUser

print(type(caches["default"]).__name__, file=sys.stderr)
request = RequestFactory().get("/api/", REMOTE_ADDR=sys.argv[1])
request.user = AnonymousUser()
answers = [AnonRateThrottle().allow_request(Request(request), None) for _ in range(int(sys.argv[2]))]
print(json.dumps(answers))
"""


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except Exception:
        return False


def node(address: str, count: int, prefix: str) -> list[bool]:
    """``count`` API requests from ``address`` answered by a separate process (a web node)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "styring.settings_test", "STYRING_CACHE_URL": f"{REDIS}",
           "STYRING_API_ANON_RATE": "5/min", "STYRING_CACHE_KEY_PREFIX": prefix}
    done = subprocess.run([sys.executable, "-c", NODE, address, str(count)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "RedisCache" in done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS}")
def test_the_sixth_request_is_refused_by_the_other_node():
    prefix = f"test-{uuid.uuid4().hex}"  # this run's own keys
    assert node("10.0.0.1", 5, prefix) == [True] * 5  # node A takes the five the rate allows
    assert node("10.0.0.1", 1, prefix) == [False]  # node B refuses the sixth
    assert node("10.0.0.2", 1, prefix) == [True]  # another address has its own count
