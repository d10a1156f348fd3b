"""Full-text matching behind one interface: PostgreSQL's tsvector in production, SQLite's FTS5 in
the embedded default. Both get text already analysed by ``styring.language`` (stemmed, bokmål
and nynorsk folded to one key), so they only match whole terms: the same hits on either.

``ranked(queryset, terms, limit)`` gives the ids of the rows of ``queryset`` (the index rows the
user may see, filtered) that hold every term, best first."""
from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL


class PostgresBackend:
    def ranked(self, queryset: QuerySet, terms: list[str], limit: int) -> list[int]:
        text = " ".join(terms)
        return list(
            queryset
            .annotate(hit=RawSQL("search_searchentry.vector @@ plainto_tsquery('simple', %s)", [text],
                                 output_field=BooleanField()))
            .filter(hit=True)
            .annotate(score=RawSQL("ts_rank(search_searchentry.vector, plainto_tsquery('simple', %s))", [text],
                                   output_field=FloatField()))
            .order_by("-score", "pk").values_list("pk", flat=True)[:limit]
        )


class SqliteBackend:
    @staticmethod
    def expression(terms: list[str]) -> str:
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)  # every term, each a phrase of one

    def ranked(self, queryset: QuerySet, terms: list[str], limit: int) -> list[int]:
        expression = self.expression(terms)
        return list(
            queryset
            .filter(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]))
            .annotate(score=RawSQL("(SELECT -rank FROM search_fts WHERE search_fts MATCH %s "
                                   "AND rowid = search_searchentry.id)", [expression], output_field=FloatField()))
            .order_by("-score", "pk").values_list("pk", flat=True)[:limit]
        )


def backend():
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
