"""The description of a budget or spending line becomes a translated field: the text written
until now is kept as English (what the import and the admin took it in)."""

from django.db import migrations

import menengage.core.translation
from menengage.core.translation import copy_language_columns

LINES = ("budgetline", "expenditureline")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0003_translated_year_title_summary")]

    operations = [
        *(
            migrations.RenameField(
                model_name=model, old_name="description", new_name="description_en"
            )
            for model in LINES
        ),
        *(
            migrations.AddField(
                model_name=model,
                name="description",
                field=menengage.core.translation.TranslatedField(
                    blank=True, max_length=300, verbose_name="description"
                ),
            )
            for model in LINES
        ),
        *(
            copy_language_columns(model, "description", ("en",), app_label="transparency")
            for model in LINES
        ),
        *(migrations.RemoveField(model_name=model, name="description_en") for model in LINES),
    ]
