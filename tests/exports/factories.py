"""Test and benchmark data: a Helse Nord steering document with confirmed items for its trusts,
reporting periods and reports with entries, measures and a board decision — model rows created
directly (no workflow), so the exports and the API can be tested on their own."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from styring.documents.models import SteeringDocument
from styring.organisations.models import Organisation
from styring.reporting.models import (
    BoardDecision,
    EntryStatus,
    Measure,
    PeriodKind,
    Report,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
)
from styring.requirements.models import Item

KINDS = [Item.Kind.GOAL, Item.Kind.INDICATOR, Item.Kind.ASSIGNMENT]
STATUSES = [EntryStatus.ACHIEVED, EntryStatus.PARTLY, EntryStatus.NOT_ACHIEVED]


@dataclass
class Cycle:
    document: SteeringDocument
    items: list[Item]
    annual: ReportingPeriod
    tertial: ReportingPeriod
    reports: dict[tuple[str, str], Report] = field(default_factory=dict)

    def report(self, code: str, period: str = "annual") -> Report:
        return self.reports[(code, period)]


def build_cycle(
    *,
    issuer: str = "HN",
    trusts: tuple[str, ...] = ("UNN", "FIN"),
    n_items: int = 9,
    year: int = 2024,
    fill: bool = True,
) -> Cycle:
    """A confirmed document from ``issuer`` with ``n_items`` items spread over the three hovedmål.

    Item ``i`` applies to every trust in ``trusts``, except the last item, which applies only to the
    first trust (so the reports differ). Each trust gets an annual report (approved, with a board
    decision) and a 1. tertial report (draft), one entry per applicable item; with ``fill`` the
    entries carry a status cycling oppnådd / delvis / ikke oppnådd, a text naming trust and ref,
    and a measure on every entry that is not green.
    """
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=(issuer, *trusts))}
    document = SteeringDocument.objects.create(
        title=f"Styringskrav og rammer {year} – {orgs[issuer].name}", year=year,
        status=SteeringDocument.Status.CONFIRMED,
    )
    document.issuers.add(orgs[issuer])
    document.addressees.add(*(orgs[c] for c in trusts))
    items = []
    for i in range(n_items):
        kind = KINDS[i % 3]
        item = Item.objects.create(
            document=document, order=i, kind=kind, ref=str(i + 1), main_goal=(i % 3) + 1,
            text=f"Krav {i + 1}: foretaket skal {['nå målet', 'rapportere indikatoren', 'gjennomføre oppdraget'][i % 3]} nr. {i + 1}.",
            reporting=["annual", "tertial"] if i % 2 == 0 else ["annual"],
            deadlines=[f"{year}-12-31"] if kind == Item.Kind.ASSIGNMENT else [], confirmed=True,
        )
        applies = trusts if i < n_items - 1 or len(trusts) == 1 else trusts[:1]
        item.recipients.add(*(orgs[c] for c in applies))
        items.append(item)
    annual = ReportingPeriod.objects.create(
        issuer=orgs[issuer], year=year, kind=PeriodKind.ANNUAL, document=document,
        admin_deadline=dt.date(year + 1, 2, 1), board_deadline=dt.date(year + 1, 3, 1),
    )
    tertial = ReportingPeriod.objects.create(
        issuer=orgs[issuer], year=year, kind=PeriodKind.TERTIAL_1, document=document,
        admin_deadline=dt.date(year, 5, 15), board_deadline=dt.date(year, 6, 1),
    )
    cycle = Cycle(document=document, items=items, annual=annual, tertial=tertial)
    for code in trusts:
        org = orgs[code]
        for key, period, status in (("annual", annual, ReportStatus.APPROVED), ("tertial", tertial, ReportStatus.DRAFT)):
            report = Report.objects.create(organisation=org, period=period, status=status)
            cycle.reports[(code, key)] = report
            entries = []
            for i, item in enumerate(items):
                if not (i < n_items - 1 or len(trusts) == 1 or code == trusts[0]):
                    continue
                entry = ReportEntry(report=report, item=item)
                if fill:
                    entry.status = STATUSES[i % 3]
                    entry.text = f"{code} rapporterer på krav {item.ref} ({key})."
                    if entry.status != EntryStatus.ACHIEVED:
                        entry.deviation = f"Avvik i {code} på krav {item.ref}."
                        entry.expected_completion = "Innen utgangen av 2025"
                entries.append(entry)
            ReportEntry.objects.bulk_create(entries)
            if fill:
                for entry in report.entries.select_related("item"):
                    if entry.status != EntryStatus.ACHIEVED:
                        Measure.objects.create(
                            organisation=org, item=entry.item, created_in=entry,
                            description=f"Tiltak for {code} krav {entry.item.ref}", owner="Klinikksjef",
                            due_date=dt.date(year + 1, 6, 30),
                        )
            if status == ReportStatus.APPROVED:
                BoardDecision.objects.create(
                    report=report, case_number=f"12/{year + 1}", meeting_date=dt.date(year + 1, 2, 20),
                    decision_text=f"Styret i {org.name} godkjenner årlig melding for {year}.",
                    minutes_reference="Protokoll fra styremøte 20.02",
                )
    return cycle
