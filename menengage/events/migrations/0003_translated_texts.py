"""Events and programme sessions keep their texts in translated fields (`core.translation`):
the English title column and the title_es/fr/pt and description_xx columns become one JSON
field each, with no text lost; events gain their original language (English until now)."""

from django.db import migrations, models

import menengage.core.translation
from menengage.core.translation import copy_language_columns, remove_language_column


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_translated_names"),
        ("events", "0002_text_length_limits"),
    ]

    operations = [
        migrations.RenameField(model_name="event", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="session", old_name="title", new_name="title_en"),
        migrations.AddField(
            model_name="event",
            name="language",
            field=models.CharField(
                choices=menengage.core.translation.language_choices,
                default="en",
                help_text="The language the title and description were first written in.",
                max_length=8,
                verbose_name="original language",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="title",
            field=menengage.core.translation.TranslatedField(
                default=dict, max_length=200, original="language", verbose_name="title"
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="description",
            field=menengage.core.translation.TranslatedField(
                blank=True, max_length=10000, original="language", verbose_name="description"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="title",
            field=menengage.core.translation.TranslatedField(max_length=250, verbose_name="title"),
        ),
        copy_language_columns("event", "title", ("en", "es", "fr", "pt"), app_label="events"),
        copy_language_columns(
            "event", "description", ("en", "es", "fr", "pt"), app_label="events"
        ),
        copy_language_columns("session", "title", ("en",), app_label="events"),
        remove_language_column('event', 'title_en'),
        remove_language_column('event', 'title_es'),
        remove_language_column('event', 'title_fr'),
        remove_language_column('event', 'title_pt'),
        remove_language_column('event', 'description_en'),
        remove_language_column('event', 'description_es'),
        remove_language_column('event', 'description_fr'),
        remove_language_column('event', 'description_pt'),
        remove_language_column('session', 'title_en'),
    ]
