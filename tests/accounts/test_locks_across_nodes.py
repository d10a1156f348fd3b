"""Two web nodes (two processes over one database) share the login lockout: after the failures one
node saw, the other node refuses the next login, even with the right password."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.web.test_serve_survives import _database_url

pytestmark = pytest.mark.django_db(transaction=True)

NODE = """
import django, json, sys
django.setup()
from django.test import Client

client = Client(REMOTE_ADDR="10.0.0.7")
username, *passwords = sys.argv[1:]
print(json.dumps([client.post("/logg-inn/", {"username": username, "password": p}).status_code for p in passwords]))
"""


def test_the_lockout_holds_whichever_node_answers(make_user, tmp_path):
    user = make_user("UNN", "reporter")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "styring.settings_test", "DATABASE_URL": _database_url(tmp_path),
           "ALLOWED_HOSTS": "testserver", "STYRING_LOGIN_FAILURES": str(settings.AXES_FAILURE_LIMIT)}

    def node(name: str, *passwords: str) -> list[int]:
        done = subprocess.run([sys.executable, "-c", NODE, user.username, *passwords], text=True, timeout=120,
                              capture_output=True, env={**env, "STYRING_VAR": str(tmp_path / name)})
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    failures = settings.AXES_FAILURE_LIMIT
    assert node("a", *["feil"] * (failures - 1)) == [200] * (failures - 1)  # node A: the form again each time
    assert node("b", "feil") == [429]  # node B counts node A's failures: locked
    assert node("a", user.raw_password) == [429]  # and the right password is refused on either node
