"""Periods an indicator value is measured for: a year (``2024``), a tertial (``2024-T1``) or a
month (``2024-05``). Plain Python, no Django: parsed from import files and the API, stored as the
canonical string, compared and ordered here.

A tertial is four months (T1 January–April, T2 May–August, T3 September–December).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from styring.lib.input import excerpt

YEAR, TERTIAL, MONTH = "year", "tertial", "month"
MONTH_NAMES = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
               "november", "desember"]
_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([Tt])\s*([1-3])|(\d{1,2})))?\s*$")
PERIOD_FORMATS = "«2024» (år), «2024-T1» (tertial) eller «2024-05» (måned)"


class PeriodError(ValueError):
    """A period that cannot be read; the message is Norwegian and names what was written."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # YEAR, TERTIAL or MONTH
    number: int = 0  # tertial 1–3 or month 1–12; 0 for a year

    @classmethod
    def parse(cls, text: str | int) -> Period:
        m = _PATTERN.match(str(text))
        if not m:
            raise PeriodError(f"Ugyldig periode «{excerpt(text)}»: skriv {PERIOD_FORMATS}.")
        year = int(m.group(1))
        if not 1990 <= year <= 2100:
            raise PeriodError(f"Ugyldig år i perioden «{excerpt(text)}».")
        if m.group(3):
            return cls(year, TERTIAL, int(m.group(3)))
        if m.group(4):
            month = int(m.group(4))
            if not 1 <= month <= 12:
                raise PeriodError(f"Ugyldig måned i perioden «{excerpt(text)}»: måneden må være 01–12.")
            return cls(year, MONTH, month)
        return cls(year, YEAR)

    def __str__(self) -> str:
        if self.kind == TERTIAL:
            return f"{self.year}-T{self.number}"
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Norwegian: «2024», «1. tertial 2024», «mai 2024»."""
        if self.kind == TERTIAL:
            return f"{self.number}. tertial {self.year}"
        if self.kind == MONTH:
            return f"{MONTH_NAMES[self.number - 1]} {self.year}"
        return str(self.year)

    @property
    def months(self) -> range:
        """The months the period covers (1–12)."""
        if self.kind == TERTIAL:
            return range(4 * self.number - 3, 4 * self.number + 1)
        if self.kind == MONTH:
            return range(self.number, self.number + 1)
        return range(1, 13)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological by end, the longer period after the shorter ones it contains."""
        return (self.year, self.months[-1], len(self.months))

    def in_year(self, year: int) -> Period:
        """The same month, tertial or year in another year (what a baseline year is compared with)."""
        return Period(year, self.kind, self.number)

    def previous(self) -> Period:
        """The period before, of the same kind (the trend arrow compares with it)."""
        if self.kind == YEAR:
            return Period(self.year - 1, YEAR)
        last = 3 if self.kind == TERTIAL else 12
        return Period(self.year, self.kind, self.number - 1) if self.number > 1 else Period(self.year - 1, self.kind, last)

    def month_periods(self) -> list[Period]:
        """The months a tertial or year is made of (computed values sum these)."""
        return [Period(self.year, MONTH, m) for m in self.months]

    def contains(self, other: Period) -> bool:
        return other.year == self.year and set(other.months) <= set(self.months)


def parse(text: str | int) -> Period:
    return Period.parse(text)
