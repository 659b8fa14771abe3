"""Wagtail locales for Arabic and Swahili, the fifth and sixth site languages."""

from django.db import migrations

LANGUAGES = ["ar", "sw"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("content", "0003_text_length_limits")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
