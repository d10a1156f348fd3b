"""Settings for the test suite: the production settings with development secrets and plain static storage."""
from __future__ import annotations

import os
import tempfile

os.environ.setdefault("STYRING_INSECURE_DEV_KEY", "1")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("STYRING_VAR", tempfile.mkdtemp(prefix="styring-test-"))

from styring.settings import *  # noqa: E402,F403
from styring.settings import STATIC_ROOT, STORAGES  # noqa: E402

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders in tests
