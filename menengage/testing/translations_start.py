"""The database as it was just before the translation migrations (`<field>_en/_es/_fr/_pt`
columns replaced by one translated field), where the translation migrations test starts.

It is reached forwards, as production's database was: from an empty database, every migration
except the translation migrations and what depends on them. The test databases are built through
it (menengage.testing.database): their build migrates to here, keeps a copy, then migrates the
rest, so the test's starting point costs a file copy (SQLite) or a template (PostgreSQL). Before,
the test migrated a finished database back, and Django re-rendered most of the project's models
for each migration it unapplied: 75 s on SQLite and up to 200 s on PostgreSQL in a clean clone.

`python -m menengage.testing.translations_start` migrates the database of DATABASE_URL there.
"""

# Each app's last migration before its translation migration. Read without Django set up (the
# test databases' key hashes this file: menengage.testing.database.schema_key).
BEFORE = (
    ("networks", "0003_text_length_limits"),
    ("declarations", "0002_text_length_limits"),
    ("activities", "0002_text_length_limits"),
    ("core", "0008_merge_attempts_outbox"),
    ("events", "0002_text_length_limits"),
    ("members", "0005_text_length_limits"),
    ("communications", "0001_announcements_newsletter_digests"),
    ("governance", "0002_text_length_limits"),
    ("library", "0006_resource_facets_index"),
    ("transparency", "0002_text_length_limits"),
)


def later(graph):
    """The migrations that come after BEFORE: each app's next ones and all that depend on them,
    as Django would unapply them to migrate back to BEFORE."""
    keys = set()
    for app, before in BEFORE:
        for child in graph.node_map[(app, before)].children:
            if child.key[0] == app:
                keys.update(graph.backwards_plan(child.key))
    return keys


def migrate(connection):
    """Migrate `connection`'s database forwards to just before the translation migrations: every
    migration not in `later`, in the order Django applies them from an empty database."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    skipped = later(graph)
    plan = [
        (migration, False)
        for migration, _backwards in executor.migration_plan(graph.leaf_nodes())
        if (migration.app_label, migration.name) not in skipped
    ]
    executor.migrate(None, plan=plan)


if __name__ == "__main__":
    import django

    django.setup()
    from django.db import connection

    migrate(connection)
