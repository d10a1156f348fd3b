"""The year-wheel's drawing: twelve month sectors, each date a dot at its day of the year, one
ring per kind of date, overdue ones marked (drawn as SVG on the server: no script needed)."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils import timezone

from styring.yearwheel.deadlines import MONTHS, Deadline

SIZE, CENTRE, OUTER, INNER = 360, 180, 150, 60
RINGS = {"item": 132, "admin": 110, "board": 110, "risk": 110, "calendar": 88, "meeting": 88}


def _point(angle: float, radius: float) -> tuple[float, float]:
    return round(CENTRE + radius * math.cos(angle), 1), round(CENTRE + radius * math.sin(angle), 1)


def _angle(date: dt.date) -> float:
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return 2 * math.pi * ((date - start).days + 0.5) / days - math.pi / 2


@dataclass
class Sector:
    path: str
    label: str
    lx: float
    ly: float


@dataclass
class Dot:
    x: float
    y: float
    deadline: Deadline


def sectors(year: int) -> list[Sector]:
    out = []
    for month in range(12):
        a0 = _angle(dt.date(year, month + 1, 1)) - 0.0001
        a1 = _angle(dt.date(year + (month == 11), 1 if month == 11 else month + 2, 1)) if month < 11 else 1.5 * math.pi
        (x0, y0), (x1, y1) = _point(a0, OUTER), _point(a1, OUTER)
        (x2, y2), (x3, y3) = _point(a1, INNER), _point(a0, INNER)
        path = f"M{x0},{y0} A{OUTER},{OUTER} 0 0 1 {x1},{y1} L{x2},{y2} A{INNER},{INNER} 0 0 0 {x3},{y3} Z"
        lx, ly = _point((a0 + a1) / 2, OUTER + 16)
        out.append(Sector(path, MONTHS[month][:3], lx, ly))
    return out


def dots(found: list[Deadline]) -> list[Dot]:
    out = []
    for d in found:
        x, y = _point(_angle(d.date), RINGS.get(d.kind, 88))
        out.append(Dot(x, y, d))
    return out


def today_hand(year: int, today: dt.date | None = None) -> tuple[float, float] | None:
    today = today or timezone.localdate()
    return _point(_angle(today), OUTER) if today.year == year else None
