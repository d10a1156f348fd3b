"""The full-text part of the index, per database: PostgreSQL's generated tsvector with a GIN
index; SQLite's FTS5 table over the analysed terms, kept in step by triggers."""
from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING GIN (vector)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS search_searchentry_vector", "ALTER TABLE search_searchentry DROP COLUMN vector"]

SQLITE_FORWARD = [
    # the terms are already analysed (stemmed, folded): the tokenizer only splits them, keeping å, æ, ø
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS search_fts_insert", "DROP TRIGGER IF EXISTS search_fts_delete",
                   "DROP TRIGGER IF EXISTS search_fts_update", "DROP TABLE IF EXISTS search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(_run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
                             _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD})),
    ]
