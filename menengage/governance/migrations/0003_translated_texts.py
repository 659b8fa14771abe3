"""Bodies and proposals are written in several languages (`core.translation`): a body's name
and description and a proposal's title and text become translated fields, their text kept as
English (what they were written in until now), and proposals record their original language."""

from django.db import migrations, models

import menengage.core.translation
from menengage.core.translation import copy_language_columns, remove_language_column


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_translated_names"),
        ("governance", "0002_text_length_limits"),
    ]

    operations = [
        migrations.RenameField(model_name="body", old_name="name", new_name="name_en"),
        migrations.RenameField(
            model_name="body", old_name="description", new_name="description_en"
        ),
        migrations.RenameField(model_name="proposal", old_name="title", new_name="title_en"),
        migrations.RenameField(model_name="proposal", old_name="text", new_name="text_en"),
        migrations.AddField(
            model_name="body",
            name="name",
            field=menengage.core.translation.TranslatedField(max_length=200, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="body",
            name="description",
            field=menengage.core.translation.TranslatedField(
                blank=True, max_length=10000, verbose_name="description"
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="language",
            field=models.CharField(
                choices=menengage.core.translation.language_choices,
                default="en",
                help_text="The language the proposal was written in.",
                max_length=8,
                verbose_name="original language",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="title",
            field=menengage.core.translation.TranslatedField(
                max_length=200, original="language", verbose_name="title"
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="text",
            field=menengage.core.translation.TranslatedField(
                max_length=200000, original="language", verbose_name="text"
            ),
        ),
        copy_language_columns("body", "name", ("en",), app_label="governance"),
        copy_language_columns("body", "description", ("en",), app_label="governance"),
        copy_language_columns("proposal", "title", ("en",), app_label="governance"),
        copy_language_columns("proposal", "text", ("en",), app_label="governance"),
        remove_language_column('body', 'name_en'),
        remove_language_column('body', 'description_en'),
        remove_language_column('proposal', 'title_en'),
        remove_language_column('proposal', 'text_en'),
    ]
