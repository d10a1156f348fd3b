"""Fixtures of the reporting cycle: a small Helse Nord 2024 document with confirmed items for UNN
and FIN, its reporting calendar, the year's periods, and users per role."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

# key, kind, ref, main goal, reporting modes, recipients, informed, text
ITEMS = [
    ("psyk", "goal", "", 1, ["annual", "deviation"], ["UNN", "FIN"], [],
     "Styrke psykisk helsevern og TSB slik at pasientene får rask og likeverdig tilgang."),
    ("pakke", "indicator", "", 1, ["tertial", "annual"], ["UNN", "FIN"], [],
     "Andel pakkeforløp gjennomført innenfor standard forløpstid skal være minst 70 %."),
    ("forsk", "assignment", "23", 2, ["tertial", "annual"], ["UNN"], [],
     "Helseforetakene skal tertialvis rapportere på tiltak for å redusere sykefravær."),
    ("kompetanse", "assignment", "24", 2, ["annual"], ["UNN", "FIN"], [],
     "Helseforetakene skal sikre at utdanning i alle yrkesfag blir dekket."),
    ("ventetid", "goal", "", 3, ["risk", "tertial", "annual"], ["UNN", "FIN"], [],
     "Gjennomsnittlig ventetid skal reduseres sammenliknet med 2023."),
    ("fin-only", "assignment", "31", None, ["tertial"], ["FIN"], ["UNN"],
     "Finnmarkssykehuset skal etablere ambulant team i Øst-Finnmark."),
    ("ukjent", "assignment", "40", 3, ["tertial", "annual"], ["UNN", "FIN"], [],
     "Et krav som ennå ikke er bekreftet."),
]

CALENDAR = [
    ("2024-03-01", "risikovurdering av utvalgte mål og oppdrag (tabell 3)"),
    ("2024-05-15", "1. tertial: administrativt utarbeidet tertialrapport"),
    ("2024-06-01", "1. tertial: styrebehandlet tertialrapport"),
    ("2024-09-15", "2. tertial: administrativt utarbeidet tertialrapport"),
    ("2024-10-01", "2. tertial: styrebehandlet tertialrapport"),
    ("2025-02-01", "årlig melding 2024: administrativt behandlet"),
]


def build_hn_document(orgs, year: int = 2024, items=ITEMS, calendar=CALENDAR):
    """A confirmed Helse Nord steering document with ``items`` (all confirmed but "ukjent")."""
    from styring.documents.models import ReportingDeadline, SteeringDocument
    from styring.requirements.models import Item

    doc = SteeringDocument.objects.create(
        title=f"Styringskrav og rammer {year}", year=year, status=SteeringDocument.Status.CONFIRMED
    )
    doc.issuers.add(orgs["HN"])
    doc.addressees.add(*[orgs[c] for c in ("UNN", "FIN", "NLSH", "HSYK")])
    for iso, label in calendar:
        ReportingDeadline.objects.create(document=doc, date=dt.date.fromisoformat(iso), label=label)
    made = {}
    for order, (key, kind, ref, goal, modes, recipients, informed, text) in enumerate(items):
        item = Item.objects.create(
            document=doc, order=order, kind=kind, ref=ref, main_goal=goal, text=text, reporting=modes,
            confirmed=key != "ukjent",
        )
        item.recipients.add(*[orgs[c] for c in recipients])
        item.informed.add(*[orgs[c] for c in informed])
        made[key] = item
    return SimpleNamespace(document=doc, items=made)


@pytest.fixture
def hn_doc(orgs):
    return build_hn_document(orgs)


@pytest.fixture
def periods(hn_doc, orgs):
    from styring.reporting.models import PeriodKind
    from styring.reporting.periods import create_periods

    made = create_periods(orgs["HN"], 2024, hn_doc.document)
    by_kind = {p.kind: p for p in made}
    return SimpleNamespace(
        t1=by_kind[PeriodKind.TERTIAL_1], t2=by_kind[PeriodKind.TERTIAL_2], annual=by_kind[PeriodKind.ANNUAL],
        risk=by_kind[PeriodKind.RISK], all=made,
    )


@pytest.fixture
def people(make_user):
    """One user per role where the cycle needs them (with e-mail addresses for reminders)."""
    def mk(code, role, name):
        return make_user(code, role, username=name, email=f"{name}@example.org")

    return SimpleNamespace(
        reporter=mk("UNN", "reporter", "unn-rapportor"),
        approver=mk("UNN", "approver", "unn-godkjenner"),
        reader=mk("UNN", "reader", "unn-leser"),
        owner=mk("HN", "owner_staff", "hn-eier"),
        other_owner=mk("HSO", "owner_staff", "hso-eier"),
        fin_reporter=mk("FIN", "reporter", "fin-rapportor"),
        fin_approver=mk("FIN", "approver", "fin-godkjenner"),
        hod=mk("HOD", "owner_staff", "hod-eier"),
    )


def fill_entry(entry, user, status, *, text="Rapportert.", deviation="", measure=None):
    """Set an entry's status and texts (and add a measure) as the reporter would."""
    from styring.reporting.entries import add_measure, save_entry

    entry.refresh_from_db()
    saved = save_entry(entry, user, {"status": status, "text": text, "deviation": deviation}, entry.version)
    if measure:
        add_measure(saved, user, **measure)
    return saved


def fill_report(report, user, colours=None):
    """Fill every entry green except those named in ``colours`` ({item key or pk: status})."""
    colours = colours or {}
    for entry in report.entries.select_related("item"):
        status = colours.get(entry.item_id, "achieved")
        if status == "achieved":
            fill_entry(entry, user, status)
        else:
            fill_entry(entry, user, status, deviation="Lavere kapasitet enn planlagt.", measure={
                "description": "Ekstra poliklinikkdager", "owner": "Klinikksjef", "due_date": dt.date(2024, 9, 1)})
    report.refresh_from_db()
    return report
