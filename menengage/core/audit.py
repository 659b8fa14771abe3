"""The audit trail: services call `audit_record` inside their transaction."""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from .models import AuditEvent
from .translation import Translation


def _plain(data):
    # Round-trip through Django's encoder so dates, decimals and UUIDs are stored as text.
    return None if data is None else json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def audit_record(*, actor, verb, target, before=None, after=None):
    """Record that `actor` did `verb` to `target`; `before`/`after` are dicts of changed fields."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=str(user) if user else "system",
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        before=_plain(before),
        after=_plain(after),
    )


def snapshot(instance, fields):
    """The values of `fields` on `instance`, for an audit event's before/after: related rows
    by their name, files by their path, decimals to their field's places."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, name)
        if field.is_relation:
            value = None if value is None else str(value)
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        elif isinstance(value, Translation):
            value = value.as_dict()
        elif isinstance(field, models.DecimalField) and isinstance(value, Decimal):
            value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
        values[name] = value
    return values


@transaction.atomic
def record_save(*, actor, record, changed=()):
    """Create or edit `record` from a staff admin form: the model's own rules, then the save
    and `<model>.create` or `<model>.update` with the (non many-to-many) fields that changed."""
    creating = record.pk is None
    record.full_clean()
    record.save()
    verb = f"{record._meta.model_name}.{'create' if creating else 'update'}"
    fields = [name for name in changed if not record._meta.get_field(name).many_to_many]
    audit_record(actor=actor, verb=verb, target=record, after=snapshot(record, fields))
    return record
