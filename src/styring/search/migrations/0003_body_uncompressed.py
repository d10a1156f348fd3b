"""On PostgreSQL the body of a long index row (a whole document) is kept out of line but not
compressed, so the snippet's ``SUBSTRING`` reads only the chunks it needs instead of
decompressing the whole document for every hit. SQLite has no such setting."""
from django.db import migrations


def _storage(kind):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE search_searchentry ALTER COLUMN body SET STORAGE {kind}")
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_storage("EXTERNAL"), _storage("EXTENDED"))]
