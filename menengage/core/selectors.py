from .models import AuditEvent, Country


def country_list():
    return Country.objects.all()


def audit_event_list_for_target(*, target):
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
