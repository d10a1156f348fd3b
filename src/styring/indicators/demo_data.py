"""Sample indicator values for ``make demo``, labelled as sample data (source «Eksempeldata») on
every page that shows them, dated from today: last year's tertials and year, and this year's
tertials that have ended, for Helse Nord's trusts on the indicators whose targets were read from the
document, and the latest ended tertial for the hospitals with limits in Vedlegg 3 (whose printed
2022 and 2023 results are real, from the document).

Deterministic (the same numbers every run) and idempotent: nothing is added once sample values exist.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from django.contrib.auth.models import User
from django.utils import timezone

from styring.indicators import targets as rules
from styring.indicators.importing import ValueRow, save_rows
from styring.indicators.models import SAMPLE_SOURCE, Indicator, IndicatorValue, Target, ValueStatus
from styring.indicators.periods import Period
from styring.indicators.targets import HIGHER
from styring.organisations.models import Organisation

TRUSTS = ("FIN", "UNN", "NLSH", "HSYK")
TERTIAL_ENDS = ((1, 4, 30), (2, 8, 31), (3, 12, 31))  # tertial, month, day it ends


def sample_periods(today: dt.date) -> tuple[str, ...]:
    """Last year's three tertials and the year, and this year's tertials ended by ``today``."""
    last = today.year - 1
    this = tuple(f"{today.year}-T{n}" for n, month, day in TERTIAL_ENDS if dt.date(today.year, month, day) < today)
    return (f"{last}-T1", f"{last}-T2", f"{last}-T3", f"{last}", *this)


def _level(target: Target, unit: str) -> float:
    """Where a sample series starts: around the target's level, or a plausible figure."""
    if target.value is not None and not rules.kind(target.kind).needs_baseline:
        return target.value
    if target.goal is not None:
        return target.goal * 1.15 if target.better != HIGHER else target.goal * 0.9
    return 60.0 if unit == "%" else 1200.0


def _rows(indicator: Indicator, target: Target, org: Organisation, periods: Iterable[str], rnd: random.Random,
          this_year: int) -> list[ValueRow]:
    level = _level(target, indicator.unit)
    improving = rules.kind(target.kind).needs_baseline  # most trusts move the right way, a little
    step = (1.03 if target.better == HIGHER else 0.97) if improving else 1.0
    rows = []
    for text in periods:
        period = Period.parse(text)
        drift = step ** (period.year - this_year + 1)
        value = max(0.0, level * drift * rnd.uniform(0.9, 1.12))
        if indicator.unit == "%":
            value = min(value, 99.0)
            denominator = rnd.randint(400, 2500)
            numerator = round(value / 100 * denominator)
            value = round(100 * numerator / denominator, 1)
        else:
            value, numerator, denominator = round(value, 1), None, None
        status = ValueStatus.PRELIMINARY if period.year == this_year else ValueStatus.FINAL
        rows.append(ValueRow(0, indicator.pk, org.pk, str(period), period.year, _dec(value), _dec(numerator),
                         _dec(denominator), SAMPLE_SOURCE, status))
    return rows


@overload
def _dec(value: float) -> Decimal: ...
@overload
def _dec(value: None) -> None: ...
def _dec(value: float | None) -> Decimal | None:
    from decimal import Decimal

    return None if value is None else Decimal(str(value))


def load(stdout: SupportsWrite[str], today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    periods = sample_periods(today)
    if IndicatorValue.objects.filter(source=SAMPLE_SOURCE).exists():
        stdout.write("Indikatorer: eksempelverdiene finnes fra før.")
        return
    hn = Organisation.objects.filter(code="HN").first()
    indicators = list(Indicator.objects.filter(item__document__issuers=hn, item__confirmed=True)
                      .prefetch_related("targets__organisation", "item__recipients"))
    if not indicators:
        stdout.write("Indikatorer: ingen bekreftede indikatorer fra Helse Nord – hopper over eksempelverdier.")
        return
    rows: list[ValueRow] = []
    for indicator in indicators:
        rnd = random.Random(indicator.code)  # noqa: S311 - repeatable sample values, not a secret
        recipients = {o.code for o in indicator.item.recipients.all()}
        for target in indicator.targets.all():
            if target.organisation is None:
                for org in Organisation.objects.filter(code__in=[c for c in TRUSTS if c in recipients]):
                    rows += _rows(indicator, target, org, periods, rnd, today.year)
            elif target.organisation.is_site:
                latest = [p for p in periods if "-T" in p][-1]
                rows += _rows(indicator, target, target.organisation, (latest,), rnd, today.year)
    user = User.objects.filter(username="hn-eier").first()
    result = save_rows(rows, user)
    stdout.write(f"Indikatorer: {result.created} eksempelverdier (merket «{SAMPLE_SOURCE}») for "
                 f"{len({r.indicator_id for r in rows})} indikatorer i Helse Nord.")
