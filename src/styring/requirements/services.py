"""Changing the shape of a document's items on the review screen: add, split, merge, delete.

Every change is saved through the model (django-simple-history records who and when).
"""
from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import F

from styring.accounts.types import AnyUser
from styring.lib.history import authored
from styring.requirements.models import Item


def renumber(document: Any) -> None:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
    """Spread ``order`` in steps of ten so that an item can be placed between two others."""
    for index, item in enumerate(document.items.order_by("order", "pk"), start=1):
        if item.order != index * 10:
            Item.objects.filter(pk=item.pk).update(order=index * 10)


def add_item(document: Any, *, kind: str, text: str, user: AnyUser | None = None) -> Item:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
    last = document.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = authored(Item(document=document, order=last + 10, kind=kind, text=text.strip()), user)
    item.save()
    recipients = document.addressees.all()
    item.recipients.set(recipients)
    return item


def split_spans(text: str, spans: list[dict], second: str) -> tuple[list[dict], list[dict]]:
    """Divide an item's source spans where ``second`` begins in the document ``text``: the spans
    up to that point stay with the first part, the rest go to the second. The item's text may
    differ from the source in whitespace, so the first words of ``second`` are looked for with any
    whitespace between them. Where they are not found (a rewritten text), the first part keeps
    every span and the second gets none."""
    words = second.split()[:8]
    ordered = sorted((s for s in spans or [] if s["end"] > s["start"]), key=lambda s: s["start"])
    if not words or not ordered:
        return list(spans or []), []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for n, span in enumerate(ordered):
        found = pattern.search(text, span["start"], span["end"])
        if found and found.start() > span["start"]:
            first_part = [*ordered[:n], {"start": span["start"], "end": found.start()}]
            return first_part, [{"start": found.start(), "end": span["end"]}, *ordered[n + 1:]]
        if found:  # the second part begins a span of its own
            return ordered[:n], ordered[n:]
    return list(spans), []


@transaction.atomic
def split_item(item: Item, first: str, second: str, user: AnyUser | None = None) -> Item:
    """Keep ``first`` in the item and put ``second`` into a new item right after it, with the same facts."""
    renumber(item.document)
    item.refresh_from_db()
    Item.objects.filter(document=item.document, order__gt=item.order).update(order=F("order") + 10)
    first_spans, second_spans = split_spans(item.document.text, item.source_spans, second)
    new = Item(
        document=item.document, order=item.order + 5, kind=item.kind, ref="", main_goal=item.main_goal,
        text=second, lead=item.lead, deadlines=list(item.deadlines), reporting=list(item.reporting),
        source_spans=second_spans, previous_year_item=None, year_status=item.year_status,
        revision_status=item.revision_status,
    )
    authored(new, user).save()
    new.recipients.set(item.recipients.all())
    new.informed.set(item.informed.all())
    item.text = first
    item.source_spans = first_spans
    item.confirmed = False
    item.confirmed_at = None
    item.confirmed_by = None
    authored(item, user).save()
    return new


def next_item(item: Item) -> Item | None:
    return (
        item.document.items.current().filter(order__gt=item.order).order_by("order", "pk").first()
        or item.document.items.current().filter(order=item.order, pk__gt=item.pk).order_by("pk").first()
    )


class CannotChange(Exception):
    """A change the register does not allow; the message is for the user (Norwegian)."""


@transaction.atomic
def merge_with_next(item: Item, user: AnyUser | None = None) -> Item:
    """Join the following item into this one: texts, recipients, deadlines, reporting and sources."""
    following = next_item(item)
    if following is None:
        raise CannotChange("Det er ikke noe krav etter dette å slå sammen med.")
    if following.report_entries.exists():
        raise CannotChange("Det neste kravet er rapportert på og kan ikke slås sammen. Rediger det i stedet.")
    item.text = f"{item.text.rstrip()}\n{following.text.lstrip()}"
    item.deadlines = sorted(set(item.deadlines) | set(following.deadlines))
    item.reporting = list(dict.fromkeys([*item.reporting, *following.reporting]))
    item.source_spans = sorted([*item.source_spans, *following.source_spans], key=lambda s: s["start"])
    item.lead = item.lead or following.lead
    item.confirmed = False
    item.confirmed_at = None
    item.confirmed_by = None
    authored(item, user).save()
    item.recipients.add(*following.recipients.all())
    item.informed.add(*following.informed.all())
    authored(following, user).delete()
    return item


@transaction.atomic
def delete_item(item: Item, user: AnyUser | None = None) -> bool:
    """Delete the item; one that has been reported on is only marked removed. True if deleted."""
    if item.report_entries.exists():
        item.removed = True
        authored(item, user).save()
        return False
    authored(item, user).delete()
    return True
