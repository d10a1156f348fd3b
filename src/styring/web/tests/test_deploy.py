"""Production settings come from the environment and pass Django's deploy checks."""
from __future__ import annotations

import os
import subprocess
import sys


def _styring(*args: str, **env: str) -> subprocess.CompletedProcess:
    development_only = {
        "DEBUG", "SECRET_KEY", "STYRING_INSECURE_DEV_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    }
    base = {k: v for k, v in os.environ.items() if k not in development_only}
    return subprocess.run(
        [sys.executable, "-m", "styring.cli", *args], capture_output=True, text=True, env={**base, **env}, timeout=120
    )


def test_check_deploy_passes_with_production_environment(tmp_path):
    result = _styring(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="x" * 60 + "-production-secret-for-the-deploy-check",
        ALLOWED_HOSTS="styring.example.no",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_PRELOAD="1",
        STYRING_VAR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _styring("check", STYRING_VAR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
