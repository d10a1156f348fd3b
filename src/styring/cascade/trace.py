"""Following the thread of one item: up to what it carries out, down to what carries it out and
what each trust last reported on it. Only confirmed links, only what the user may see
(``Item.objects.visible_to``, ``Report.objects.visible_to``)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from styring.accounts.access import visible_organisation_ids
from styring.accounts.types import AnyUser
from styring.organisations.models import Organisation
from styring.reporting.models import Report, ReportEntry
from styring.requirements.models import Item, ItemLink

MAX_DEPTH = 6  # HOD → RHF repeat → trust requirement is three; a loop of links stops here


@dataclass
class Status:
    """One organisation's latest answer on an item (``entry`` None: not reported yet)."""

    organisation: Organisation
    entry: ReportEntry | None


@dataclass
class Node:
    item: Item
    link: ItemLink | None = None  # the confirmed link to the node above
    children: list[Node] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)

    @property
    def missing(self) -> list[Organisation]:
        return [s.organisation for s in self.statuses if s.entry is None or not s.entry.status]


@dataclass
class Trace:
    item: Item
    up: list[list[Item]]  # each chain upwards, nearest first
    root: Node  # the item and everything below it

    def nodes(self) -> list[Node]:
        out, stack = [], [self.root]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


class _Reader:
    """What the user may see of links, items and reports, read in a few queries per level."""

    def __init__(self, user: AnyUser) -> None:
        self.user = user
        self.items = Item.objects.visible_to(user)
        self.reports = Report.objects.visible_to(user)
        self.orgs = visible_organisation_ids(user)

    def parents(self, items: list[int]) -> dict[int, list[ItemLink]]:
        out: dict[int, list[ItemLink]] = defaultdict(list)
        links = (ItemLink.objects.confirmed().filter(child__in=items, parent__in=self.items.values("pk"))
                 .select_related("parent__document").prefetch_related("parent__document__issuers"))
        for link in links:
            out[link.child_id].append(link)
        return out

    def children(self, items: list[int]) -> dict[int, list[ItemLink]]:
        out: dict[int, list[ItemLink]] = defaultdict(list)
        links = (ItemLink.objects.confirmed().filter(parent__in=items, child__in=self.items.values("pk"))
                 .select_related("child__document").prefetch_related("child__document__issuers", "child__recipients")
                 .order_by("child__document__year", "child__order"))
        for link in links:
            out[link.parent_id].append(link)
        return out

    def statuses(self, items: list[Item]) -> dict[int, list[Status]]:
        """Each recipient's (that the user sees) latest answer in a report the user may read."""
        latest: dict[tuple[int, int], ReportEntry] = {}
        entries = (ReportEntry.objects.filter(item__in=items, report__in=self.reports.values("pk"))
                   .select_related("report__organisation", "report__period")
                   .order_by("report__period__year", "report__period__admin_deadline", "updated_at"))
        for entry in entries:
            latest[(entry.item_id, entry.report.organisation_id)] = entry
        out = {}
        for item in items:
            orgs = sorted((o for o in item.recipients.all() if o.pk in self.orgs), key=lambda o: o.name)
            out[item.pk] = [Status(o, latest.get((item.pk, o.pk))) for o in orgs]
        return out


def trace(item: Item, user: AnyUser) -> Trace:
    reader = _Reader(user)
    # up: every chain of confirmed parents
    up: list[list[Item]] = []
    frontier: list[tuple[Item, list[Item]]] = [(item, [])]
    for _depth in range(MAX_DEPTH):
        parents = reader.parents([i.pk for i, _ in frontier])
        step: list[tuple[Item, list[Item]]] = []
        for current, chain in frontier:
            links = parents.get(current.pk, [])
            if not links and chain:
                up.append(chain)
            step.extend((link.parent, [*chain, link.parent]) for link in links if link.parent not in chain)
        frontier = step
        if not frontier:
            break
    up.extend(chain for _, chain in frontier if chain)
    # down: the tree of confirmed children
    root = Node(item)
    level = [root]
    seen = {item.pk}
    every = [root]
    for _depth in range(MAX_DEPTH):
        children = reader.children([n.item.pk for n in level])
        nxt = []
        for node in level:
            for link in children.get(node.item.pk, []):
                if link.child_id in seen:
                    continue
                seen.add(link.child_id)
                child = Node(link.child, link)
                node.children.append(child)
                nxt.append(child)
        every.extend(nxt)
        level = nxt
        if not level:
            break
    statuses = reader.statuses([n.item for n in every])
    for node in every:
        node.statuses = statuses.get(node.item.pk, [])
    return Trace(item, up, root)
