"""Full-text matching behind one interface: PostgreSQL's tsvector in production, SQLite's FTS5 in
the embedded default. Both get text already analysed by ``styring.language`` (stemmed, bokmål
and nynorsk folded to one key), so they only match whole terms: the same hits on either."""
from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL


class PostgresBackend:
    def match(self, queryset: QuerySet, terms: list[str]) -> QuerySet:
        text = " ".join(terms)
        return (queryset
                .annotate(hit=RawSQL("search_searchentry.vector @@ plainto_tsquery('simple', %s)", [text],
                                     output_field=BooleanField()))
                .filter(hit=True)
                .annotate(score=RawSQL("ts_rank(search_searchentry.vector, plainto_tsquery('simple', %s))", [text],
                                       output_field=FloatField())))


class SqliteBackend:
    @staticmethod
    def _expression(terms: list[str]) -> str:
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)  # every term, as a phrase of one

    def match(self, queryset: QuerySet, terms: list[str]) -> QuerySet:
        expression = self._expression(terms)
        return (queryset
                .filter(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]))
                .annotate(score=RawSQL("(SELECT -rank FROM search_fts WHERE search_fts MATCH %s "
                                       "AND rowid = search_searchentry.id)", [expression], output_field=FloatField())))


def backend():
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
