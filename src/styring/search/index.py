"""Keeping the search index current: one ``SearchEntry`` per document, item, report entry and
measure, its text analysed by ``styring.language.index_terms`` (each word's key, its compound parts' keys and
abbreviations both ways), which the query's keys (``styring.language.terms``) are looked up in."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import reverse

from styring.documents.models import SteeringDocument
from styring.language import STOPWORDS, fold, index_terms, keys, word_matches
from styring.organisations.models import Organisation
from styring.reporting.models import Measure, ReportEntry
from styring.requirements.models import Item
from styring.search.models import Kind, SearchEntry

__all__ = ["index_object", "unindex", "rebuild"]


def _codes(orgs: Iterable[Organisation]) -> str:
    codes = sorted({o.code for o in orgs})
    return f" {' '.join(codes)} " if codes else ""


def _document(doc: SteeringDocument) -> dict:
    return {"title": doc.title, "body": doc.text or doc.title, "year": doc.year,
            "url": reverse("documents:detail", args=[doc.pk]),
            "issuers": _codes(doc.issuers.all()), "recipients": _codes(doc.addressees.all()),
            "status": doc.status, "document_id": doc.pk, "main_goal": None}


def _item(item: Item) -> dict:
    span = (item.source_spans or [{}])[0]
    label = f"{item.ref} " if item.ref else ""
    return {"title": f"{label}{item.get_kind_display()}: {item.text[:120]}", "body": item.text,
            "year": item.document.year, "issuers": _codes(item.document.issuers.all()),
            "recipients": _codes([*item.recipients.all(), *item.informed.all()]), "main_goal": item.main_goal,
            "status": "confirmed" if item.confirmed else "in_review", "document_id": item.document_id,
            "source_start": span.get("start"), "source_end": span.get("end"),
            "url": (f"{reverse('search:source', args=[item.document_id])}?fra={span['start']}&til={span['end']}#treff"
                    if span else reverse("cascade:trace", args=[item.pk]))}


def _entry(entry: ReportEntry) -> dict:
    report, item = entry.report, entry.item
    label = f"krav {item.ref}" if item.ref else item.get_kind_display().lower()
    return {"title": f"{report.organisation.name}, {report.period}: {label}", "body": "\n".join(
        t for t in (entry.text, entry.deviation, entry.expected_completion) if t) or item.text[:200],
        "year": report.period.year, "issuers": _codes([report.period.issuer]),
        "recipients": _codes([report.organisation]), "main_goal": item.main_goal, "status": entry.status,
        "document_id": item.document_id, "url": f"{reverse('reporting:detail', args=[report.pk])}#punkt-{entry.pk}"}


def _measure(measure: Measure) -> dict:
    return {"title": f"Tiltak, {measure.organisation.name}: {measure.description[:100]}", "body": measure.description,
            "year": dt.date.fromisoformat(str(measure.due_date)[:10]).year, "issuers": "", "recipients": _codes([measure.organisation]),
            "main_goal": measure.item.main_goal, "status": "open" if measure.is_open else "closed",
            "document_id": measure.item.document_id, "url": reverse("followup:item", args=[measure.item_id])}


BUILDERS: dict[type, tuple[str, Any]] = {SteeringDocument: (Kind.DOCUMENT, _document), Item: (Kind.ITEM, _item),
            ReportEntry: (Kind.ENTRY, _entry), Measure: (Kind.MEASURE, _measure)}


LONG = 2000  # a body longer than this keeps where each term first stands (for its snippet)
# PostgreSQL's tsvector holds at most 1 MB; a text whose terms pass this budget is indexed by each
# term's first occurrence (every word still found), cut at the budget if even that is too long
TERMS_BUDGET = 200_000


def bounded_terms(found: list[str]) -> str:
    """The analysed text as the index stores it: all of it, or for a very long text (a 7.6 MB
    document failed the import) each term once, within ``TERMS_BUDGET`` characters."""
    text = " ".join(found)
    if len(text) <= TERMS_BUDGET:
        return text
    kept, size = [], 0
    for term in dict.fromkeys(found):
        size += len(term) + 1
        if size > TERMS_BUDGET:
            break
        kept.append(term)
    return " ".join(kept)


def first_positions(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in word_matches(text):
        word = m.group(0)
        if fold(word) in STOPWORDS:
            continue
        for key in keys(word):
            out.setdefault(key, m.start())
    return out


def fields_of(obj: Model) -> dict:
    kind, build = BUILDERS[type(obj)]
    fields = {"source_start": None, "source_end": None, **build(obj)}
    fields["title"] = fields["title"][:300]
    fields["terms"] = bounded_terms(index_terms(f"{fields['title']}\n{fields['body']}"))
    fields["positions"] = first_positions(fields["body"]) if len(fields["body"]) > LONG else {}
    return {"kind": kind, "object_id": obj.pk, **fields}


def index_object(obj: Model) -> None:
    """Add or refresh ``obj``'s row."""
    fields = fields_of(obj)
    SearchEntry.objects.update_or_create(kind=fields.pop("kind"), object_id=fields.pop("object_id"), defaults=fields)


def unindex(obj: Model) -> None:
    kind, _ = BUILDERS[type(obj)]
    SearchEntry.objects.filter(kind=kind, object_id=obj.pk).delete()


def rebuild(batch: int = 500) -> int:
    """The whole index again from the database (after bulk loads, which send no signals)."""
    querysets: list[QuerySet[Any]] = [
        SteeringDocument.objects.prefetch_related("issuers", "addressees"),
        Item.objects.select_related("document").prefetch_related("document__issuers", "recipients", "informed"),
        ReportEntry.objects.select_related("report__organisation", "report__period__issuer", "item"),
        Measure.objects.select_related("organisation", "item"),
    ]
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for qs in querysets:
            rows = []
            for obj in qs.iterator(chunk_size=batch):
                rows.append(SearchEntry(**fields_of(obj)))
                if len(rows) >= batch:
                    SearchEntry.objects.bulk_create(rows)
                    count += len(rows)
                    rows = []
            SearchEntry.objects.bulk_create(rows)
            count += len(rows)
    return count
