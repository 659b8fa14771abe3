"""The link to join an online event: only confirmed participants see it, wherever it shows."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from menengage.events import services
from menengage.events.models import Event, Registration

JOIN = "https://meet.example.org/menengage-webinar-7f3a"

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(event):
    event.join_url = JOIN
    event.save(update_fields=["join_url"])
    return event


def register(event, email, actor=None, **extra):
    return services.registration_create(
        event=event, actor=actor, name=extra.pop("name", "Someone"), email=email, **extra
    )


def confirmed(event, email="ana@example.org", actor=None):
    registration = register(event, email, actor=actor)
    services.registration_confirm_email(registration=registration, actor=None)
    registration.refresh_from_db()
    return registration


# Attackers first


def test_anonymous_visitor_sees_no_link_on_the_page_calendar_feed_or_api(client, online):
    assert JOIN not in client.get(f"/en/events/{online.slug}/").text
    assert JOIN.encode() not in client.get(f"/en/events/{online.slug}/event.ics").content
    assert JOIN.encode() not in client.get("/en/events/feed.ics").content
    assert JOIN not in client.get("/api/v1/events").text
    assert JOIN not in client.get(f"/api/v1/events/{online.slug}").text


def test_a_confirmed_participant_link_does_not_reach_the_public_calendar(client, online):
    confirmed(online)
    assert JOIN.encode() not in client.get(f"/en/events/{online.slug}/event.ics").content
    assert JOIN.encode() not in client.get("/en/events/feed.ics").content


def test_waiting_list_pending_and_cancelled_registrants_see_no_link(
    client, online, django_capture_on_commit_callbacks
):
    confirmed(online, "one@example.org")
    confirmed(online, "two@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(online, "waiting@example.org")
    assert waiting.status == Registration.Status.WAITLISTED
    services.registration_confirm_email(registration=waiting, actor=None)
    cancelled = Registration.objects.get(email="two@example.org")
    services.registration_cancel(registration=cancelled, actor=None)
    waiting.refresh_from_db()
    # The freed place went to the waiting list; make another one wait.
    with django_capture_on_commit_callbacks(execute=True):
        still_waiting = register(online, "later@example.org")
    assert still_waiting.status == Registration.Status.WAITLISTED

    for registration in (still_waiting, cancelled):
        page = client.get(f"/en/events/registration/{registration.key}/").text
        assert JOIN not in page
        calendar = client.get(f"/en/events/registration/{registration.key}/event.ics")
        assert calendar.status_code == 404
    later_mail = [m for m in mail.outbox if m.to == ["later@example.org"]]
    assert later_mail and JOIN not in later_mail[0].body


def test_a_place_not_yet_confirmed_by_e_mail_shows_no_link_on_the_page(
    client, online, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(online, "ana@example.org")
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert registration.status == Registration.Status.CONFIRMED
    assert JOIN not in client.get(f"/en/events/registration/{registration.key}/").text
    ics = client.get(f"/en/events/registration/{registration.key}/event.ics")
    assert JOIN.encode() not in ics.content
    # Nor by mail: the address may be mistyped or someone else's.
    assert all(JOIN not in message.body for message in mail.outbox)


def test_a_participant_of_another_event_sees_no_link(
    client, signed_in, online, make_event, outsider
):
    other = make_event("other-webinar", join_url="https://meet.example.org/other")
    confirmed(other, outsider.email, actor=outsider)
    signed_in(outsider)

    page = client.get(f"/en/events/{online.slug}/").text
    assert JOIN not in page
    assert "https://meet.example.org/other" in client.get(f"/en/events/{other.slug}/").text


def test_a_signed_in_cancelled_participant_sees_no_link(client, signed_in, online, outsider):
    registration = confirmed(online, outsider.email, actor=outsider)
    services.registration_cancel(registration=registration, actor=outsider)
    signed_in(outsider)
    assert JOIN not in client.get(f"/en/events/{online.slug}/").text


# The link itself


def test_the_link_must_be_https_and_only_for_events_held_online(make_event):
    event = make_event("meeting", join_url="javascript:alert(1)")
    with pytest.raises(ValidationError) as bad:
        event.full_clean()
    assert "join_url" in bad.value.message_dict
    event.join_url = "http://meet.example.org/plain"
    with pytest.raises(ValidationError):
        event.full_clean()
    event.join_url = "https://meet.example.org/x"
    event.mode, event.venue = Event.Mode.IN_PERSON, "Nairobi hall"
    with pytest.raises(ValidationError) as bad:
        event.full_clean()
    assert "join_url" in bad.value.message_dict


# Happy path


def test_a_confirmed_participant_sees_the_link_on_the_page_mail_and_calendar(
    client, signed_in, online, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(online, outsider.email, actor=outsider)
    assert registration.email_confirmed_at is not None  # an account's address
    message = next(m for m in mail.outbox if m.to == [outsider.email])
    assert JOIN in message.body
    assert f"/en/events/registration/{registration.key}/event.ics" in message.body

    own = client.get(f"/en/events/registration/{registration.key}/event.ics")
    assert own.status_code == 200
    text = own.content.decode()
    assert JOIN in text and "CONFERENCE" in text
    assert JOIN in client.get(f"/en/events/registration/{registration.key}/").text
    signed_in(outsider)
    assert JOIN in client.get(f"/en/events/{online.slug}/").text


def test_a_promoted_participant_gets_the_link_by_mail(online, django_capture_on_commit_callbacks):
    first = confirmed(online, "one@example.org")
    confirmed(online, "two@example.org")
    waiting = register(online, "waiting@example.org")
    services.registration_confirm_email(registration=waiting, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, actor=None)
    promoted = [m for m in mail.outbox if m.to == ["waiting@example.org"]]
    assert waiting.pk and promoted and JOIN in promoted[-1].body


# Members-only events


def test_members_only_event_says_so_before_the_form(client, signed_in, make_event, outsider):
    event = make_event("assembly", audience=Event.Audience.MEMBERS)

    page = client.get(f"/en/events/{event.slug}/").text
    assert "for members of the Alliance only" in page
    form = client.get(f"/en/events/{event.slug}/register/")
    assert form.status_code == 403
    assert "for members of the Alliance only" in form.text and 'name="gender"' not in form.text
    assert "/accounts/sign-in/" in form.text
    signed_in(outsider)
    refused = client.get(f"/en/events/{event.slug}/register/")
    assert refused.status_code == 403 and 'name="gender"' not in refused.text


def test_a_member_gets_the_form_for_a_members_only_event(
    client, signed_in, make_event, outsider, organisation, represent
):
    event = make_event("assembly", audience=Event.Audience.MEMBERS)
    signed_in(represent(outsider, organisation))
    page = client.get(f"/en/events/{event.slug}/")
    assert "for members of the Alliance only" in page.text
    form = client.get(f"/en/events/{event.slug}/register/")
    assert form.status_code == 200 and 'name="gender"' in form.text
