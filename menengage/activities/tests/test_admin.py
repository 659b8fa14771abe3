import pytest

from menengage.core.models import AuditEvent

from ..models import WorkingGroup

ADMIN = "/django-admin/activities"


@pytest.mark.django_db
def test_staff_create_and_change_a_working_group_through_the_services(
    client, staff, representative, orgs
):
    client.force_login(staff)
    response = client.post(
        f"{ADMIN}/workinggroup/add/",
        {
            "slug": "care",
            "name_en": "Care",
            "convener_people": str(representative.pk),
            "convener_organisations": str(orgs["womens"].pk),
            "members": str(orgs["nairobi"].pk),
        },
    )
    assert response.status_code == 302
    group = WorkingGroup.objects.get()
    assert set(group.members.all()) == {orgs["nairobi"], orgs["womens"]}
    response = client.post(
        f"{ADMIN}/workinggroup/{group.pk}/change/",
        {
            "slug": "care",
            "name_en": "Care work",
            "convener_people": str(representative.pk),
            "convener_organisations": str(orgs["womens"].pk),
            "members": f"{orgs['nairobi'].pk},{orgs['rio'].pk}",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name["en"] == "Care work"
    assert group.members.count() == 3
    verbs = list(
        AuditEvent.objects.filter(target_type="activities.workinggroup").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == ["working_group.create", "working_group.update"]


@pytest.mark.django_db
def test_activities_are_read_only_in_the_admin(client, staff, activity):
    client.force_login(staff)
    assert client.get(f"{ADMIN}/activity/").status_code == 200
    assert client.get(f"{ADMIN}/activity/add/").status_code == 403
    client.post(f"{ADMIN}/activity/{activity.pk}/change/", {"status": "cancelled"})
    activity.refresh_from_db()
    assert activity.status == "ongoing"
