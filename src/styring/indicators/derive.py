"""Give each indicator item its series and targets, read from its text (``parsing``) or from the
attachment it refers to (``attachments``), when it is imported or its text changes.

Runs on every save of an indicator item (``apps.IndicatorsConfig.ready`` connects it). A target the
reviewer has set is never replaced; series that already have values are never deleted.
"""
from __future__ import annotations

from django.db import transaction

from styring.indicators import targets as rules
from styring.indicators.attachments import read_attachment
from styring.indicators.models import Indicator, IndicatorValue, Target, ValueStatus
from styring.indicators.parsing import parse_targets
from styring.indicators.periods import Period
from styring.organisations.models import Organisation
from styring.requirements.models import Item


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _name_lookups() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, Organisation]]:
    """Whole-line names of trusts, and of each trust's hospitals, from the register in the database."""
    orgs = list(Organisation.objects.prefetch_related("owners"))
    trusts: dict[str, str] = {}
    sites: dict[tuple[str, str], str] = {}
    for org in orgs:
        names = [org.name, org.code, *org.aliases]
        if org.is_trust:
            for name in names + [f"{n} HF" for n in names]:
                trusts.setdefault(_norm(name), org.code)
        elif org.kind == Organisation.Kind.SYKEHUS:
            for owner in org.owners.all():
                for name in names:
                    sites[(owner.code, _norm(name))] = org.code
    return trusts, sites, {o.code: o for o in orgs}


def _series(item: Item, number: int, name: str, unit: str, text: str, note: str = "") -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(
        item=item, number=number, defaults={"name": name[:300], "unit": unit, "text_read": text, "note": note[:300]})
    return indicator


def derive_indicators(item: Item) -> list[Indicator]:
    """Create or update the item's series and the targets read from its text; returns the series."""
    if item.kind != Item.Kind.INDICATOR:
        return list(item.indicators.all())
    existing = list(item.indicators.all())
    if existing and all(i.text_read == item.text for i in existing):
        return existing  # nothing new to read
    if Target.objects.filter(indicator__item=item, source=Target.Source.REVIEWER).exists():
        return existing  # the reviewer's targets stand
    parsed = parse_targets(item.text)
    with transaction.atomic():
        if parsed.attachment is not None:
            made = _from_attachment(item, parsed.attachment, parsed.note)
        elif len(parsed.series) > 1:
            made = []
            for number, (name, rule) in enumerate(parsed.series, start=1):
                indicator = _series(item, number, name, rule.unit, item.text)
                _set_target(indicator, None, rule, Target.Source.TEXT)
                made.append(indicator)
        else:
            only = parsed.series[0][1] if parsed.series else None
            indicator = _series(item, 0, "", only.unit if only else "", item.text, "" if only else parsed.note)
            if only is not None:
                _set_target(indicator, None, only, Target.Source.TEXT)
            else:
                indicator.targets.filter(source=Target.Source.TEXT).delete()
            made = [indicator]
        keep = {i.pk for i in made}
        for old in existing:
            if old.pk not in keep:
                if old.values.exists():
                    old.targets.exclude(source=Target.Source.REVIEWER).delete()
                    old.text_read = item.text
                    old.note = "Ikke lenger i kravets tekst; beholdt fordi den har verdier."
                    old.save()
                else:
                    old.delete()
    return made


def _set_target(indicator: Indicator, organisation: Organisation | None, rule: rules.Target, source: str) -> Target:
    target, _ = Target.objects.update_or_create(
        indicator=indicator, organisation=organisation, defaults={**Target.fields_from(rule), "source": source})
    return target


def _from_attachment(item: Item, number: int, note: str) -> list[Indicator]:
    """Per-hospital targets from "Vedlegg <number>" of the item's document, with the results it
    prints as values (final for the result year, preliminary where it says "Foreløpig")."""
    trusts, sites, by_code = _name_lookups()
    table = read_attachment(item.document.text or "", number, lambda line: trusts.get(_norm(line)),
                            lambda trust, line: sites.get((trust, _norm(line))))
    if not table.series:
        indicator = _series(item, 0, "", "", item.text, f"Fant ingen resultattabell i vedlegg {number}.")
        return [indicator]
    source = f"{item.document.title}, vedlegg {number}"[:200]
    made = [_series(item, n + 1, name, "%", item.text, note) for n, name in enumerate(table.series)]
    new_values = []
    for row in table.results:
        indicator, site = made[row.series], by_code[row.site]
        _set_target(indicator, site, row.target, Target.Source.ATTACHMENT)
        for period, value, status in row.values:
            new_values.append(IndicatorValue(
                indicator=indicator, organisation=site, period=str(Period.parse(period)), year=int(period[:4]),
                value=value, status=ValueStatus.FINAL if status == "final" else ValueStatus.PRELIMINARY, source=source))
    present = set(IndicatorValue.objects.filter(indicator__in=made).values_list("indicator_id", "organisation_id", "period"))
    for v in new_values:  # values already there (uploaded or corrected) are kept
        if (v.indicator.pk, v.organisation.pk, v.period) not in present:
            v.save()
    return made


def derive_all() -> int:
    """(Re)read every indicator item whose series are missing or out of date; returns how many."""
    count = 0
    for item in Item.objects.filter(kind=Item.Kind.INDICATOR).select_related("document"):
        before = list(item.indicators.values_list("pk", "text_read"))
        derive_indicators(item)
        count += before != list(item.indicators.values_list("pk", "text_read"))
    return count
