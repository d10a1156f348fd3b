"""The roll-up: what an RHF was given by its owner, what its trusts reported on the requirements
that carry each item out, and a draft of the RHF's own answer made from those reports."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from styring.accounts.access import Action, can, membership
from styring.accounts.types import AnyUser
from styring.cascade.trace import Node, Trace, trace
from styring.language import terms
from styring.organisations.models import Organisation
from styring.reporting.models import EDITABLE, ReportEntry
from styring.requirements.cascade import Text, Vectors
from styring.requirements.models import Item

SAME_ITEM = 0.6  # texts this alike in the same issuer's documents are one item sent to several regions


@dataclass
class Row:
    trace: Trace
    entry: ReportEntry | None = None  # the user's own organisation's open answer to this item, if any

    @property
    def item(self) -> Item:
        return self.trace.item

    @property
    def leaves(self) -> list[Node]:
        """The requirements at the end of each thread (what the trusts answer)."""
        return [n for n in self.trace.nodes() if not n.children and n is not self.trace.root]

    @property
    def missing(self) -> list[tuple[Node, list]]:
        return [(n, n.missing) for n in self.leaves if n.missing]

    @property
    def passed_on(self) -> bool:
        return bool(self.trace.root.children)

    def draft(self) -> str:
        """The RHF's answer to build on: each trust's latest report on each requirement."""
        lines = []
        for node in self.leaves:
            label = f"Krav {node.item.ref}" if node.item.ref else node.item.get_kind_display()
            for status in node.statuses:
                if status.entry is None or not status.entry.status:
                    continue
                text = " ".join(status.entry.text.split()) or "(ingen tekst)"
                lines.append(f"{status.organisation.name} ({label}, {str(status.entry.look.label).lower()}): {text}")
        return "\n".join(lines)


def given_items(user: AnyUser, year: int | None = None) -> QuerySet[Item]:
    """Items the user's own organisation was given by its owners (the ministry's assignments to an
    RHF, and the RHF's repeats of them in its own documents)."""
    m = membership(user)
    if m is None:
        return Item.objects.none()
    qs = (Item.objects.visible_to(user).confirmed().filter(recipients=m.organisation)
          .select_related("document").order_by("document__year", "document_id", "order"))
    if year:
        qs = qs.filter(document__year=year)
    return qs


def rollup(user: AnyUser, *, year: int | None = None, only_missing: bool = False) -> list[Row]:
    rows = [Row(trace(item, user)) for item in given_items(user, year)]
    rows = [r for r in rows if r.passed_on]
    if only_missing:
        rows = [r for r in rows if r.missing]
    entries = own_entries(user, [r.item.pk for r in rows])
    for row in rows:
        row.entry = entries.get(row.item.pk)
    return rows


def own_entries(user: AnyUser, item_ids: list[int]) -> dict[int, ReportEntry]:
    """The user's own organisation's answers to these items in reports it can still write (the
    latest period's, where there are several): where a roll-up draft can be put."""
    m = membership(user)
    if m is None or not item_ids or not can(user, Action.REPORT, m.organisation_id):
        return {}
    entries = (ReportEntry.objects.visible_to(user).filter(item_id__in=item_ids, report__organisation=m.organisation,
                                            report__status__in=EDITABLE)
               .select_related("report__period").order_by("report__period__year", "report_id"))
    return {e.item_id: e for e in entries}


def equivalents(item: Item, user: AnyUser) -> list[Item]:
    """The same item as its issuer sent it to other regions (each RHF gets its own document, in
    bokmål or nynorsk): items of the same issuer and year whose text is as good as the same."""
    others = list(Item.objects.visible_to(user).confirmed().filter(document__year=item.document.year,
                                                         document__issuers__in=item.document.issuers.all())
                  .exclude(pk=item.pk).distinct().select_related("document"))
    if not others or not terms(item.text):
        return [item]
    vectors = Vectors([Text(i.pk, i.ref, i.main_goal, i.text) for i in [item, *others]])
    return [item, *(o for o in others if vectors.cosine(item.pk, o.pk) >= SAME_ITEM)]


@dataclass
class Region:
    """One region's handling of an item: what it passed on in its own documents, and its trusts'
    answers where the item was given to them directly (the register says whose region a trust is)."""

    organisation: Organisation
    trace: Trace
    trusts: list[Organisation] = field(default_factory=list)  # the region's trusts the item was given to directly

    @property
    def requirements(self) -> list[Node]:
        """What the region made of the item: the threads that start in its own documents."""
        out: list[Node] = []
        stack = [c for c in self.trace.root.children
                 if self.organisation in c.item.document.issuers.all()]
        while stack:
            node = stack.pop(0)
            out.append(node)
            stack[:0] = node.children
        return out

    def counts(self) -> dict[str, int]:
        """Green, yellow, red and not reported among the answers expected in the region: on what it
        passed on, and its trusts' own answers on the item."""
        out = {"green": 0, "yellow": 0, "red": 0, "missing": 0}
        direct = {t.pk for t in self.trusts}
        statuses = [s for node in self.requirements for s in node.statuses]
        statuses += [s for s in self.trace.root.statuses if s.organisation.pk in direct]
        for status in statuses:
            colour = status.entry.colour if status.entry is not None else ""
            out[colour or "missing"] += 1
        return out


def region_of(organisation: Organisation) -> Organisation:
    """The regional health authority an organisation belongs to in the register: itself for an
    RHF, else its owner that is one (a trust's owner region); the organisation itself if none."""
    if organisation.kind == Organisation.Kind.RHF:
        return organisation
    owner = organisation.owners.filter(kind=Organisation.Kind.RHF).order_by("name").first()
    return owner or organisation


def compare(item: Item, user: AnyUser) -> list[Region]:
    """One item across the regions whose documents are loaded: one row per region, whether the
    item went to the RHF (and on from there) or straight to its trusts."""
    regions: dict[int, Region] = {}
    for same in equivalents(item, user):
        traced = trace(same, user)
        for org in same.recipients.order_by("name"):
            region = region_of(org)
            row = regions.setdefault(region.pk, Region(region, traced))
            if region.pk != org.pk:
                row.trusts.append(org)
    return sorted(regions.values(), key=lambda r: r.organisation.name)
