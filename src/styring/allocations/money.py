"""Who gives what to whom: the allocations of the documents the user may read (the extractor
stores them on import), summed per receiver and per purpose, with the changes a revised version
or a tilleggsdokument makes, and where each amount stands in its document."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from styring.accounts.types import AnyUser
from styring.documents.models import Allocation


def allocations(user: AnyUser, *, year: int | None = None, payer: str = "", receiver: str = "", organisation: str = "") -> QuerySet[Allocation]:
    """The user's allocations in force: a superseded document's are replaced by its revision's."""
    qs = (Allocation.objects.visible_to(user).filter(document__superseded_by__isnull=True)
          .select_related("payer", "receiver", "document").order_by("receiver__name", "payer__code", "-amount_nok"))
    if year:
        qs = qs.filter(year=year)
    if payer:
        qs = qs.filter(payer__code=payer.upper())
    if receiver:
        qs = qs.filter(receiver__code=receiver.upper())
    if organisation:
        qs = qs.filter(Q(payer__code=organisation.upper()) | Q(receiver__code=organisation.upper()))
    return qs


def sums(rows: Iterable[Allocation]) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    """(per receiver, per purpose, total), largest first."""
    by_receiver: dict[str, int] = defaultdict(int)
    by_purpose: dict[str, int] = defaultdict(int)
    for a in rows:
        by_receiver[a.receiver.name] += a.amount_nok
        by_purpose[a.purpose or "uten formål"] += a.amount_nok
    order = lambda d: sorted(d.items(), key=lambda kv: -kv[1])  # noqa: E731
    return order(by_receiver), order(by_purpose), sum(by_receiver.values())


@dataclass
class Change:
    allocation: Allocation
    kind: str  # "new", "changed", "removed"
    before: int | None = None


def changes(user: AnyUser, rows: Sequence[Allocation]) -> list[Change]:
    """What revised versions and tilleggsdokumenter changed: amounts of the same payer, receiver
    and purpose that differ, grants that are new, and grants the revision no longer has."""
    out: list[Change] = []
    documents = {a.document for a in rows}
    for doc in sorted(documents, key=lambda d: d.pk):
        mine = [a for a in rows if a.document_id == doc.pk]
        if doc.supplements_id:
            out.extend(Change(a, "new") for a in mine)
        if doc.supersedes_id:
            old = {(a.payer_id, a.receiver_id, a.purpose): a for a in Allocation.objects.visible_to(user)
                   .filter(document_id=doc.supersedes_id).select_related("payer", "receiver", "document")}
            for a in mine:
                before = old.pop((a.payer_id, a.receiver_id, a.purpose), None)
                if before is None:
                    out.append(Change(a, "new"))
                elif before.amount_nok != a.amount_nok:
                    out.append(Change(a, "changed", before.amount_nok))
            out.extend(Change(a, "removed", a.amount_nok) for a in old.values())
    return out


def _spaced(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def source_place(allocation: Allocation) -> tuple[int, int] | None:
    """Where the amount stands in its document's text: written in kroner, in thousands (a table
    "i 1 000 kroner") or in millions ("92,85 mill."); the first place it stands."""
    text = allocation.document.text or ""
    n = allocation.amount_nok
    forms = [_spaced(n)]
    if n % 1000 == 0:
        forms.append(_spaced(n // 1000))
    if n % 10_000 == 0:
        millions = f"{n / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        forms.append(millions)
    for form in forms:
        pattern = re.compile(r"(?<![\d,])" + re.escape(form).replace(r"\ ", r"[ \u00a0]") + r"(?![\d]|,\d)")
        m = pattern.search(text)
        if m:
            return m.start(), m.end()
    return None
