"""Fill each country's map position from the lat and lng columns of the country table."""

import csv
from pathlib import Path

from django.db import migrations

TABLE = Path(__file__).resolve().parent.parent / "data" / "countries.csv"


def load_positions(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    positions = {}
    with TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # The table repeats a few codes; the first row is the one 0002 loaded.
            if row["lat"] and row["lng"]:
                positions.setdefault(row["iso2"], (float(row["lat"]), float(row["lng"])))
    countries = list(Country.objects.filter(code__in=positions))
    for country in countries:
        country.latitude, country.longitude = positions[country.code]
    Country.objects.bulk_update(countries, ["latitude", "longitude"])


def clear_positions(apps, schema_editor):
    apps.get_model("core", "Country").objects.update(latitude=None, longitude=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_country_position")]

    operations = [migrations.RunPython(load_positions, clear_positions)]
