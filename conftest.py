"""Project-wide pytest fixtures: ../shared, the organisation register, users per role, the browser."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from styring.testing.shared import require_shared

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STYRING_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: API throttles and cached fragments do not leak between tests."""
    from django.core.cache import caches

    for alias in ("default", "template_fragments"):
        caches[alias].clear()
    yield


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder (seeds, gold, reference); skips or fails as CI requires."""
    return require_shared()


@pytest.fixture
def orgs(db):
    """The organisation register as the data migration loads it (re-loaded after a flush)."""
    from styring.organisations.models import Organisation, OrganisationGroup
    from styring.organisations.registry_sync import sync_registry

    if not Organisation.objects.exists():
        sync_registry(Organisation, OrganisationGroup)
    return {o.code: o for o in Organisation.objects.all()}


@pytest.fixture
def make_user(orgs, django_user_model):
    """``make_user("UNN", "reporter")`` → a logged-in-able user with that membership."""
    from styring.accounts.models import Membership

    counter = {"n": 0}

    def make(code: str | None, role: str | None = None, *, username: str | None = None, **extra):
        counter["n"] += 1
        name = username or f"{(code or 'none').lower()}-{role or 'none'}-{counter['n']}"
        user = django_user_model.objects.create_user(username=name, password="pw-" + name, **extra)
        if code:
            Membership.objects.create(user=user, organisation=orgs[code], role=role)
        user.raw_password = "pw-" + name
        return user

    return make


@pytest.fixture
def api(make_user):
    """``api("UNN", "reporter")`` → an APIClient authenticated with that user's token (``.user`` set)."""
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    def make(code: str | None, role: str | None = None) -> APIClient:
        user = make_user(code, role)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
        client.user = user  # type: ignore[attr-defined]
        return client

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Log ``user`` in through the login form of the live server."""

    def do_login(user):
        page.goto("/logg-inn/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", user.raw_password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/logg-inn/" not in url)
        return page

    return do_login


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs npm ci)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def assert_accessible(axe_source):
    """Run axe-core on the current page; fail on any violation, listing each with its nodes."""

    def check(page, context: str = "") -> None:
        # evaluated by the test driver, not as an inline <script>: the page's CSP forbids those
        page.evaluate(f"() => {{ if (!window.axe) {{ (0, eval)({json.dumps(axe_source)}); }} }}")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"]
        ]
        assert not problems, f"axe-core violations on {context or page.url}:\n" + "\n".join(problems)

    return check
