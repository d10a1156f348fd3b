"""One search over documents, items, report entries and measures: the query gets the same
Norwegian analysis as the index, each kind is limited to what its model's ``objects.visible_to`` lets the
user read, and each hit comes with a highlighted snippet and a link to where it stands."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, F, Func, QuerySet, TextField, When
from django.db.models.functions import Substr
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from styring.accounts.types import AnyUser
from styring.documents.models import SteeringDocument
from styring.language import keys, terms, word_matches
from styring.reporting.models import Measure, ReportEntry
from styring.requirements.models import Item
from styring.search.backends import backend
from styring.search.index import LONG
from styring.search.models import Kind, SearchEntry

LIMIT = 50
SNIPPET = 240


@dataclass
class Hit:
    type: str
    id: int
    title: str
    snippet: SafeString
    url: str
    type_label: str = ""


SELECTORS: dict[str, Any] = {Kind.DOCUMENT: SteeringDocument.objects.visible_to, Kind.ITEM: Item.objects.visible_to,
             Kind.ENTRY: ReportEntry.objects.visible_to, Kind.MEASURE: Measure.objects.visible_to}
MATCHES = 20_000  # the most matches ranked for one query
CHUNK = 400  # matches checked against the user's rights in the first round (then twice as many)


def readable(user: AnyUser, rows: QuerySet[SearchEntry]) -> set[int]:
    """Which of the index ``rows`` the user may read: each kind asks its selector, about just the
    objects of these rows."""
    by_kind: dict[str, dict[int, int]] = {}
    for pk, kind, object_id in rows.values_list("pk", "kind", "object_id"):
        by_kind.setdefault(kind, {})[object_id] = pk
    out: set[int] = set()
    for kind, objects in by_kind.items():
        selector = SELECTORS.get(kind)
        if selector is not None:
            out.update(objects[o] for o in selector(user).filter(pk__in=list(objects)).values_list("pk", flat=True))
    return out


def _first_match(text: str, wanted: set[str]) -> tuple[int, int] | None:
    """Where the first word of ``text`` with a wanted key (its own or a compound part's) stands."""
    m = next((m for m in word_matches(text) if keys(m.group(0)) & wanted), None)
    return (m.start(), m.end()) if m else None


def snippet(text: str, wanted: set[str]) -> tuple[SafeString, int | None, int | None]:
    """A window of ``text`` around its first matching word, matching words in <mark>, and where
    that word stands in ``text``."""
    first = _first_match(text, wanted)
    start = max(0, (first[0] if first else 0) - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    window = text[start:start + SNIPPET]
    out: list[str] = []
    last = 0
    for m in word_matches(window):
        if keys(m.group(0)) & wanted:
            out.append(escape(window[last:m.start()]))
            out.append(f"<mark>{escape(m.group(0))}</mark>")
            last = m.end()
    out.append(escape(window[last:]))
    html = ("…" if start else "") + "".join(out).strip() + ("…" if start + SNIPPET < len(text) else "")
    at = first or (None, None)
    return mark_safe(" ".join(html.split())), at[0], at[1]  # noqa: S308 - every piece escaped


def _url(row: dict, start: int | None, end: int | None) -> str:
    """Where a hit stands: a document at its first matching word; the rest as indexed."""
    if row["kind"] == Kind.DOCUMENT and start is not None:
        return f"{reverse('search:source', args=[row['object_id']])}?fra={start}&til={end}#treff"
    return row["url"]


def search(user: AnyUser, q: str, *, year: int | None = None, issuer: str = "", recipient: str = "",
           main_goal: int | None = None, kind: str = "", status: str = "",
           limit: int = LIMIT) -> list[Hit]:
    wanted = terms(q) or terms(q, keep_stopwords=True)
    if not wanted:
        return []
    rows = SearchEntry.objects.all()
    if year:
        rows = rows.filter(year=year)
    if issuer:
        rows = rows.filter(issuers__contains=f" {issuer.upper()} ")
    if recipient:
        rows = rows.filter(recipients__contains=f" {recipient.upper()} ")
    if main_goal:
        rows = rows.filter(main_goal=main_goal)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    # the matches best first, kept where the filters hold and the user may read them, a chunk at a time
    ranked = backend().ranked(wanted, MATCHES)
    ids: list[int] = []
    at, size = 0, CHUNK
    while at < len(ranked) and len(ids) < limit:
        chunk = ranked[at:at + size]
        keep = readable(user, rows.filter(pk__in=chunk))
        ids.extend(pk for pk in chunk if pk in keep)
        at, size = at + size, size * 2  # a user who may read few of the matches: look further at once
    ids = ids[:limit]
    labels = dict(Kind.choices)
    hits = []
    for row, window, offset in _windows(ids, wanted):
        html, start, end = snippet(window, set(wanted))
        if offset:
            html = mark_safe("…" + html.lstrip("…"))  # noqa: S308 - built from escaped pieces
            start, end = (None, None) if start is None else (start + offset, (end or start) + offset)
        hits.append(Hit(row["kind"], row["object_id"], row["title"], html, _url(row, start, end),
                        labels.get(row["kind"], row["kind"])))
    return hits


class _Position(Func):
    """Where ``term`` first stands in a long text (``positions ->> term``), the term always read as a
    key: Django's key lookup reads a term of digits ("412", or a 20-digit number) as an array index,
    and a 20-digit one overflowed the database's integer (a 500)."""

    output_field = TextField()

    def __init__(self, term: str) -> None:
        super().__init__(F("positions"))
        self.term = term

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, function: str | None = None,
               template: str | None = None, arg_joiner: str | None = None,
               **extra_context: object) -> tuple[str, tuple[Any, ...]]:
        lhs, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"({lhs} ->> %s::text)", (*params, self.term)
        return f"JSON_EXTRACT({lhs}, %s)", (*params, "$." + json.dumps(self.term))


def _windows(ids: list[int], wanted: list[str]):
    """(row, the part of its text a snippet needs, where that part starts) for each hit, in order:
    a short text whole; a long one (a document) only around where the first wanted term first
    stands (kept in the index for long texts only), so a search never reads whole documents."""
    where = {f"p{n}": _Position(term) for n, term in enumerate(wanted)}
    rows: dict[int, dict[str, Any]] = {r["pk"]: dict(r) for r in SearchEntry.objects.filter(pk__in=ids).values(
        "pk", "kind", "object_id", "title", "url", **where)}
    starts: dict[int, int] = {}
    for pk, r in rows.items():
        found = [int(r[k]) for k in where if r[k] is not None]
        starts[pk] = max(0, min(found) - SNIPPET) if found else 0
    cut = Case(*[When(pk=pk, then=Substr("body", start + 1, 3 * SNIPPET)) for pk, start in starts.items() if start],
               default=Substr("body", 1, LONG + 3 * SNIPPET), output_field=TextField())
    texts = dict(SearchEntry.objects.filter(pk__in=ids).annotate(window=cut).values_list("pk", "window"))
    for pk in ids:
        yield rows[pk], texts[pk] or "", starts[pk]
