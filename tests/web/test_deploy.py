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


def _setting(expression: str, tmp_path, **env: str) -> str:
    result = _styring("shell", "-c", f"from django.conf import settings; print({expression})",
                      SECRET_KEY="x" * 60, STYRING_VAR=str(tmp_path), **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_proxy_header_is_trusted_only_when_configured(tmp_path):
    assert _setting("getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)", tmp_path) == "None"
    assert _setting("settings.SECURE_PROXY_SSL_HEADER", tmp_path, STYRING_TRUSTED_PROXY="1") == \
        "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_hsts_is_on_in_production_by_default(tmp_path):
    assert _setting("settings.SECURE_HSTS_SECONDS", tmp_path) == "31536000"


def test_compose_takes_its_secrets_from_the_environment():
    from pathlib import Path

    compose = (Path(__file__).resolve().parents[2] / "compose.yaml").read_text(encoding="utf-8")
    assert "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?" in compose
    assert "styring:styring@" not in compose and "POSTGRES_PASSWORD: styring" not in compose
    assert "SECRET_KEY: ${SECRET_KEY:?" in compose


def test_gunicorn_recycles_its_workers():
    from styring import gunicorn_conf

    assert gunicorn_conf.max_requests >= 100 and gunicorn_conf.max_requests_jitter > 0


def test_a_web_node_of_several_is_warned_of_what_ties_it_to_one_machine(tmp_path):
    production = {"SECRET_KEY": "x" * 60 + "-production-secret-for-the-deploy-check", "ALLOWED_HOSTS": "styring.example.no",
                  "SECURE_SSL_REDIRECT": "1", "SECURE_HSTS_PRELOAD": "1", "STYRING_VAR": str(tmp_path),
                  "STYRING_WEB_ONLY": "1"}
    # the embedded default's database, whichever database this test run itself uses
    alone = _styring("check", "--deploy", "--fail-level", "WARNING", DATABASE_URL=f"sqlite:///{tmp_path}/styring.sqlite3",
                     **production)
    assert alone.returncode != 0
    for warning in ("styring.W001", "styring.W002", "styring.W003"):
        assert warning in alone.stdout + alone.stderr
    shared = _styring("check", "--deploy", "--fail-level", "WARNING", STYRING_STORAGE="database",
                      STYRING_CACHE_URL="redis://127.0.0.1:6379/1",
                      DATABASE_URL="postgres://styring@db.example.no:5432/styring", **production)
    assert shared.returncode == 0, shared.stdout + shared.stderr
    assert "no issues" in shared.stdout
