import pytest

from menengage.core.demodata import Demo

from .. import demo
from ..models import Activity, Consultation, WorkingGroup


@pytest.mark.django_db
def test_demo_loader_makes_activities_reach_consultations_and_groups(staff, orgs, client):
    loader = Demo(scale=1)
    loader.staff = staff
    demo.load(loader)
    assert Activity.objects.count() == 300
    assert WorkingGroup.objects.count() == 5
    for activity in Activity.objects.prefetch_related("reach")[:50]:
        assert activity.people_reached == sum(row.count for row in activity.reach.all())
        assert activity.countries.exists()
    new = Activity.objects.filter(is_new_programme=True)
    assert new.exists()
    assert Consultation.objects.values("activity").distinct().count() == new.count()
    assert set(Activity.objects.values_list("language", flat=True)) >= {"en", "pt"}
    assert client.get("/en/activities/map/").status_code == 200
