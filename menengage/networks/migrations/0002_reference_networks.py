"""The Alliance, its regional networks and their country networks, as reference data."""

import csv
from pathlib import Path

from django.db import migrations

TABLE = Path(__file__).resolve().parent.parent / "data" / "networks.csv"


def load_networks(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    by_slug = {}
    with TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            network, _created = Network.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "kind": row["kind"],
                    "parent": by_slug.get(row["parent"]),
                    "country_id": row["country"] or None,
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "name_fr": row["name_fr"],
                    "name_pt": row["name_pt"],
                    "is_forming": row["forming"] == "yes",
                },
            )
            by_slug[network.slug] = network


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial"), ("core", "0002_countries_and_cache")]

    operations = [migrations.RunPython(load_networks, migrations.RunPython.noop)]
