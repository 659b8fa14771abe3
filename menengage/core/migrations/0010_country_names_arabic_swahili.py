"""Name every country in Arabic and Swahili, from the table data/country_names.csv.

The codes are written here, not read from settings: this migration adds these two languages,
whatever the site's languages are later.
"""

import csv
from pathlib import Path

from django.db import migrations

TABLE = Path(__file__).resolve().parent.parent / "data" / "country_names.csv"
LANGUAGES = ("ar", "sw")


def add_names(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    with TABLE.open(encoding="utf-8") as handle:
        names = {row["iso2"]: row for row in csv.DictReader(handle)}
    field = Country._meta.get_field("name")
    countries = list(Country.objects.filter(code__in=names))
    for country in countries:
        # The stored `{code: text}` (reading `country.name` gives a Translation, a str).
        texts = field.value_from_object(country)
        texts.update({code: names[country.code][code] for code in LANGUAGES})
        country.name = texts
    Country.objects.bulk_update(countries, ["name"], batch_size=500)


def remove_names(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    field = Country._meta.get_field("name")
    countries = list(Country.objects.all())
    for country in countries:
        texts = field.value_from_object(country)
        country.name = {code: text for code, text in texts.items() if code not in LANGUAGES}
    Country.objects.bulk_update(countries, ["name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_translated_names")]

    operations = [migrations.RunPython(add_names, remove_names)]
