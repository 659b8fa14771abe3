import datetime

import pytest

from .. import services
from .conftest import record, terms


@pytest.mark.django_db
def test_activity_list_and_detail(client, activity, staff, orgs):
    record(
        staff,
        orgs["rio"],
        title={"en": "Rio research"},
        kind="research",
        mandates=terms("mandate", "crc"),
    )
    data = client.get("/api/v1/activities").json()
    assert data["count"] == 2
    by_title = {item["title"]: item for item in data["items"]}
    nairobi = by_title["Fathers' circles in Nairobi"]
    assert nairobi["people_reached"] == 55
    assert sum(row["count"] for row in nairobi["reach"]) == 55
    assert nairobi["lead"]["name"] == "Nairobi Fathers Forum"
    assert [term["code"] for term in nairobi["mandates"]] == ["cedaw"]
    only = client.get("/api/v1/activities?mandate=crc&country=BR").json()
    assert [item["title"] for item in only["items"]] == ["Rio research"]
    assert client.get("/api/v1/activities?kind=wrong").status_code == 422
    assert client.get("/api/v1/activities?limit=1&offset=1").json()["count"] == 2
    detail = client.get(f"/api/v1/activities/{activity.pk}").json()
    assert detail["titles"] == {"en": "Fathers' circles in Nairobi"}
    assert detail["consultations"] == []
    assert detail["outputs"] == []
    assert client.get("/api/v1/activities/999999").status_code == 404


@pytest.mark.django_db
def test_consultation_in_the_api(client, representative, orgs):
    activity = record(
        representative,
        orgs["nairobi"],
        is_new_programme=True,
        consultation={
            "organisations": [orgs["womens"]],
            "consulted_on": datetime.date(2024, 1, 2),
            "method": "survey",
            "what_changed": "More evening sessions.",
        },
    )
    detail = client.get(f"/api/v1/activities/{activity.pk}").json()
    assert detail["consultations"][0]["organisations"][0]["name"] == "Kenya Women's Voice"
    assert detail["consultations"][0]["method"] == "survey"


@pytest.mark.django_db
def test_working_groups(client, staff, representative, activity, orgs):
    group = services.working_group_create(
        actor=staff,
        slug="care",
        name={"en": "Care and fatherhood", "es": "Cuidados"},
        convener_people=[representative],
        members=[orgs["nairobi"], orgs["rio"]],
    )
    services.activity_update(activity=activity, actor=representative, working_group=group)
    data = client.get("/api/v1/working-groups").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["activity_count"] == 1
    assert item["convener_people"] == [{"name": "Otieno Rep"}]
    assert "email" not in str(item)
    assert item["member_count"] == 2 and "members" not in item
    one = client.get("/api/v1/working-groups/care", headers={"accept-language": "es"}).json()
    assert one["slug"] == "care" and len(one["members"]) == 2 and one["member_count"] == 2
    assert client.get("/api/v1/working-groups/none").status_code == 404
    filtered = client.get("/api/v1/activities?working_group=care").json()
    assert [item["id"] for item in filtered["items"]] == [activity.pk]
