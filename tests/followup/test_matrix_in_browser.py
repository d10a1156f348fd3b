"""The follow-up matrix in headless Chromium: a cell opens its text in a dialog where the user is,
by keyboard; Esc closes it and the focus returns to the cell; the page does not move."""
from __future__ import annotations

import os

import pytest

from tests.followup.test_followup import cycle  # noqa: F401  (the same fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("STYRING_SCREENSHOTS")  # a folder: save screenshots there (never in the repo)
ACTIVE = "() => document.activeElement ? (document.activeElement.closest('dialog') ? 'dialog:' : '') + (document.activeElement.getAttribute('aria-label') || document.activeElement.id) : ''"


def test_matrix_cell_opens_in_a_dialog_by_keyboard(page, login, assert_accessible, people, periods, cycle):  # noqa: F811
    login(people.owner)
    page.goto(f"/oppfolging/?periode={periods.t1.pk}")
    red = page.locator("td.st-status-red a.st-cell")
    label = red.get_attribute("aria-label")
    url = page.url
    red.focus()
    scroll = page.evaluate("() => window.scrollY")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Lavere kapasitet enn planlagt.").wait_for()
    assert page.evaluate(ACTIVE) == "dialog:celledialog-tittel"  # the focus moved into the dialog
    assert page.url == url and page.evaluate("() => window.scrollY") == scroll  # no jump
    page.wait_for_function("() => document.getElementById('celledialog').getAnimations().length === 0")  # faded in
    assert_accessible(page, "matrix with a cell's dialog open")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/matrix-dialog-1280.png")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate(ACTIVE) == label  # back on the cell
    # another cell, closed with the dialog's button
    page.locator("td.st-status-yellow a.st-cell").click()
    dialog.get_by_text("Lavere kapasitet enn planlagt.").wait_for()
    dialog.get_by_role("button", name="Lukk").click()
    dialog.wait_for(state="hidden")
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 844})
        red.click()
        dialog.get_by_text("Ekstra poliklinikkdager").first.wait_for()
        page.wait_for_function("() => document.getElementById('celledialog').open")
        page.screenshot(path=f"{SHOTS}/matrix-dialog-390.png")
