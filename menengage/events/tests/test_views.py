"""Pages and API by persona: the public, outsiders, reviewers and organisers."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from menengage.events import services
from menengage.events.models import Event, Registration, Session, Submission


def register(event, email, **extra):
    return services.registration_create(
        event=event, actor=None, name=extra.pop("name", "Someone"), email=email, **extra
    )


@pytest.mark.django_db
def test_lists_filter_and_show_times_in_the_visitors_zone(client, make_event, kenya):
    make_event(
        "upcoming-webinar",
        starts_at=timezone.now().replace(year=2031, month=3, day=5, hour=12, minute=0),
    )
    make_event(
        "rio-2009",
        kind=Event.Kind.SYMPOSIUM,
        mode=Event.Mode.IN_PERSON,
        venue="Centre",
        starts_at=timezone.now().replace(year=2009, month=3, day=30),
    )
    page = client.get("/en/events/?tz=Asia/Kolkata").content.decode()
    assert "Upcoming Webinar" in page and "Rio 2009" not in page
    assert "5:30 p.m." in page and "Asia/Kolkata" in page
    # The choice is remembered in a cookie.
    assert "Asia/Kolkata" in client.get("/en/events/").content.decode()
    past = client.get("/en/events/?when=past&kind=symposium&year=2009").content.decode()
    assert "Rio 2009" in past
    assert "Rio 2009" not in client.get("/en/events/?when=past&kind=webinar").content.decode()
    assert client.get("/en/events/?year=abc").status_code == 200


@pytest.mark.django_db
def test_event_page_ics_and_feed(client, event, make_event):
    make_event("closed", audience=Event.Audience.MEMBERS)
    assert client.get(f"/en/events/{event.slug}/").status_code == 200
    assert client.get("/en/events/nothing/").status_code == 404
    ics = client.get(f"/en/events/{event.slug}/event.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY;LANGUAGE=en:Webinar" in ics.content
    feed = client.get("/en/events/feed.ics").content.decode()
    assert "SUMMARY;LANGUAGE=en:Webinar" in feed and "Closed" not in feed


@pytest.mark.django_db
def test_the_calendar_carries_every_language_the_event_is_written_in(client, make_event):
    event = make_event("caring", title={"en": "Caring dads", "fr": "Pères attentionnés"})
    ics = client.get(f"/fr/events/{event.slug}/event.ics").content.decode()
    assert "SUMMARY;LANGUAGE=fr:Pères attentionnés" in ics
    assert "X-MENENGAGE-SUMMARY;LANGUAGE=en:Caring dads" in ics
    spanish = client.get(f"/es/events/{event.slug}/event.ics").content.decode()
    assert "SUMMARY;LANGUAGE=en:Caring dads" in spanish


@pytest.mark.django_db
def test_registering_on_the_page_then_confirming_and_cancelling(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/events/{event.slug}/register/",
            {"name": "Ana", "email": "ana@example.org", "language": "en", "gender": ""},
        )
    registration = Registration.objects.get()
    assert response.url == f"/en/events/registration/{registration.key}/"
    assert client.post(f"/en/events/{event.slug}/register/", {"name": ""}).status_code == 400
    link = re.search(r"(/en/events/confirm/\S+/)", mail.outbox[0].body).group(1)
    client.post(link)
    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    assert client.get(f"/en/events/registration/{registration.key}/qr.svg").status_code == 200
    assert client.get("/en/events/confirm/forged/").status_code == 404
    client.post(f"/en/events/registration/{registration.key}/cancel/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.mark.django_db
def test_registration_list_and_export_for_organisers_only(
    client, signed_in, event, outsider, organiser, coordinator, staff
):
    register(event, "eve@example.org", name='=HYPERLINK("http://evil")', organisation="+1")
    for person, status in ((None, 302), (outsider, 404)):
        if person:
            signed_in(person)
        assert client.get(f"/en/events/{event.slug}/registrations/").status_code == status
        assert client.get(f"/en/events/{event.slug}/registrations.csv").status_code == status
    for person in (organiser, coordinator, staff):
        signed_in(person)
        assert client.get(f"/en/events/{event.slug}/registrations/").status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/en/events/{event.slug}/registrations.csv").content.decode())
        )
    )
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][2] == "'+1"


@pytest.mark.django_db
def test_check_in_from_the_qr_link_needs_an_organiser(
    client, signed_in, event, outsider, organiser
):
    registration = register(event, "a@example.org")
    token = services.registration_token(registration, services.CHECKIN_SALT)
    signed_in(outsider)
    assert b"Check in</button>" not in client.post(f"/en/events/check-in/{token}/").content
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    signed_in(organiser)
    assert b"Check in</button>" in client.get(f"/en/events/check-in/{token}/").content
    client.post(f"/en/events/check-in/{token}/")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


@pytest.mark.django_db
def test_certificate_download_by_signed_link(client, make_event, organiser):
    event = make_event("past", starts_at=timezone.now() - timedelta(days=3))
    event.organisers.add(organiser)
    Event.objects.filter(pk=event.pk).update(registration_open=True)
    registration = Registration.objects.create(
        event=event,
        name="Ana",
        email="a@example.org",
        status="confirmed",
        checked_in_at=timezone.now(),
    )
    token = services.registration_token(registration, services.CERTIFICATE_SALT)
    assert client.get(f"/en/events/certificate/{token}/").status_code == 404
    services.certificates_issue(event=event, actor=organiser)
    response = client.get(f"/en/events/certificate/{token}/")
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_review_screens_by_persona(client, signed_in, call, author, reviewer, outsider, organiser):
    first = services.submission_create(
        call=call, actor=author, track=call.tracks.first(), format="oral", title="One", abstract="A"
    )
    second = services.submission_create(
        call=call,
        actor=author,
        track=call.tracks.first(),
        format="poster",
        title="Two",
        abstract="B",
    )
    mine = services.review_assign(submission=first, reviewer=reviewer, actor=organiser)
    other_person = outsider
    call.reviewers.add(other_person)
    theirs = services.review_assign(submission=second, reviewer=other_person, actor=organiser)
    signed_in(reviewer)
    assert client.get(f"/en/events/reviews/{mine.pk}/").status_code == 200
    assert client.get(f"/en/events/reviews/{theirs.pk}/").status_code == 404
    assert client.get(f"/en/events/submissions/{second.pk}/").status_code == 404
    url = f"/en/events/{call.event.slug}/calls/{call.pk}/submissions/"
    assert client.get(url).status_code == 404
    page = client.get(call.get_absolute_url()).content.decode()
    assert "One" in page and "Two" not in page
    signed_in(organiser)
    assert client.get(url).status_code == 200
    assert client.get(f"/en/events/submissions/{second.pk}/").status_code == 200


@pytest.mark.django_db
def test_submitting_on_the_call_page_with_co_authors(client, signed_in, call, author):
    signed_in(author)
    data = {
        "track": call.tracks.first().pk,
        "format": "workshop",
        "title": "Caring dads",
        "abstract": "Workshop.",
        "organisation": "",
        "coauthors-TOTAL_FORMS": "3",
        "coauthors-INITIAL_FORMS": "0",
        "coauthors-0-name": "Ben",
        "coauthors-0-email": "ben@example.org",
    }
    assert client.post(call.get_absolute_url(), data).status_code == 302
    assert Submission.objects.get().coauthors.count() == 1


@pytest.mark.django_db
def test_programme_page_and_api(client, event, organiser, django_assert_max_num_queries):
    start = event.starts_at
    for number in range(3):
        Session.objects.create(
            event=event, title=f"Session {number}", starts_at=start, ends_at=start, speakers="A\nB"
        )
    assert "Session 2" in client.get(f"/en/events/{event.slug}/programme/").content.decode()
    with django_assert_max_num_queries(4):
        listing = client.get("/api/v1/events?kind=webinar").json()
    assert listing["items"][0]["slug"] == event.slug
    assert client.get(f"/api/v1/events/{event.slug}").json()["time_zone"] == "Africa/Nairobi"
    sessions = client.get(f"/api/v1/events/{event.slug}/sessions").json()["items"]
    assert sessions[0]["speakers"] == ["A", "B"]


@pytest.mark.django_db
def test_the_kept_programme_shows_a_session_added_edited_or_removed_at_once(
    client, event, organiser
):
    start = event.starts_at
    url = f"/en/events/{event.slug}/programme/"
    services.session_create(
        event=event, actor=organiser, starts_at=start, ends_at=start, title="Opening"
    )
    assert "Opening" in client.get(url).text
    assert "Opening" in client.get(url).text  # the second answer is the kept rendering
    services.session_create(
        event=event, actor=organiser, starts_at=start, ends_at=start, title="Closing"
    )
    assert "Closing" in client.get(url).text
    session = Session.objects.get(title__en="Opening")
    session.title = "Opening plenary"
    session.save()
    page = client.get(url).text
    assert "Opening plenary" in page
    session.delete()
    page = client.get(url).text
    assert "Opening plenary" not in page and "Closing" in page


@pytest.mark.django_db
def test_registrations_api_needs_the_organisers_token(client, event, organiser, outsider):
    register(event, "a@example.org")
    url = f"/api/v1/events/{event.slug}/registrations"
    assert client.get(url).status_code == 401
    _token, secret = services.api_token_create(actor=organiser)
    rows = client.get(url, headers={"Authorization": f"Bearer {secret}"}).json()["items"]
    assert [row["email"] for row in rows] == ["a@example.org"]
    assert client.get(url, headers={"Authorization": "Bearer mev_wrong"}).status_code == 401
    Event.objects.filter(pk=event.pk).update()
    other = services.ApiToken.objects.create(
        user=outsider, digest=services.ApiToken.digest_of("mev_x"), prefix="mev_x"
    )
    assert other and client.get(url, headers={"Authorization": "Bearer mev_x"}).status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "OrganiserToken" in schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_registrations_are_limited_per_client_in_the_visitors_language(
    client, event, monkeypatch, settings
):
    monkeypatch.setattr(services, "REGISTRATIONS_PER_HOUR", 2)
    event.capacity = None
    event.save()

    def register(number, address):
        return client.post(
            f"/pt/events/{event.slug}/register/",
            {"name": "Ana", "email": f"ana{number}@example.org", "language": "pt", "gender": ""},
            REMOTE_ADDR=address,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",  # from an untrusted peer: ignored
        )

    assert register(1, "203.0.113.5").status_code == 302
    assert register(2, "203.0.113.5").status_code == 302
    refused = register(3, "203.0.113.5")
    assert refused.status_code == 429
    assert '<html lang="pt">' in refused.content.decode()
    assert "Muitas inscrições a partir da sua conexão" in refused.content.decode()
    assert Registration.objects.count() == 2
    assert register(4, "203.0.113.6").status_code == 302


@pytest.mark.django_db
def test_an_organisers_new_api_token_is_shown_once_and_a_refresh_makes_no_other(
    client, event, organiser
):
    client.force_login(organiser)
    response = client.post("/en/events/organiser/")
    assert response.status_code == 302
    assert organiser.event_api_tokens.count() == 1
    shown = client.get("/en/events/organiser/")
    secret = shown.context["secret"]
    assert secret and secret in shown.content.decode()
    again = client.get("/en/events/organiser/")
    assert again.context["secret"] is None and secret not in again.content.decode()
    assert organiser.event_api_tokens.count() == 1
