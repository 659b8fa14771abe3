"""The search index no longer has a column per language: SQLite keeps one column for every
title and one for every summary, folded (Arabic included), and both databases read the
languages from settings. The index is filled again by 0007, once titles and summaries are
translated fields (the statements that fill it read those)."""

from django.db import migrations

from menengage.library import search

# The FTS5 tables as 0002 made them, for going back (empty: `library_reindex` with that code).
_OLD_COLUMNS = (
    "title_en, title_es, title_fr, title_pt, summary_en, summary_es, summary_fr, summary_pt, "
    "authors"
)
_OLD_SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({columns}, "
    "tokenize='porter unicode61 remove_diacritics 2')"
    for table, columns in (
        (search.FTS_TABLE, _OLD_COLUMNS + ", text"),
        (search.HEAD_TABLE, _OLD_COLUMNS),
    )
]


def recreate(apps, schema_editor):
    search.drop_schema(schema_editor)
    search.create_schema(schema_editor)


def restore(apps, schema_editor):
    search.drop_schema(schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        for statement in _OLD_SQLITE:
            schema_editor.execute(statement)
    else:
        search.create_schema(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0004_text_length_limits")]

    operations = [migrations.RunPython(recreate, restore, elidable=False)]
