"""Announcements: who may write to whom, who receives them in which language, the archive."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import AuditEvent, OutgoingMail

from .. import services
from ..models import Announcement
from ..selectors import announcement_archive, announcement_recipients
from ..tasks import announcement_deliver
from .conftest import TEXTS

pytestmark = pytest.mark.django_db

KIND = "communications.announcement"


def write(actor, **audience):
    return services.announcement_create(
        actor=actor, original_language="en", texts=TEXTS, audience=audience
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block queues on commit (the delivery task), as a committed request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def send(committed):
    def send(announcement, actor):
        with committed():
            return services.announcement_send(announcement=announcement, actor=actor)

    return send


def recipients(announcement):
    return set(announcement_recipients(announcement).values_list("email", flat=True))


def form_data(**audience):
    data = {"original_language": "en", "roles": ["representatives", "individuals"]}
    data["membership_statuses"] = ["active"]
    for code, (subject, text) in TEXTS.items():
        data[f"subject_{code}"], data[f"text_{code}"] = subject, text
    data.update({name: value.pk for name, value in audience.items()})
    return data


# Attackers first.


def test_coordinator_cannot_write_to_another_network(coordinator, brazil):
    with pytest.raises(NotPermitted):
        write(coordinator, network=brazil)
    assert not Announcement.objects.exists()


def test_coordinator_cannot_write_to_the_whole_alliance(coordinator):
    with pytest.raises(NotPermitted):
        write(coordinator)
    assert not Announcement.objects.exists()


def test_ended_coordinator_cannot_write(ended_coordinator, kenya):
    with pytest.raises(NotPermitted):
        write(ended_coordinator, network=kenya)


def test_member_of_a_body_who_is_not_chair_cannot_write_to_it(committee):
    with pytest.raises(NotPermitted):
        write(committee.people[1], governing_body=committee)


def test_view_refuses_another_networks_audience(signed_in, coordinator, brazil):
    client = signed_in(coordinator)
    response = client.post(reverse("communications:create"), form_data(network=brazil))
    assert response.status_code == 200  # the form again: Brazil is not among the choices
    assert not Announcement.objects.exists()


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("archive", "create"):
        response = client.get(reverse(f"communications:{name}"))
        assert response.status_code == 302
        assert "/accounts/" in response["Location"]


def test_outsider_cannot_open_the_form(signed_in, outsider):
    assert signed_in(outsider).get(reverse("communications:create")).status_code == 403


def test_outsider_cannot_read_or_send_an_announcement(signed_in, outsider, staff, kenya, people):
    announcement = write(staff, network=kenya)
    client = signed_in(outsider)
    assert client.get(announcement.get_absolute_url()).status_code == 404
    assert client.post(reverse("communications:send", args=[announcement.pk])).status_code == 404
    announcement.refresh_from_db()
    assert announcement.status == "draft"


def test_coordinator_of_brazil_cannot_send_kenyas_draft(signed_in, coordinator, kenya, people):
    announcement = write(coordinator, network=kenya)
    client = signed_in(people["brazil_coordinator"])
    with pytest.raises(NotPermitted):
        services.announcement_send(announcement=announcement, actor=people["brazil_coordinator"])
    assert client.post(reverse("communications:send", args=[announcement.pk])).status_code == 404
    assert not OutgoingMail.objects.filter(kind=KIND).exists()


def test_brazil_members_do_not_see_kenyas_announcements(signed_in, coordinator, kenya, people):
    announcement = services.announcement_send(
        announcement=write(coordinator, network=kenya), actor=coordinator
    )
    client = signed_in(people["brazil"])
    assert client.get(announcement.get_absolute_url()).status_code == 404
    assert announcement not in announcement_archive(actor=people["brazil"])


# Audience selection.


def test_network_reaches_its_active_representatives_only(coordinator, kenya, people):
    announcement = write(coordinator, network=kenya)
    assert recipients(announcement) == {"kenya.fr@example.org", "kenya.es@example.org"}


def test_membership_status_widens_the_audience(coordinator, kenya, people):
    announcement = write(coordinator, network=kenya, membership_statuses=["active", "lapsed"])
    assert "lapsed@example.org" in recipients(announcement)
    assert "brazil@example.org" not in recipients(announcement)


def test_region_includes_its_country_networks(staff, africa, people):
    assert recipients(write(staff, network=africa)) == {
        "kenya.fr@example.org",
        "kenya.es@example.org",
    }


def test_role_coordinators(staff, brazil, people):
    announcement = write(staff, network=brazil, roles=["coordinators"])
    assert recipients(announcement) == {"brazil.coord@example.org"}


def test_whole_alliance_from_staff(staff, people):
    assert recipients(write(staff)) >= {"kenya.fr@example.org", "brazil@example.org"}


def test_chair_writes_to_their_body(committee):
    announcement = write(committee.people[0], governing_body=committee)
    assert recipients(announcement) == {"committee0@example.org", "committee1@example.org"}


def test_convener_writes_to_their_working_group(working_group, people):
    announcement = write(working_group.convener, working_group=working_group)
    assert recipients(announcement) == {"convener@example.org", "brazil@example.org"}


def test_regional_coordinator_writes_to_a_country_network(staff, africa, kenya, people):
    from .conftest import person

    regional = person("africa.coord@example.org", staff=staff, role="coordinator", scope=africa)
    assert write(regional, network=kenya).network == kenya


def test_both_audiences_at_once_are_refused(staff, kenya, committee):
    with pytest.raises(ValidationError):
        write(staff, network=kenya, governing_body=committee)


def test_original_language_must_be_written(staff, kenya):
    with pytest.raises(ValidationError):
        services.announcement_create(
            actor=staff,
            original_language="es",
            texts=TEXTS,
            audience={"network": kenya},
        )


def test_suppressed_address_is_left_out(coordinator, kenya, people, staff):
    services.suppression_add(email="Kenya.FR@example.org", reason="bounce", actor=staff)
    assert recipients(write(coordinator, network=kenya)) == {"kenya.es@example.org"}


# Sending.


def test_send_in_each_readers_language_or_the_original(coordinator, kenya, people, send):
    announcement = write(coordinator, network=kenya)
    send(announcement, coordinator)
    sent = {mail.to: mail for mail in OutgoingMail.objects.filter(kind=KIND)}
    assert sent["kenya.fr@example.org"].subject == "Assemblée le mois prochain"
    assert sent["kenya.fr@example.org"].language == "fr"
    assert "/fr/communications/announcements/" in sent["kenya.fr@example.org"].text_body
    assert sent["kenya.es@example.org"].subject == "Assembly next month"  # no Spanish: English
    assert sent["kenya.es@example.org"].html_body
    assert all(mail.status == "sent" for mail in sent.values())
    announcement.refresh_from_db()
    assert announcement.status == "sent" and announcement.recipient_count == 2
    assert AuditEvent.objects.filter(verb="announcement.send", actor=coordinator).exists()


def test_sending_twice_queues_nothing_new(coordinator, kenya, people, send):
    announcement = write(coordinator, network=kenya)
    send(announcement, coordinator)
    with pytest.raises(InvalidTransition):
        send(announcement, coordinator)
    announcement_deliver.call(announcement.pk)  # the worker runs it again, as after a crash
    assert OutgoingMail.objects.filter(kind=KIND).count() == 2


def test_resume_queues_only_the_missing(coordinator, kenya, people, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    announcement = write(coordinator, network=kenya)
    services.announcement_send(announcement=announcement, actor=coordinator)
    assert not OutgoingMail.objects.filter(kind=KIND).exists()  # the worker has not run
    # A worker that died after writing one message:
    from .. import notifications

    settings.MAIL_BATCH_SIZE = 1
    people_pks = sorted(p.pk for p in announcement_recipients(announcement))
    first = announcement_recipients(announcement).filter(pk=people_pks[0])
    from unittest import mock

    with mock.patch.object(notifications.selectors, "announcement_recipients", return_value=first):
        notifications.send_announcement(announcement)
    assert OutgoingMail.objects.filter(kind=KIND).count() == 1
    assert notifications.send_announcement(announcement) == 1
    assert notifications.send_announcement(announcement) == 0
    assert OutgoingMail.objects.filter(kind=KIND).count() == 2


def test_send_page_shows_the_count_before_sending(signed_in, coordinator, kenya, people, committed):
    announcement = write(coordinator, network=kenya)
    client = signed_in(coordinator)
    response = client.get(reverse("communications:send", args=[announcement.pk]))
    assert response.status_code == 200
    assert response.context["count"] == 2
    assert not OutgoingMail.objects.filter(kind=KIND).exists()
    with committed():
        response = client.post(reverse("communications:send", args=[announcement.pk]))
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(kind=KIND).count() == 2


def test_coordinator_writes_through_the_form(signed_in, coordinator, kenya, people):
    response = signed_in(coordinator).post(
        reverse("communications:create"), form_data(network=kenya)
    )
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert announcement.network == kenya and announcement.author == coordinator
    assert announcement.languages == ["en", "fr"]


# The archive.


def test_archive_for_members_with_search(signed_in, coordinator, kenya, people):
    first = services.announcement_send(
        announcement=write(coordinator, network=kenya), actor=coordinator
    )
    client = signed_in(people["kenya_fr"])
    response = client.get(reverse("communications:archive"), {"q": "nairobi"})
    assert list(response.context["page"].object_list) == [first]
    response = client.get(reverse("communications:archive"), {"q": "budget"})
    assert list(response.context["page"].object_list) == []
    response = client.get(first.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200


def test_ended_representative_does_not_see_the_archive(coordinator, kenya, people):
    services.announcement_send(announcement=write(coordinator, network=kenya), actor=coordinator)
    assert not announcement_archive(actor=people["kenya_ended"]).exists()
    assert announcement_archive(actor=people["kenya_es"]).count() == 1
