import datetime

import pytest
from django.utils import timezone

from menengage.governance import services

pytestmark = pytest.mark.django_db


def test_bodies_list_and_detail_name_organisations_only(client, committee):
    listing = client.get("/api/v1/bodies").json()
    assert [body["slug"] for body in listing["items"]] == ["africa-steering-committee"]
    detail = client.get("/api/v1/bodies/africa-steering-committee").json()
    assert detail["quorum"] == 3 and len(detail["seat_list"]) == 5
    assert detail["seat_list"][0]["holder"]["organisation"] == "Invented Org 0"
    assert "@" not in str(detail) and "Member 0" not in str(detail)
    assert client.get("/api/v1/bodies/nothing").status_code == 404


def test_decisions_lists_published_only(client, committee, proposal, members):
    later = timezone.now() + datetime.timedelta(days=4)
    services.proposal_close(proposal=proposal, now=later)
    assert client.get("/api/v1/decisions").json()["count"] == 1
    committee.publishes_decisions = False
    committee.save()
    hidden = services.proposal_open(
        actor=members[0], body=committee, title="Hidden", text="T", closes_at=later
    )
    services.proposal_close(proposal=hidden, now=later + datetime.timedelta(days=1))
    items = client.get("/api/v1/decisions").json()["items"]
    assert [item["title"] for item in items] == ["Adopt the safeguarding policy"]
    assert items[0]["outcome"] == "no_consensus"


def test_the_lists_keep_their_query_count(client, committee, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/api/v1/bodies")
    with django_assert_max_num_queries(6):
        client.get("/api/v1/decisions")
