"""Two tabs on one entry (headless Chromium): the second save is refused, and the page shows it
under the editor — what changed, both texts — with the three ways out: keep mine, take the saved
one, merge by hand. The editor keeps what was typed; nothing is lost without the user seeing it.
Without JavaScript, "Lagre punktet" lands on a page of its own with the same choices."""
from __future__ import annotations

import os

import pytest

from styring.reporting.models import ReportEntry
from styring.reporting.scope import ensure_report
from tests.reporting.test_cycle_in_browser import open_editor, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("STYRING_SCREENSHOTS")


def _second_tab(browser, live_server, user, *, javascript: bool = True):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("/logg-inn/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", user.raw_password)
    tab.click("button[type=submit]")
    tab.wait_for_url(lambda url: "/logg-inn/" not in url)
    return context, tab


def _text(entry: ReportEntry) -> str:
    return ReportEntry.objects.get(pk=entry.pk).text


def test_two_tabs_on_one_entry(page, login, browser, live_server, assert_accessible, people, periods, orgs,
                               hn_doc, make_user):
    report = ensure_report(orgs["UNN"], periods.t1)
    entry = report.entries.get(item=hn_doc.items["forsk"])
    colleague = make_user("UNN", "reporter", username="unn-kollega", first_name="Kari", last_name="Kollega")
    url = f"/rapportering/{report.pk}/?rediger={entry.pk}#punkt-{entry.pk}"
    login(people.reporter)
    page.goto(url)
    open_editor(page, entry)
    context, other = _second_tab(browser, live_server, colleague)
    try:
        other.goto(url)
        open_editor(other, entry)
        # the colleague saves first
        other.fill(f"#tekst-{entry.pk}", "Sykefraværet er redusert med 0,4 prosentpoeng.")
        other.get_by_role("button", name="Lagre punktet").click()
        other.locator(f"#lagret-{entry.pk}").get_by_text("Lagret kl.").wait_for()

        # this tab, opened before, types and saves: refused, and shown under the editor
        mine = "Vi har innført oppfølging av langtidssykmeldte i alle klinikker."
        page.fill(f"#tekst-{entry.pk}", mine)
        page.get_by_role("button", name="Lagre punktet").click()
        panel = page.locator(f"#konflikt-{entry.pk}")
        panel.wait_for()
        said = panel.inner_text()
        assert "Lagringskonflikt: teksten din er ikke lagret" in said and "Kari Kollega" in said
        assert "Rapport – endret både av Kari Kollega og av deg" in said
        assert panel.locator(".st-saved-text").inner_text() == "Sykefraværet er redusert med 0,4 prosentpoeng."
        assert panel.locator(".st-yours-text").inner_text() == mine
        assert "0,4 prosentpoeng." in " ".join(panel.locator("del").all_inner_texts())  # the saved words struck out
        assert page.locator(f"#tekst-{entry.pk}").input_value() == mine  # the editor keeps what was typed
        assert _text(entry) == "Sykefraværet er redusert med 0,4 prosentpoeng."
        assert_accessible(page, "a refused save")
        if SHOTS:
            page.set_viewport_size({"width": 1280, "height": 900})
            panel.screenshot(path=f"{SHOTS}/conflict-1280.png")
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=f"{SHOTS}/conflict-390.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 720})

        # merge by hand: the merged text is saved over the colleague's version, the editor shows it
        panel.get_by_text("Flett for hånd").click()
        merged = "Sykefraværet er redusert med 0,4 prosentpoeng. " + mine
        page.fill(f"#flett-text-{entry.pk}", merged)
        panel.get_by_role("button", name="Lagre den flettede versjonen").click()
        page.locator(f"#punkt-{entry.pk}").get_by_text("Den flettede versjonen er lagret").wait_for()
        assert page.locator(f"#tekst-{entry.pk}").input_value() == merged
        assert _text(entry) == merged

        # the colleague's tab is now behind: its next autosave is refused too; it keeps its own text
        other.fill(f"#tekst-{entry.pk}", "")
        other.locator(f"#tekst-{entry.pk}").press_sequentially("Kollegaens nye tekst.")  # typed: the autosave runs
        other_panel = other.locator(f"#konflikt-{entry.pk}")
        other_panel.wait_for()  # the autosave (keyup) alone shows it
        assert other_panel.locator(".st-saved-text").inner_text() == merged
        other_panel.get_by_role("button", name="Behold min versjon").click()
        other.locator(f"#lagret-{entry.pk}").get_by_text("Lagret kl.").wait_for()
        assert _text(entry) == "Kollegaens nye tekst."
        other.locator(f"#tekst-{entry.pk}").press("End")
        other.locator(f"#tekst-{entry.pk}").press_sequentially(" Utvidet.")  # the editor goes on with the new version
        wait_for(lambda: _text(entry) == "Kollegaens nye tekst. Utvidet.")

        # this tab is behind again; it takes the saved version, after seeing it
        page.fill(f"#tekst-{entry.pk}", "Et utkast jeg forkaster.")
        page.get_by_role("button", name="Lagre punktet").click()
        panel.wait_for()
        panel.get_by_role("link", name="Bruk den lagrede versjonen").click()
        page.locator(f"#konflikt-{entry.pk}").wait_for(state="detached")
        assert page.locator(f"#tekst-{entry.pk}").input_value() == "Kollegaens nye tekst. Utvidet."
    finally:
        context.close()


def test_without_javascript_the_refused_save_is_a_page_with_both_texts(page, login, browser, live_server,
                                                                        people, periods, orgs, hn_doc, make_user):
    report = ensure_report(orgs["UNN"], periods.t1)
    entry = report.entries.get(item=hn_doc.items["forsk"])
    context, tab = _second_tab(browser, live_server, people.reporter, javascript=False)
    try:
        tab.goto(f"/rapportering/{report.pk}/punkt/{entry.pk}/rediger/")
        from tests.reporting.conftest import fill_entry

        fill_entry(entry, make_user("UNN", "reporter"), "achieved", text="Lagret av en annen.")
        tab.fill(f"#tekst-{entry.pk}", "Min tekst uten JavaScript.")
        tab.get_by_role("button", name="Lagre punktet").click()
        tab.get_by_role("heading", name="Lagringskonflikt", exact=True).wait_for()
        assert tab.locator(".st-yours-text").inner_text() == "Min tekst uten JavaScript."
        assert tab.locator(".st-saved-text").inner_text() == "Lagret av en annen."
        assert tab.locator(f"#flett-text-{entry.pk}").input_value() == "Min tekst uten JavaScript."
        tab.get_by_role("button", name="Behold min versjon").click()
        tab.wait_for_url(f"**/rapportering/{report.pk}/#punkt-{entry.pk}")
        assert _text(entry) == "Min tekst uten JavaScript."
    finally:
        context.close()
