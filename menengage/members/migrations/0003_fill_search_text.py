"""Fill the directory's search column for organisations written before it existed."""

from django.db import migrations

SEARCHED_FIELDS = ("name", "acronym", "city", "description")


def fill(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    batch = []
    for organisation in Organisation.objects.only("pk", *SEARCHED_FIELDS).iterator():
        organisation.search_text = "\n".join(
            getattr(organisation, field) or "" for field in SEARCHED_FIELDS
        ).lower()
        batch.append(organisation)
    Organisation.objects.bulk_update(batch, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_organisation_search_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
