"""The GEM Scale (24 items, statements paraphrased by the Alliance) as reference data."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DATA = Path(__file__).resolve().parent.parent / "data" / "gem_scale.json"


def load_gem(apps, schema_editor):
    Instrument = apps.get_model("evidence", "Instrument")
    Subscale = apps.get_model("evidence", "Subscale")
    Item = apps.get_model("evidence", "Item")
    Band = apps.get_model("evidence", "Band")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    instrument = Instrument.objects.create(
        family=data["family"],
        version=data["version"],
        names=data["names"],
        descriptions=data["descriptions"],
        source=data["source"],
        answer_scale=data["answer_scale"],
        min_share=Decimal(data["min_share"]),
        status="published",
        published_at=timezone.now(),
    )
    subscales = {
        row["code"]: Subscale.objects.create(
            instrument=instrument, code=row["code"], names=row["names"], position=position
        )
        for position, row in enumerate(data["subscales"], 1)
    }
    Item.objects.bulk_create(
        Item(
            instrument=instrument,
            code=row["code"],
            position=position,
            subscale=subscales[row["subscale"]],
            reverse_scored=row["reverse_scored"],
            texts=row["texts"],
        )
        for position, row in enumerate(data["items"], 1)
    )
    Band.objects.bulk_create(
        Band(
            instrument=instrument,
            names=row["names"],
            min_score=Decimal(row["min_score"]),
            max_score=Decimal(row["max_score"]),
        )
        for row in data["bands"]
    )


def unload_gem(apps, schema_editor):
    apps.get_model("evidence", "Instrument").objects.filter(family="gem", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(load_gem, unload_gem)]
