"""The year-wheel with the seeds' deadlines, per organisation and per person, overdue marked; the
iCalendar feed read back with the icalendar library; secret, revocable addresses."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from styring.yearwheel.deadlines import deadlines
from styring.yearwheel.models import CalendarFeed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(shared_dir, orgs, make_user, settings, tmp_path):
    """Seeds 001 (Helse Nord) and 000 (the four RHFs to the jointly owned trusts) imported with the
    real extractor and confirmed; Helse Nord's periods made from its calendar."""
    from styring.documents.services import confirm_document
    from styring.reporting.periods import create_periods
    from tests.cascade.conftest import import_seed

    settings.MEDIA_ROOT = tmp_path / "media"
    hn = make_user("HN", "owner_staff", username="hn-eier")
    doc = import_seed(shared_dir, hn)
    confirm_document(doc, hn)
    create_periods(orgs["HN"], 2024, doc)
    joint_owner = make_user("HSO", "owner_staff", username="hso-eier")
    joint = import_seed(shared_dir, joint_owner, "000", "HSO")
    confirm_document(joint, joint_owner)
    return {"doc": doc, "hn": hn, "unn": make_user("UNN", "reporter", username="unn-rapportor"),
            "unn_approver": make_user("UNN", "approver", username="unn-godkjenner")}


def test_the_wheel_holds_the_seeds_deadlines(seeded):
    found = deadlines(seeded["hn"], 2024, today=dt.date(2024, 7, 1))
    dates = {(d.date, d.kind) for d in found}
    # seed 001's reporting calendar (the periods made from it share its dates and words)
    for iso, kind in (("2024-03-01", "risk"), ("2024-05-15", "admin"), ("2024-06-01", "board"),
                      ("2024-09-15", "admin"), ("2024-10-01", "board")):
        assert (dt.date.fromisoformat(iso), kind) in dates
    assert any(d.title.startswith("1. tertial 2024: administrativ versjon") for d in found)
    # deadlines inside items: 101's interim report to HOD on 15 September, 105's report on 30 November
    items = {d.title[:9] for d in found if d.kind == "item"}
    assert "Krav 101:" in items and "Krav 105:" in items
    # the owners' meeting seed 001 names
    assert any(d.kind == "meeting" and d.date == dt.date(2024, 2, 7) for d in found)
    # before 1 July: the risk assessment and the 1. tertial are overdue (no report sent)
    assert {d.date for d in found if d.overdue} >= {dt.date(2024, 3, 1), dt.date(2024, 5, 15)}
    assert all(d.uid.endswith("@styring") for d in found) and len({d.uid for d in found}) == len(found)


def test_per_person_and_per_organisation(seeded, orgs):
    unn_mine = deadlines(seeded["unn"], 2024, mine=True)
    approver = deadlines(seeded["unn_approver"], 2024, mine=True)
    assert all(d.kind != "board" for d in unn_mine)
    assert all(d.kind != "admin" for d in approver)
    fin_only = deadlines(seeded["hn"], 2024, organisation=orgs["FIN"])
    assert fin_only and all("FIN" in d.who or d.kind != "item" for d in fin_only)


def test_the_ical_feed_parses_back_with_stable_uids(seeded, client):
    client.force_login(seeded["unn"])
    url = client.get("/api/calendar-feed/").json()["url"]
    assert url.startswith("http://testserver/arshjul/kalender/") and url.endswith(".ics")
    client.logout()  # Outlook fetches without signing in: the address is the key
    response = client.get(url.replace("http://testserver", ""))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert str(cal.get("x-wr-timezone")) == "Europe/Oslo"
    events = cal.walk("VEVENT")
    assert events
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)  # all-day
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    again = Calendar.from_ical(client.get(url.replace("http://testserver", "")).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids  # the same events, the same UIDs
    summaries = " ".join(str(e["summary"]) for e in events)
    assert "1. tertial 2024: administrativ versjon – tertialrapport" in summaries


def test_a_new_address_revokes_the_old(seeded, client):
    client.force_login(seeded["unn"])
    old = client.get("/api/calendar-feed/").json()["url"].replace("http://testserver", "")
    client.post("/arshjul/abonnement/ny/")
    new = client.get("/api/calendar-feed/").json()["url"].replace("http://testserver", "")
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get("/arshjul/kalender/gjett-ikke.ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=False).count() == 1


@pytest.mark.browser
def test_the_year_wheel_page(seeded, page, login, assert_accessible):
    login(seeded["hn"])
    page.goto("/arshjul/?ar=2024")
    assert page.locator("svg circle.st-dot").count() >= 10
    text = page.inner_text("main")
    assert "1. tertial 2024: administrativ versjon" in text and "15. mai" in text
    # a long title is cut at a word boundary, the whole of it in a tooltip
    long = page.locator("ol.st-deadlines [title]").first
    full, shown = " ".join(long.get_attribute("title").split()), long.inner_text()
    assert shown.endswith("…") and full.startswith(shown[:-1]) and not full[len(shown) - 1].isalnum()
    assert_accessible(page, "årshjul")
    page.screenshot(path="/tmp/wt13-wheel-1280.png", full_page=True)
    page.locator("figure.st-wheel").screenshot(path="/tmp/wt13-wheel-figure.png")
    page.context.clear_cookies()
    login(seeded["unn"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/arshjul/?ar=2024&mine=on")
    assert page.locator("#min-kalender").input_value().endswith(".ics")
    page.screenshot(path="/tmp/wt13-wheel-390.png")
    page.click("text=Lag ny adresse")
    page.wait_for_selector("text=Ny kalenderadresse er laget.")
