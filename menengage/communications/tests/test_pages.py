"""Public pages in every language, the footer form, the API and the archive's query count."""

import pytest
from django.urls import reverse
from django.utils import translation

from .. import services
from .conftest import TEXTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_subscribe_page_in_every_language(client, language):
    with translation.override(language):
        path = reverse("communications:subscribe")
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["form"].initial["languages"] == [language]
    assert 'id="newsletter-email"' in response.content.decode()  # the footer form too


def test_archive_queries_do_not_grow_with_rows(
    signed_in, coordinator, kenya, people, django_assert_max_num_queries
):
    for _number in range(5):
        announcement = services.announcement_create(
            actor=coordinator, original_language="en", texts=TEXTS, audience={"network": kenya}
        )
        services.announcement_send(announcement=announcement, actor=coordinator)
    client = signed_in(people["kenya_fr"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("communications:archive"))
    assert len(response.context["page"].object_list) == 5


def test_api_lists_the_members_archive_only(client, signed_in, coordinator, kenya, people):
    announcement = services.announcement_create(
        actor=coordinator, original_language="en", texts=TEXTS, audience={"network": kenya}
    )
    services.announcement_send(announcement=announcement, actor=coordinator)
    assert client.get("/api/v1/announcements").json()["count"] == 0
    member = signed_in(people["kenya_es"]).get("/api/v1/announcements").json()
    assert member["count"] == 1 and member["items"][0]["subject"] == "Assembly next month"
    topics = client.get("/api/v1/newsletter/topics").json()
    assert [topic["code"] for topic in topics] == ["news", "events", "resources", "declarations"]
