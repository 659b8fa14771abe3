from django.db import migrations

from menengage.library import search


def create(apps, schema_editor):
    search.create_schema(schema_editor)


def drop(apps, schema_editor):
    search.drop_schema(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
