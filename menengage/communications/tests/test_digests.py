"""Digests: members choose how often; the command queues one per member and period."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from menengage.core.models import OutgoingMail

from .. import services
from ..models import DigestPreference
from .conftest import TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(coordinator, kenya, people, django_capture_on_commit_callbacks):
    """An announcement to Kenya's members, sent an hour ago."""
    announcement = services.announcement_create(
        actor=coordinator, original_language="en", texts=TEXTS, audience={"network": kenya}
    )
    services.announcement_send(announcement=announcement, actor=coordinator)
    announcement.__class__.objects.filter(pk=announcement.pk).update(
        sent_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return announcement


def choose(person, frequency):
    return services.digest_preference_set(user=person, frequency=frequency, actor=person)


def test_anonymous_cannot_choose_a_digest(client):
    response = client.get(reverse("communications:digest"))
    assert response.status_code == 302


def test_nobody_chooses_for_someone_else(people):
    from menengage.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.digest_preference_set(
            user=people["kenya_fr"], frequency="weekly", actor=people["kenya_es"]
        )
    assert not DigestPreference.objects.exists()


def test_member_chooses_on_the_page(signed_in, people):
    client = signed_in(people["kenya_fr"])
    response = client.post(reverse("communications:digest"), {"frequency": "immediate"})
    assert response.status_code == 302
    assert DigestPreference.objects.get(user=people["kenya_fr"]).frequency == "immediate"


def test_weekly_digest_once_per_week_in_the_members_language(news, people):
    choose(people["kenya_fr"], "weekly")
    choose(people["kenya_es"], "none")
    choose(people["brazil"], "weekly")  # nothing new for Brazil: no digest
    call_command("communications_digest", "--frequency", "weekly")
    digests = OutgoingMail.objects.filter(kind="communications.digest")
    assert [mail.to for mail in digests] == ["kenya.fr@example.org"]
    assert "Assemblée le mois prochain" in digests[0].text_body
    call_command("communications_digest", "--frequency", "weekly")
    assert OutgoingMail.objects.filter(kind="communications.digest").count() == 1


def test_immediate_digest_covers_only_what_is_new_since_the_last(news, people):
    choose(people["kenya_fr"], "immediate")
    now = timezone.now()
    assert services.digests_send(frequency="immediate", now=now) == 1
    later = now + datetime.timedelta(hours=2)
    assert services.digests_send(frequency="immediate", now=later) == 0
