"""A deadline list as an iCalendar feed (RFC 5545, written by the ``icalendar`` library): all-day
events, Europe/Oslo, a stable UID per date so a calendar program replaces an event it has."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from styring.lib.formats import shorten
from styring.yearwheel.deadlines import Deadline


def ical(found: list[Deadline], *, name: str, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Styring//Årshjul//NB")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    stamp = timezone.now()
    for d in found:
        event = Event()
        event.add("uid", d.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)  # a date: an all-day event
        event.add("dtend", d.date + dt.timedelta(days=1))
        event.add("summary", f"{'FORFALT: ' if d.overdue else ''}{d.kind_label}: {shorten(d.title, 200)}")
        event.add("description", "\n".join(x for x in (d.source, d.who and f"Gjelder: {d.who}") if x))
        if d.url:
            event.add("url", base_url.rstrip("/") + d.url)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [d.kind_label])
        cal.add_component(event)
    return cal.to_ical()
