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
        # FTS5 ranks (bm25) while it matches: one pass over the terms' postings, the user's rows as a filter
        sql, params = queryset.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({sql}) "
                "ORDER BY rank, rowid LIMIT %s",
                [self.expression(terms), *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def backend():
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
