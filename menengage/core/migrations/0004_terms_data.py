"""The shared vocabularies: themes, age groups, UN mandates and working languages."""

import csv
from pathlib import Path

from django.db import migrations

TABLE = Path(__file__).resolve().parent.parent / "data" / "terms.csv"


def load_terms(apps, schema_editor):
    Term = apps.get_model("core", "Term")
    with TABLE.open(encoding="utf-8") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            Term.objects.get_or_create(
                vocabulary=row.pop("vocabulary"),
                code=row.pop("code"),
                defaults={**row, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_term")]

    operations = [migrations.RunPython(load_terms, migrations.RunPython.noop)]
