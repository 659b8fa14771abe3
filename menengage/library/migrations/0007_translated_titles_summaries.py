"""A resource's title and summary become translated fields (`core.translation`): the
`title_en/_es/_fr/_pt` and `summary_*` columns are copied into one JSON value each, keyed by
language, and dropped. The search index is then filled again from those values."""

from django.db import migrations, models

import menengage.core.translation
from menengage.core.translation import copy_language_columns
from menengage.library import search

# The languages the old columns were kept in: a fact of this migration, not of settings.
OLD_CODES = ("en", "es", "fr", "pt")


def reindex(apps, schema_editor):
    if apps.get_model("library", "Resource").objects.exists():
        search.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_translated_names"),
        ("library", "0006_resource_facets_index"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="resource", name="library_resource_has_title"),
        migrations.AddField(
            model_name="resource",
            name="title",
            field=menengage.core.translation.TranslatedField(
                max_length=300, original="language", verbose_name="title"
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="summary",
            field=menengage.core.translation.TranslatedField(
                blank=True, max_length=10000, original="language", verbose_name="summary"
            ),
        ),
        copy_language_columns("resource", "title", OLD_CODES, app_label="library"),
        copy_language_columns("resource", "summary", OLD_CODES, app_label="library"),
        *(
            migrations.RemoveField(model_name="resource", name=f"{field}_{code}")
            for field in ("title", "summary")
            for code in OLD_CODES
        ),
        migrations.AddConstraint(
            model_name="resource",
            constraint=models.CheckConstraint(
                condition=models.Q(("title", {}), _negated=True),
                name="library_resource_has_title",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="language",
            field=models.CharField(
                choices=menengage.core.translation.language_choices,
                default="en",
                max_length=8,
                verbose_name="original language",
            ),
        ),
        migrations.AlterField(
            model_name="resourcefile",
            name="language",
            field=models.CharField(
                choices=menengage.core.translation.language_choices,
                max_length=8,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
    ]
