"""In Chromium: an owner starts the consolidated report, sees the progress bar, goes on working; the
worker (the real ``styring worker --batch``) builds it; the next page says it is ready, and the job
page has the download link."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from docx import Document

from styring.jobs.models import Job
from tests.jobs.conftest import run_waiting_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_starts_the_consolidated_report_and_downloads_it_when_ready(
        page, cycle, make_user, login, assert_accessible, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    shots = os.environ.get("STYRING_SHOTS")  # a folder: screenshots at 1280 and 390 px for a look
    login(make_user("HN", "owner_staff"))
    page.goto("/eksport/")
    page.get_by_role("button", name=f"Lag Word-dokument – {cycle.annual}, Helse Nord RHF").click()
    page.wait_for_url(re.compile(r"/jobber/\d+/$"))
    job = Job.objects.get()
    bar = page.locator("progress.st-job__bar")
    assert bar.is_visible() and bar.get_attribute("value") == "0"
    assert "I kø" in page.get_by_role("status").last.inner_text()
    assert page.locator("#jobbstatus").get_attribute("hx-trigger") == "every 1s"
    assert_accessible(page, "job page, queued")
    if shots:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=f"{shots}/job-queued-{width}.png", full_page=True)

    page.goto("/eksport/")  # the user goes on working; the worker does the job meanwhile
    assert run_waiting_tasks() == 1
    page.reload()
    notice = page.locator(".st-messages").get_by_text("er klar")
    assert f"«{job.title}» er klar." in notice.inner_text()
    assert_accessible(page, "exports page with the notice")
    if shots:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=f"{shots}/exports-notice-{width}.png", full_page=True)
    page.goto("/jobber/")
    assert page.get_by_role("link", name=f"Last ned {job.title}").count() == 1
    assert_accessible(page, "the user's jobs")
    if shots:
        page.screenshot(path=f"{shots}/jobs-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"/jobber/{job.pk}/")
    assert page.locator("progress.st-job__bar").get_attribute("value") == "100"
    assert page.locator("#jobbstatus").get_attribute("hx-trigger") is None
    link = page.get_by_role("link", name="Last ned aarlig-melding-2024-HN.docx")
    assert_accessible(page, "job page, done")
    if shots:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=f"{shots}/job-done-{width}.png", full_page=True)
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    assert any(p.text.startswith("Foretak med krav i perioden: 2 av ") for p in Document(io.BytesIO(data)).paragraphs)
