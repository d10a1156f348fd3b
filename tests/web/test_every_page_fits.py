"""Every page of the app, on the demo data, in headless Chromium at 390 × 844 (a phone) and at
1280 px: the document is never wider than the viewport (wide tables scroll inside their own box),
and axe-core finds no violation at 390 px.

The page list is derived from the URL configuration: each named route is either visited below
(with a real object from the demo) or listed in ``NOT_PAGES`` with the reason (a POST-only action,
a download, an htmx fragment). A route that is neither makes the test fail, naming it, so a new
page cannot be added without being checked on a phone.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Named routes that are not pages a person opens in the browser.
NOT_PAGES = {
    "logout": "POST only",
    "health": "the balancer's JSON health check (tests/web/test_health.py)",
    "oidc_authentication_init": "a redirect to the identity provider (tests/accounts/test_oidc.py)",
    "oidc_authentication_callback": "the provider's redirect back; answers with a redirect (tests/accounts/test_oidc.py)",
    "oidc_logout": "POST only, a redirect (mozilla-django-oidc's; Styring's logout is `logout`)",
    "documents:confirm": "POST only",
    "documents:carry_over": "POST only",
    "documents:download": "file download",
    "requirements:card": "htmx fragment (an item's card in the review screen)",
    "requirements:confirm": "POST only",
    "requirements:merge": "POST only",
    "requirements:delete": "POST only",
    "requirements:add": "POST only",
    "requirements:bulk_edit": "POST only",
    "indicators:upload-template": "CSV download",
    "reporting:start": "POST only",
    "reporting:period_edit": "POST only",
    "reporting:save_entry": "POST only",
    "reporting:show_entry": "htmx fragment (redirects to the report page without htmx)",
    "reporting:attachment": "file download",
    "reporting:add_measure": "POST only",
    "reporting:close_measure": "POST only",
    "reporting:step": "POST only",
    "exports:report_docx": "DOCX download",
    "exports:report_template": "XLSX download",
    "exports:consolidated_docx": "DOCX download",
    "exports:template_xlsx": "XLSX download",
    "exports:template_docx": "DOCX download",
    "cascade:decide": "POST only",
    "yearwheel:renew": "POST only",
    "yearwheel:feed": "iCalendar feed",
    "allocations:export": "XLSX download",
    "favicon": "redirect to the icon",
    "exports:report_pdf": "PDF download",
    "exports:consolidated_pdf": "PDF download",
    "exports:consolidated_start": "POST only (starts a background job)",
    "exports:template_start": "POST only (starts a background job)",
    "jobs:download": "file download",
    "jobs:status": "htmx fragment (the job page's progress, polled)",
    "cascade:use_draft": "POST only",
}
# Whole namespaces that are not pages: the JSON API (its HTML documentation is visited) and
# Django's admin (its start page is visited).
NOT_PAGE_NAMESPACES = {"api": {"api:docs"}, "admin": {"admin:index"}}


def route_names(patterns=None, namespace: str = "") -> Iterator[str]:
    """Every named route of the URL configuration, with its namespace (``reporting:detail``)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace and (f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace)
            yield from route_names(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@dataclass(frozen=True)
class Visit:
    route: str  # the named route this visit covers
    user: str  # demo username, "" for not logged in
    url: Callable[[], str]


def demo_objects() -> dict:
    from django.contrib.auth.models import User

    from styring.documents.models import SteeringDocument
    from styring.indicators.models import SAMPLE_SOURCE, IndicatorValue
    from styring.jobs.models import Job
    from styring.reporting.models import Report, ReportStatus
    from styring.requirements.models import ItemLink

    document = SteeringDocument.objects.filter(issuers__code="HN").order_by("pk").first()  # Helse Nord's (hn-eier edits it)
    draft = Report.objects.filter(organisation__code="UNN", status=ReportStatus.DRAFT).order_by("pk").first()
    sent = Report.objects.exclude(status=ReportStatus.DRAFT).order_by("pk").first()
    link = ItemLink.objects.order_by("-status", "pk").first()  # "suggested" before "rejected"/"confirmed"
    value = IndicatorValue.objects.filter(source=SAMPLE_SOURCE, organisation__code="UNN").select_related("indicator").first()
    assert document and draft and sent and value, "the demo has a document, a draft and a sent report, indicator values"
    item = document.items.order_by("pk").first()
    job = Job.objects.create(user=User.objects.get(username="hn-eier"), kind=Job.Kind.CONSOLIDATED,
                             title="Årlig melding – samlet for alle foretak", state=Job.State.RUNNING, progress=40,
                             step="Henter rapportene fra foretakene")
    return {"job": job,
        "document": document, "item": item, "draft": draft, "sent": sent, "indicator": value.indicator,
        "draft_entry": draft.entries.order_by("pk").first(), "sent_entry": sent.entries.order_by("pk").first(),
        "linked_item": link.child if link else item,
    }


def visits(o: dict) -> list[Visit]:
    owner, reporter = "hn-eier", "unn-rapportor"
    return [
        Visit("login", "", lambda: reverse("login")),
        *(Visit("home", user, lambda: reverse("home"))
          for user in ("hod", "hn-eier", "unn-rapportor", "unn-godkjenner", "unn-leser", "admin")),
        Visit("organisations:tree", owner, lambda: reverse("organisations:tree")),
        Visit("organisations:detail", owner, lambda: reverse("organisations:detail", args=["UNN"])),
        Visit("organisations:items", owner, lambda: reverse("organisations:items", args=["UNN"])),
        Visit("organisations:items", reporter, lambda: reverse("organisations:items", args=["UNN"])),
        Visit("documents:list", owner, lambda: reverse("documents:list")),
        Visit("documents:upload", owner, lambda: reverse("documents:upload")),
        Visit("documents:detail", owner, lambda: reverse("documents:detail", args=[o["document"].pk])),
        Visit("documents:review", owner, lambda: reverse("documents:review", args=[o["document"].pk])),
        Visit("requirements:list", owner, lambda: reverse("requirements:list")),
        Visit("requirements:edit", owner, lambda: reverse("requirements:edit", args=[o["item"].pk])),
        Visit("requirements:split", owner, lambda: reverse("requirements:split", args=[o["item"].pk])),
        Visit("indicators:scorecard", owner, lambda: reverse("indicators:scorecard")),
        Visit("indicators:list", owner, lambda: reverse("indicators:list")),
        Visit("indicators:upload", owner, lambda: reverse("indicators:upload")),
        Visit("indicators:targets", owner, lambda: reverse("indicators:targets", args=[o["indicator"].code])),
        Visit("indicators:series", owner, lambda: reverse("indicators:series", args=[o["indicator"].code, "UNN"])),
        Visit("reporting:list", owner, lambda: reverse("reporting:list")),
        Visit("reporting:list", reporter, lambda: reverse("reporting:list")),
        Visit("reporting:periods", owner, lambda: reverse("reporting:periods")),
        Visit("reporting:risks", owner, lambda: reverse("reporting:risks", args=["UNN"])),
        Visit("reporting:risks", reporter, lambda: reverse("reporting:risks", args=["UNN"])),
        Visit("reporting:detail", reporter, lambda: reverse("reporting:detail", args=[o["draft"].pk])),
        Visit("reporting:detail", owner, lambda: reverse("reporting:detail", args=[o["sent"].pk])),
        Visit("reporting:history", owner, lambda: reverse("reporting:history", args=[o["sent"].pk])),
        Visit("reporting:edit_entry", reporter,
              lambda: reverse("reporting:edit_entry", args=[o["draft"].pk, o["draft_entry"].pk])),
        Visit("followup:matrix", owner, lambda: reverse("followup:matrix")),
        Visit("followup:cell", owner, lambda: reverse("followup:cell", args=[o["sent_entry"].pk])),
        Visit("followup:completeness", owner, lambda: reverse("followup:completeness")),
        Visit("followup:overdue", owner, lambda: reverse("followup:overdue")),
        Visit("followup:item", owner, lambda: reverse("followup:item", args=[o["item"].pk])),
        Visit("exports:index", owner, lambda: reverse("exports:index")),
        Visit("exports:index", reporter, lambda: reverse("exports:index")),
        Visit("exports:report_upload", reporter, lambda: reverse("exports:report_upload", args=[o["draft"].pk])),
        Visit("cascade:rollup", owner, lambda: reverse("cascade:rollup")),
        Visit("cascade:trace", owner, lambda: reverse("cascade:trace", args=[o["linked_item"].pk])),
        Visit("cascade:regions", owner, lambda: reverse("cascade:regions", args=[o["linked_item"].pk])),
        Visit("cascade:suggestions", owner, lambda: reverse("cascade:suggestions")),
        Visit("search:search", owner, lambda: reverse("search:search") + "?q=ventetid"),
        Visit("search:source", owner, lambda: reverse("search:source", args=[o["document"].pk]) + "?fra=0&til=40"),
        Visit("yearwheel:wheel", owner, lambda: reverse("yearwheel:wheel")),
        Visit("yearwheel:wheel", reporter, lambda: reverse("yearwheel:wheel")),
        Visit("allocations:money", owner, lambda: reverse("allocations:money")),
        Visit("jobs:list", owner, lambda: reverse("jobs:list")),
        Visit("jobs:detail", owner, lambda: reverse("jobs:detail", args=[o["job"].pk])),
        Visit("api:docs", owner, lambda: reverse("api:docs")),
        Visit("admin:index", "admin", lambda: reverse("admin:index")),
    ]


def uncovered(covered: set[str]) -> list[str]:
    missing = []
    for name in route_names():
        namespace = name.split(":")[0] if ":" in name else ""
        if name in covered or name in NOT_PAGES:
            continue
        if namespace in NOT_PAGE_NAMESPACES and name not in NOT_PAGE_NAMESPACES[namespace]:
            continue
        missing.append(name)
    return sorted(set(missing))


def width(page) -> int:
    page.evaluate("() => document.fonts.ready.then(() => true)")  # measured with the shipped font in place
    return page.evaluate("() => document.documentElement.scrollWidth")


def wide_elements(page, viewport_width: int) -> list[str]:
    """The innermost elements that reach past the viewport: what to fix."""
    return page.evaluate(
        """(w) => [...new Set([...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > w + 1
                     && ![...el.children].some(c => c.getBoundingClientRect().right > w + 1))
             .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '')))]
             .slice(0, 6)""",
        viewport_width,
    )


def test_every_page_fits_a_phone_and_a_desktop_and_is_accessible(browser, live_server, assert_accessible, monkeypatch):
    from styring.accounts.demo import DEMO_PASSWORD
    from styring.documents import demo_data as documents_demo

    # the demo standing alone on its bundled sample documents (HOD → Helse Nord → the trusts), as without ../shared
    monkeypatch.setattr(documents_demo, "source_file", lambda: documents_demo.SAMPLE)
    call_command("load_demo", demo_in_production=True, stdout=io.StringIO())
    plan = visits(demo_objects())
    missing = uncovered({v.route for v in plan})
    assert not missing, "pages not checked at 390 px (add a Visit or a NOT_PAGES reason): " + ", ".join(missing)

    problems: list[str] = []
    for user in dict.fromkeys(v.user for v in plan):  # one context per person, in the plan's order
        context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport=PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        if user:
            page.goto(reverse("login"))
            page.fill("#id_username", user)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/logg-inn/" not in url)
        for visit in (v for v in plan if v.user == user):
            url = visit.url()
            where = f"{url} as {user or 'anonymous'}"
            response = page.goto(url)
            if response is None or response.status != 200:
                problems.append(f"{where}: status {response.status if response else '–'}")
                continue
            if (phone := width(page)) > PHONE["width"]:
                problems.append(f"{where}: {phone} px wide at 390 ({', '.join(wide_elements(page, PHONE['width']))})")
            if visit.route != "admin:index":  # Django's own admin is not our markup
                try:
                    assert_accessible(page, where)
                except AssertionError as error:
                    problems.append(str(error))
            page.set_viewport_size(DESKTOP)
            if (desktop := width(page)) > DESKTOP["width"]:
                problems.append(f"{where}: {desktop} px wide at 1280 ({', '.join(wide_elements(page, DESKTOP['width']))})")
            page.set_viewport_size(PHONE)
        context.close()
    assert not problems, f"{len(problems)} problems on {len(plan)} pages:\n" + "\n".join(problems)


def test_the_typeface_and_the_icon_are_shipped_from_our_own_origin(page, orgs):
    console: list[str] = []
    fonts: list[tuple[str, int]] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: fonts.append((response.url, response.status)) if ".woff" in response.url else None)
    page.goto(reverse("login"))
    loaded = page.evaluate(
        """() => document.fonts.ready.then(() => [...document.fonts]
             .filter(f => f.family.replace(/["']/g, '') === 'Inter' && f.status === 'loaded').map(f => f.weight))"""
    )
    assert "400" in loaded, loaded  # the body text is set in Inter, loaded from a font file we serve
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily").replace('"', '').startswith("Inter, system-ui")
    assert fonts and all(url.startswith(page.url.split("/logg-inn/")[0]) and status == 200 for url, status in fonts)
    assert not [text for text in console if "Content Security Policy" in text], console

    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(icon)
    assert response.status == 200 and response.headers["content-type"] == "image/svg+xml"
    response = page.request.get("/favicon.ico")  # what browsers ask for on their own: redirected to the icon
    assert response.status == 200 and response.url.endswith(icon) and b"<svg" in response.body()


def test_the_main_menu_folds_behind_a_button_on_a_phone(page, make_user, login, assert_accessible):
    login(make_user("HN", "owner_staff"))
    page.set_viewport_size(PHONE)
    page.goto(reverse("reporting:list"))
    nav = page.get_by_role("navigation", name="Hovedmeny")
    button = nav.get_by_role("button", name="Meny: Rapportering")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.get_by_role("link", name="Krav").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name="Krav").wait_for()
    assert_accessible(page, "menu open at 390 px")
    page.set_viewport_size(DESKTOP)  # a wide screen shows the menu itself, no button
    assert not button.is_visible() and nav.get_by_role("link", name="Krav").is_visible()
