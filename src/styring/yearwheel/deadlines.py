"""Every date of the steering year in one list: items' deadlines, the reporting periods'
administrative and board deadlines (risk assessment included), the documents' reporting calendars
and the owners' meetings (foretaksmøter) the documents name — for what the user may see, for one
organisation, or for the user's own part ("mine"). What is overdue is marked."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from styring.accounts.access import membership, visible_organisation_ids
from styring.accounts.models import Role
from styring.accounts.types import AnyUser
from styring.documents.models import ReportingDeadline, SteeringDocument
from styring.organisations.models import Organisation
from styring.reporting.models import EntryStatus, PeriodKind, Report, ReportEntry, ReportingPeriod
from styring.reporting.scope import expected_trusts
from styring.requirements.models import Item

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
_MEETING = re.compile(r"(?:foretaksmøte|føretaksmøte)\w*[^.\n]{0,80}?\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})",
                      re.IGNORECASE)


@dataclass
class Deadline:
    date: dt.date
    kind: str  # item, admin, board, risk, calendar, meeting
    title: str
    uid: str  # stable: an update replaces the event in a subscribed calendar
    who: str = ""
    source: str = ""
    url: str = ""
    overdue: bool = False

    KIND_LABELS = {"item": "Frist i krav", "admin": "Rapport (administrativ)", "board": "Rapport (styrebehandlet)",
                   "risk": "Risikovurdering", "calendar": "Rapporteringskalender", "meeting": "Foretaksmøte"}

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)


def _items(user: AnyUser, year: int, org_ids: list[int] | None, today: dt.date) -> list[Deadline]:
    items = Item.objects.visible_to(user).confirmed().filter(document__year__in=[year - 1, year]).exclude(deadlines=[])
    if org_ids is not None:
        items = items.filter(recipients__in=org_ids).distinct()
    # only what a date shows (an item's text, not its source or history), and the achieved ones by subquery
    found = list(items.select_related("document").prefetch_related(Prefetch("recipients", Organisation.objects.only("code")))
                 .only("pk", "ref", "text", "deadlines", "document__title"))
    achieved = set(ReportEntry.objects.filter(item__in=items.values("pk"), status=EntryStatus.ACHIEVED,
                                              report__in=Report.objects.visible_to(user).values("pk"))
                   .values_list("item_id", flat=True))
    out = []
    for item in found:
        for iso in item.deadlines:
            date = dt.date.fromisoformat(iso)
            if date.year != year:
                continue
            label = f"Krav {item.ref}: " if item.ref else ""
            out.append(Deadline(date, "item", f"{label}{item.text}", f"item-{item.pk}-{iso}@styring",
                                ", ".join(o.code for o in item.recipients.all()), item.document.title,
                                reverse("cascade:trace", args=[item.pk]),
                                overdue=date < today and item.pk not in achieved))
    return out


def _periods(user: AnyUser, year: int, org_ids: list[int] | None, today: dt.date, role: str | None) -> list[Deadline]:
    periods = list(ReportingPeriod.objects.visible_to(user).filter(year__in=[year - 1, year]))
    visible = visible_organisation_ids(user) if org_ids is None else set(org_ids) & visible_organisation_ids(user)
    statuses = {(period_id, org): status for period_id, org, status in
                    Report.objects.visible_to(user).filter(period__in=periods).values_list("period_id", "organisation_id", "status")}
    # an event links to the user's own report for the period where there is one, else to the list
    m = membership(user)
    own = dict(Report.objects.visible_to(user).filter(period__in=periods, organisation_id=m.organisation_id)
               .values_list("period_id", "pk")) if m is not None else {}
    out = []
    for period in periods:
        expected = [o.pk for o in expected_trusts(period, visible)]
        for deadline in period.deadlines():
            if deadline.date.year != year or (role == Role.APPROVER and deadline.kind == "admin") or (
                    role == Role.REPORTER and deadline.kind == "board"):
                continue
            kind = "risk" if period.kind == PeriodKind.RISK else deadline.kind
            # a trust that has not started its report has not met the deadline either
            pending = [o for o in expected if not deadline.met_by(statuses.get((period.pk, o), "draft"))]
            out.append(Deadline(deadline.date, kind, f"{period}: {deadline.label}",
                                f"period-{period.pk}-{deadline.kind}@styring", period.issuer.code,
                                str(period.issuer),
                                reverse("reporting:detail", args=[own[period.pk]]) if period.pk in own
                                else reverse("reporting:list"),
                                overdue=deadline.date < today and bool(pending)))
    return out


def _documents(user: AnyUser, year: int) -> tuple[list[Deadline], list[Deadline]]:

    calendar = [
        Deadline(d.date, "calendar", d.label, f"calendar-{d.pk}@styring", ", ".join(o.code for o in d.document.issuers.all()),
                 d.document.title, reverse("documents:detail", args=[d.document_id]))
        for d in ReportingDeadline.objects.visible_to(user).filter(date__year=year, document__status="confirmed",
                                                document__superseded_by__isnull=True)
        .select_related("document").prefetch_related("document__issuers")
    ]
    meetings = []
    # one document's text at a time (a text can be megabytes), and only those that name a meeting
    # ("retaksm" is in both spellings, and plain ASCII: SQLite matches it in any case)
    candidates = (SteeringDocument.objects.visible_to(user).filter(status="confirmed", year__in=[year - 1, year])
                  .filter(text__icontains="retaksm").only("pk", "title", "text"))
    for doc in candidates.iterator(chunk_size=1):
        for m in _MEETING.finditer(doc.text or ""):
            try:
                date = dt.date(int(m.group(3)), MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
            except ValueError:
                continue
            if date.year == year:
                meetings.append(Deadline(date, "meeting", " ".join(m.group(0).split()),
                                         f"meeting-{doc.pk}-{date.isoformat()}@styring", "", doc.title,
                                         reverse("documents:detail", args=[doc.pk])))
    return calendar, meetings


def deadlines(user: AnyUser, year: int, *, organisation: Organisation | None = None, mine: bool = False, today: dt.date | None = None) -> list[Deadline]:
    """The year's dates for ``user``: all they may see, one organisation's, or their own part."""
    today = today or timezone.localdate()
    m = membership(user)
    role = m.role if (mine and m is not None) else None
    org_ids = None
    if organisation is not None:
        org_ids = [organisation.pk]
    elif mine and m is not None:
        org_ids = [m.organisation_id]
    found = _items(user, year, org_ids, today) + _periods(user, year, org_ids, today, role)
    calendar, meetings = _documents(user, year)
    # a period made from a document's calendar has the calendar's date: one event, named by both,
    # with the period's word on whether it is overdue
    periods = {(d.date, d.who): d for d in found if d.kind != "item"}
    for entry in calendar:
        twin = periods.pop((entry.date, entry.who), None)
        if twin is not None:
            entry.overdue, entry.kind, entry.title = twin.overdue, twin.kind, f"{twin.title} – {entry.title}"
            entry.url = twin.url  # the report (or the list of reports), not the document
    found = [d for d in found if d.kind == "item" or (d.date, d.who) in periods] + calendar
    if org_ids is None:
        found += meetings
    seen, unique = set(), []
    for d in sorted(found, key=lambda d: (d.date, d.kind, d.title)):
        if d.uid not in seen:
            seen.add(d.uid)
            unique.append(d)
    return unique
