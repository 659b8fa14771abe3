"""Load the offline country table and create the database cache table."""

import csv
from pathlib import Path

from django.core.management import call_command
from django.db import migrations

TABLE = Path(__file__).resolve().parent.parent / "data" / "countries.csv"


def load_countries(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    with TABLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Columns added to the table later are loaded by the migrations that add their fields.
    known = {field.name for field in Country._meta.fields}
    Country.objects.bulk_create(
        [
            Country(code=row.pop("iso2"), **{key: row[key] for key in row.keys() & known})
            for row in rows
        ],
        ignore_conflicts=True,
    )


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(load_countries, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
