import pytest

from menengage.core.audit import audit_record
from menengage.core.models import AuditEvent, Country


@pytest.mark.django_db
def test_audit_record_keeps_actor_verb_target_and_changes(staff):
    kenya = Country.objects.get(code="KE")
    event = audit_record(
        actor=staff, verb="country.look", target=kenya, before={"a": 1}, after={"a": 2}
    )
    event.refresh_from_db()
    assert (event.actor, event.verb, event.target_type, event.target_id) == (
        staff,
        "country.look",
        "core.country",
        "KE",
    )
    assert (event.before, event.after) == ({"a": 1}, {"a": 2})


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted(staff):
    event = audit_record(actor=staff, verb="x.y", target=staff)
    event.verb = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "x.y"


@pytest.mark.django_db
def test_staff_read_the_trail_in_the_admin_but_cannot_edit_it(client, staff, outsider):
    event = audit_record(actor=staff, verb="x.y", target=staff)
    client.force_login(staff)
    assert client.get("/django-admin/core/auditevent/").status_code == 200
    response = client.post(f"/django-admin/core/auditevent/{event.pk}/change/", {"verb": "no"})
    assert response.status_code == 403
    assert client.get("/django-admin/core/auditevent/add/").status_code == 403
    client.force_login(outsider)
    assert client.get("/django-admin/core/auditevent/").status_code == 302
