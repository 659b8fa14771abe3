"""Registration: places, the waiting list and its promotion, approvals, and concurrency."""

import threading

import pytest
from django.core import mail
from django.db import connection

from menengage.core.errors import DomainError, NotPermitted
from menengage.core.models import AuditEvent
from menengage.events import services
from menengage.events.models import Event, Registration
from menengage.testing.concurrency import concurrent_writers


def register(event, email, actor=None, **extra):
    return services.registration_create(
        event=event, actor=actor, name=email.split("@")[0].title(), email=email, **extra
    )


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list_then_a_cancellation_promotes_the_first_waiting(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, second = register(event, "a@example.org"), register(event, "b@example.org")
        third, fourth = register(event, "c@example.org"), register(event, "d@example.org")
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert "/en/events/confirm/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.registration_cancel(registration=second, actor=None)
    assert promoted.pk == third.pk
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waitlisted")
    assert [message.to for message in mail.outbox] == [["c@example.org"]]
    assert "place has opened" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(verb="registration.promote").count() == 1


@pytest.mark.django_db
def test_cancelling_a_waiting_place_promotes_nobody(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    waiting = register(event, "c@example.org")
    register(event, "d@example.org")
    _cancelled, promoted = services.registration_cancel(registration=waiting, actor=None)
    assert promoted is None
    with pytest.raises(DomainError):
        services.registration_cancel(registration=waiting, actor=None)


@pytest.mark.django_db
def test_the_same_address_registers_once(event):
    register(event, "a@example.org")
    with pytest.raises(DomainError):
        register(event, "A@example.org")
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_members_only_events_refuse_outsiders_and_take_members(
    make_event, outsider, organisation, represent
):
    event = make_event("assembly", audience=Event.Audience.MEMBERS)
    with pytest.raises(NotPermitted):
        register(event, outsider.email, actor=outsider)
    with pytest.raises(NotPermitted):
        register(event, "anonymous@example.org")
    assert not Registration.objects.exists()
    represent(outsider, organisation)
    assert register(event, outsider.email, actor=outsider).status == "confirmed"


@pytest.mark.django_db
def test_delegations_need_approval_and_only_organisers_decide(
    make_event, organiser, outsider, django_capture_on_commit_callbacks
):
    event = make_event("csw", kind=Event.Kind.UN_DELEGATION, requires_approval=True, capacity=1)
    event.organisers.add(organiser)
    first, second = register(event, "a@example.org"), register(event, "b@example.org")
    assert (first.status, second.status) == ("pending", "pending")
    with pytest.raises(NotPermitted):
        services.registration_decide(registration=first, actor=outsider, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_decide(
            registration=first, actor=organiser, approve=True
        ).status == ("confirmed")
        assert services.registration_decide(
            registration=second, actor=organiser, approve=True
        ).status == ("waitlisted")
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_check_in_and_certificates_after_the_event(
    make_event, organiser, outsider, django_capture_on_commit_callbacks
):
    event = make_event("done")
    event.organisers.add(organiser)
    came, absent = register(event, "a@example.org"), register(event, "b@example.org")
    with pytest.raises(NotPermitted):
        services.registration_check_in(registration=came, actor=outsider)
    services.registration_check_in(registration=came, actor=organiser)
    with pytest.raises(DomainError):
        services.certificates_issue(event=event, actor=organiser)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at.replace(year=2020), ends_at=event.ends_at.replace(year=2020)
    )
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.certificates_issue(event=event, actor=organiser)
    assert [r.pk for r in issued] == [came.pk]
    absent.refresh_from_db()
    assert absent.certificate_issued_at is None
    assert "/en/events/certificate/" in mail.outbox[-1].body


@concurrent_writers
def test_parallel_registrations_never_oversell(make_event):
    event = make_event("rush", capacity=5)
    barrier = threading.Barrier(12)
    errors = []

    def attempt(number):
        try:
            barrier.wait()
            register(event, f"person{number}@example.org")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waitlisted") == 7
