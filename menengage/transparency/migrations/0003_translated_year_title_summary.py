"""A financial year's title and summary become translated fields (`core.translation`): the
`title_en/_es/_fr/_pt` and `summary_*` columns are copied into one JSON value each, keyed by
language, and dropped. Annual reports take their language from settings."""

from django.db import migrations, models

import menengage.core.translation
from menengage.core.translation import copy_language_columns

# The languages the old columns were kept in: a fact of this migration, not of settings.
OLD_CODES = ("en", "es", "fr", "pt")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_translated_names"),
        ("transparency", "0002_text_length_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="financialyear",
            name="title",
            field=menengage.core.translation.TranslatedField(
                blank=True, max_length=200, verbose_name="title"
            ),
        ),
        migrations.AddField(
            model_name="financialyear",
            name="summary",
            field=menengage.core.translation.TranslatedField(
                blank=True, max_length=10000, verbose_name="summary"
            ),
        ),
        copy_language_columns("financialyear", "title", OLD_CODES, app_label="transparency"),
        copy_language_columns("financialyear", "summary", OLD_CODES, app_label="transparency"),
        *(
            migrations.RemoveField(model_name="financialyear", name=f"{field}_{code}")
            for field in ("title", "summary")
            for code in OLD_CODES
        ),
        migrations.AlterField(
            model_name="annualreport",
            name="language",
            field=models.CharField(
                choices=menengage.core.translation.language_choices,
                default="en",
                max_length=8,
                verbose_name="language",
            ),
        ),
    ]
