"""The cascade's links in the database: choosing the candidates, storing the suggestions.

Which items may an item carry out? Those given to the issuer of its document, in the same year:
- an item whose recipients include its own document's issuer repeats what that issuer was given
  (Helse Nord's 100-series in its document to the trusts): its candidates are the items of the
  issuer's owners' documents given to the issuer (HOD's oppdragsdokument to Helse Nord);
- any other item passes something on: its candidates are the items given to the issuer, first
  those repeated in the issuer's own documents (the 100-series), else the owners' own items.
Scoring is ``requirements.cascade``; a pair already decided (or suggested) is never suggested again.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from styring.accounts.types import AnyUser
from styring.lib.history import authored
from styring.organisations.models import Organisation
from styring.requirements.cascade import Suggestion, Text, suggest
from styring.requirements.models import Item, ItemLink

__all__ = ["suggest_links", "confirmed_parents", "confirmed_children"]


class _Year:
    """The year's current items with their recipients and issuers, read once."""

    def __init__(self, year: int) -> None:
        items = (Item.objects.current().filter(document__year=year)
                 .prefetch_related("recipients", "document__issuers").select_related("document"))
        self.items = {i.pk: i for i in items}
        self.recipients = {i.pk: {o.pk for o in i.recipients.all()} for i in self.items.values()}
        self.issuers = {i.pk: {o.pk for o in i.document.issuers.all()} for i in self.items.values()}
        self.owners: dict[int, set[int]] = defaultdict(set)
        for child, owner in Organisation.owners.through.objects.values_list("from_organisation_id", "to_organisation_id"):
            self.owners[child].add(owner)

    def text(self, pk: int) -> Text:
        item = self.items[pk]
        return Text(pk, item.ref, item.main_goal, item.text)

    def candidates(self, pk: int) -> tuple[list[int], list[int]]:
        """(near, far): items repeated in the issuer's own documents, and the owners' items."""
        issuers, recipients = self.issuers[pk], self.recipients[pk]
        owners = set().union(*(self.owners[i] for i in issuers)) if issuers else set()
        given = [o for o in self.items if o != pk and self.recipients[o] & issuers]
        far = [o for o in given if self.issuers[o] & owners]
        if recipients & issuers:  # a repeat of what the issuer was given: only the owners' items
            return [], far
        near = [o for o in given if self.issuers[o] & issuers and not self.recipients[o] - issuers]
        return near, far


def _suggested(year: _Year, children: list[int]) -> list[Suggestion]:
    near, far = {}, {}
    for pk in children:
        near[pk], far[pk] = year.candidates(pk)
    texts = [year.text(pk) for pk in children]
    found = suggest(texts, {pk: [year.text(o) for o in near[pk]] for pk in children})
    linked = {s.child for s in found}
    rest = [t for t in texts if t.key not in linked]
    return found + suggest(rest, {t.key: [year.text(o) for o in far[t.key]] for t in rest})


def suggest_links(document: Any, user: AnyUser | None = None) -> list[ItemLink]:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
    """Suggest the links of ``document``'s items, both ways: what each of its items carries out,
    and which items of its recipients' documents carry out its items. Returns the new suggestions."""
    year = _Year(document.year)
    own = [pk for pk, item in year.items.items() if item.document_id == document.pk]
    receivers = set().union(*(year.recipients[pk] for pk in own)) if own else set()
    downstream = [pk for pk in year.items if pk not in own and year.issuers[pk] & receivers]
    suggestions = _suggested(year, own + downstream)
    existing = set(ItemLink.objects.filter(child_id__in=[s.child for s in suggestions])
                   .values_list("parent_id", "child_id"))
    made = []
    with transaction.atomic():
        for s in suggestions:
            if (s.parent, s.child) in existing:
                continue
            link = ItemLink(parent_id=s.parent, child_id=s.child, confidence=s.confidence, reasons=s.reasons)
            authored(link, user, "foreslått ved import").save()
            made.append(link)
    return made


def confirmed_parents(items: Iterable[Item]) -> dict[int, list[Item]]:
    """{item pk: the items it carries out (confirmed links)}."""
    out: dict[int, list[Item]] = defaultdict(list)
    for link in ItemLink.objects.confirmed().filter(child__in=list(items)).select_related("parent__document"):
        out[link.child_id].append(link.parent)
    return out


def confirmed_children(items: Iterable[Item]) -> dict[int, list[Item]]:
    """{item pk: the items that carry it out (confirmed links)}."""
    out: dict[int, list[Item]] = defaultdict(list)
    for link in ItemLink.objects.confirmed().filter(parent__in=list(items)).select_related("child__document"):
        out[link.parent_id].append(link.child)
    return out
