"""Staff set up a body, its seats and its targets in the admin; every row is audited."""

import pytest

from menengage.core.models import AuditEvent
from menengage.governance.models import Body, Seat


def inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


@pytest.mark.django_db
def test_staff_set_up_a_body_with_seats_and_a_target(client, staff, kenya):
    client.force_login(staff)
    assert client.get("/django-admin/governance/body/add/").status_code == 200
    response = client.post(
        "/django-admin/governance/body/add/",
        {
            "network": kenya.pk,
            "kind": Body.Kind.STEERING_COMMITTEE,
            "name_en": "Kenya steering committee",
            "slug": "kenya-steering-committee",
            "vote_threshold_numerator": "2",
            "vote_threshold_denominator": "3",
            "electorate": Body._meta.get_field("electorate").default,
            **inline("seats", [{"constituency": Seat.Constituency.WOMENS_RIGHTS}] * 2),
            **inline("targets", [{"constituency": "youth", "minimum_percent": "20"}]),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    body = Body.objects.get(slug="kenya-steering-committee")
    assert body.seats.count() == 2 and body.targets.get().minimum_percent == 20
    verbs = list(AuditEvent.objects.filter(actor=staff).values_list("verb", flat=True))
    expected = ["body.create", "constituencytarget.create", "seat.create", "seat.create"]
    assert sorted(verbs) == expected
