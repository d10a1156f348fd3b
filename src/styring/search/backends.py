"""Full-text matching behind one interface: PostgreSQL's tsvector in production, SQLite's FTS5 in
the embedded default. Both get text already analysed by ``styring.language`` (stemmed, bokmål
and nynorsk folded to one key), so they only match whole terms: the same hits on either.

``ranked(terms, limit)`` gives the ids of the index rows that hold every term, best first; the
caller keeps those the user may read (asking ``visible_to`` about just these rows is far cheaper
than joining everything the user may read to the index)."""
from __future__ import annotations

from django.db import connection


class PostgresBackend:
    def ranked(self, terms: list[str], limit: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE vector @@ plainto_tsquery('simple', %s) "
                "ORDER BY ts_rank(vector, plainto_tsquery('simple', %s)) DESC, id LIMIT %s",
                [" ".join(terms), " ".join(terms), limit])
            return [row[0] for row in cursor.fetchall()]


class SqliteBackend:
    @staticmethod
    def expression(terms: list[str]) -> str:
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)  # every term, each a phrase of one

    def ranked(self, terms: list[str], limit: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank, rowid LIMIT %s",
                           [self.expression(terms), limit])
            return [row[0] for row in cursor.fetchall()]


def backend() -> PostgresBackend | SqliteBackend:
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
