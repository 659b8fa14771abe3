"""Staff create events in the admin, and every save is an audit event."""

import pytest

from menengage.core.models import AuditEvent
from menengage.events.models import Event


@pytest.mark.django_db
def test_staff_create_an_event_in_the_admin_and_it_is_audited(client, staff, kenya):
    client.force_login(staff)
    assert client.get("/django-admin/events/event/add/").status_code == 200
    response = client.post(
        "/django-admin/events/event/add/",
        {
            "slug": "regional-meeting-nairobi",
            "language": "en",
            "title_en": "Regional meeting in Nairobi",
            "title_fr": "Réunion régionale à Nairobi",
            "kind": Event.Kind.REGIONAL_MEETING,
            "mode": Event.Mode.IN_PERSON,
            "venue": "Community hall",
            "starts_at_0": "2027-03-01",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2027-03-02",
            "ends_at_1": "17:00:00",
            "time_zone": "Africa/Nairobi",
            "audience": Event.Audience.PUBLIC,
            "network": kenya.pk,
            "registration_open": "on",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="regional-meeting-nairobi")
    audit = AuditEvent.objects.get(verb="event.create", target_id=str(event.pk))
    assert audit.actor == staff and audit.after["title"] == {
        "en": "Regional meeting in Nairobi",
        "fr": "Réunion régionale à Nairobi",
    }
    assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_event_ending_before_it_starts_is_refused_and_not_saved(client, staff, kenya):
    client.force_login(staff)
    response = client.post(
        "/django-admin/events/event/add/",
        {
            "slug": "backwards",
            "title_en": "Backwards",
            "kind": Event.Kind.WEBINAR,
            "mode": Event.Mode.ONLINE,
            "starts_at_0": "2027-03-02",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2027-03-01",
            "ends_at_1": "09:00:00",
            "time_zone": "Africa/Nairobi",
            "audience": Event.Audience.PUBLIC,
        },
    )
    assert response.status_code == 200
    assert not Event.objects.filter(slug="backwards").exists()
