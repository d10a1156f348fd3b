"""One search over documents, items, report entries and measures: the query gets the same
Norwegian analysis as the index, each kind is limited to what ``styring.selectors`` lets the
user read, and each hit comes with a highlighted snippet and a link to where it stands."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from styring.language import stem, terms, word_matches
from styring.search.backends import backend
from styring.search.models import Kind, SearchEntry
from styring.selectors import visible_documents, visible_entries, visible_items, visible_measures

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


def visible(user):
    """Index rows of objects the user may read (each kind asks its selector)."""
    return SearchEntry.objects.filter(
        Q(kind=Kind.DOCUMENT, object_id__in=visible_documents(user).values("pk"))
        | Q(kind=Kind.ITEM, object_id__in=visible_items(user).values("pk"))
        | Q(kind=Kind.ENTRY, object_id__in=visible_entries(user).values("pk"))
        | Q(kind=Kind.MEASURE, object_id__in=visible_measures(user).values("pk"))
    )


def _first_match(text: str, wanted: set[str], positions: dict | None) -> tuple[int, int] | None:
    """Where the first word of ``text`` whose stem is wanted stands (``positions``: where each
    term first stands, kept in the index for long texts so they need not be read word by word)."""
    if positions:
        at = [positions[w] for w in wanted if w in positions]
        m = next(word_matches(text[min(at):min(at) + 100]), None) if at else None
        return (min(at), min(at) + len(m.group(0))) if m else None
    m = next((m for m in word_matches(text) if stem(m.group(0)) in wanted), None)
    return (m.start(), m.end()) if m else None


def snippet(text: str, wanted: set[str], positions: dict | None = None) -> tuple[SafeString, int | None, int | None]:
    """A window of ``text`` around its first matching word, matching words in <mark>, and where
    that word stands in ``text``."""
    first = _first_match(text, wanted, positions)
    start = max(0, (first[0] if first else 0) - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    window = text[start:start + SNIPPET]
    out: list[str] = []
    last = 0
    for m in word_matches(window):
        if stem(m.group(0)) in wanted:
            out.append(escape(window[last:m.start()]))
            out.append(f"<mark>{escape(m.group(0))}</mark>")
            last = m.end()
    out.append(escape(window[last:]))
    html = ("…" if start else "") + "".join(out).strip() + ("…" if start + SNIPPET < len(text) else "")
    at = first or (None, None)
    return mark_safe(" ".join(html.split())), at[0], at[1]  # noqa: S308 - every piece escaped


def _url(row: SearchEntry, start: int | None, end: int | None) -> str:
    """Where a hit stands: a document at its first matching word; the rest as indexed."""
    if row.kind == Kind.DOCUMENT and start is not None:
        return f"{reverse('search:source', args=[row.object_id])}?fra={start}&til={end}#treff"
    return row.url


def search(user, q: str, *, year=None, issuer="", recipient="", main_goal=None, kind="", status="",
           limit: int = LIMIT) -> list[Hit]:
    wanted = terms(q) or terms(q, keep_stopwords=True)
    if not wanted:
        return []
    rows = visible(user)
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
    ids = backend().ranked(rows, wanted, limit)
    found = SearchEntry.objects.defer("terms").in_bulk(ids)
    labels = dict(Kind.choices)
    hits = []
    for row in (found[pk] for pk in ids):
        html, start, end = snippet(row.body, set(wanted), row.positions)
        hits.append(Hit(row.kind, row.object_id, row.title, html, _url(row, start, end), labels.get(row.kind, row.kind)))
    return hits
