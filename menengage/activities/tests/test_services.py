import datetime

import pytest
from django.core.exceptions import ValidationError

from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent, Country
from menengage.networks.models import Network

from .. import services
from ..models import Activity, Consultation, Reach
from .conftest import record

CONSULTATION = {
    "consulted_on": datetime.date(2024, 1, 15),
    "method": "workshop",
    "what_changed": "Sessions moved to evenings; a women's rights trainer co-facilitates.",
    "other_organisations": "Coast Women's Collective",
}


@pytest.mark.django_db
def test_representative_records_activity_with_people_reached(activity, representative):
    assert activity.lead.name == "Nairobi Fathers Forum"
    assert activity.people_reached == 55
    cells = {(row.age_band, row.gender): row.count for row in activity.reach.all()}
    assert cells == {("25-59", "men"): 40, ("25-59", "women"): 12, ("15-19", "non_binary"): 3}
    event = AuditEvent.objects.get(verb="activity.create")
    assert event.actor == representative
    assert event.after["reach"]["25-59/men"] == 40
    assert event.after["countries"] == ["Kenya"]


@pytest.mark.django_db
def test_outsider_cannot_record_and_nothing_is_written(outsider, orgs):
    with pytest.raises(NotPermitted):
        record(outsider, orgs["nairobi"], reach={("25-59", "men"): 5})
    assert not Activity.objects.exists()
    assert not Reach.objects.exists()
    assert not AuditEvent.objects.filter(verb="activity.create").exists()


@pytest.mark.django_db
def test_representative_cannot_record_for_another_organisation(other_representative, orgs):
    with pytest.raises(NotPermitted):
        record(other_representative, orgs["nairobi"])
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_coordinator_records_for_an_organisation_in_a_network_involved(
    coordinator, brazil_coordinator, orgs, kenya
):
    activity = record(coordinator, orgs["rio"], networks=[kenya])
    assert activity.lead == orgs["rio"]
    with pytest.raises(NotPermitted):
        record(brazil_coordinator, orgs["nairobi"], networks=[kenya])


@pytest.mark.django_db
def test_edit_persona_matrix(
    activity,
    representative,
    other_representative,
    coordinator,
    africa_coordinator,
    brazil_coordinator,
    outsider,
    staff,
):
    for refused in (other_representative, brazil_coordinator, outsider):
        with pytest.raises(NotPermitted):
            services.activity_update(activity=activity, actor=refused, title={"en": "Taken over"})
    activity.refresh_from_db()
    assert activity.title["en"] == "Fathers' circles in Nairobi"
    assert not AuditEvent.objects.filter(verb="activity.update").exists()
    for allowed, status in (
        (representative, "completed"),
        (coordinator, "ongoing"),
        (africa_coordinator, "completed"),
        (staff, "cancelled"),
    ):
        services.activity_update(activity=activity, actor=allowed, status=status)
        activity.refresh_from_db()
        assert activity.status == status
    assert AuditEvent.objects.filter(verb="activity.update").count() == 4


@pytest.mark.django_db
def test_coordinator_cannot_hand_an_activity_to_networks_they_do_not_coordinate(
    activity, coordinator, brazil
):
    with pytest.raises(NotPermitted):
        services.activity_update(
            activity=activity, actor=coordinator, networks=[brazil], lead=activity.lead
        )
    assert list(activity.networks.values_list("slug", flat=True)) == ["kenya"]


@pytest.mark.django_db
def test_update_replaces_people_reached_and_audits_before_and_after(activity, representative):
    services.activity_update(
        activity=activity,
        actor=representative,
        reach={("25-59", "men"): 10, ("60+", "self_described"): 2, ("0-9", "women"): 0},
    )
    activity.refresh_from_db()
    assert activity.people_reached == 12
    assert activity.reach.count() == 2
    event = AuditEvent.objects.get(verb="activity.update")
    assert event.before["reach"]["25-59/men"] == 40
    assert event.after["reach"] == {"25-59/men": 10, "60+/self_described": 2}


@pytest.mark.django_db
def test_bad_reach_is_refused_and_nothing_changes(activity, representative):
    for bad in ({("25-59", "male"): 3}, {("25-59", "men"): -4}, {("200+", "men"): 1}):
        with pytest.raises(ValidationError):
            services.activity_update(activity=activity, actor=representative, reach=bad)
    activity.refresh_from_db()
    assert activity.people_reached == 55
    assert activity.reach.count() == 3


@pytest.mark.django_db
def test_new_programme_requires_a_consultation(representative, orgs):
    with pytest.raises(ValidationError) as refused:
        record(representative, orgs["nairobi"], is_new_programme=True)
    assert "consultation" in refused.value.message_dict
    assert not Activity.objects.exists()
    activity = record(
        representative,
        orgs["nairobi"],
        is_new_programme=True,
        consultation={**CONSULTATION, "organisations": [orgs["womens"]]},
    )
    consultation = Consultation.objects.get(activity=activity)
    assert list(consultation.organisations.all()) == [orgs["womens"]]
    assert consultation.other_organisation_names == ["Coast Women's Collective"]
    assert AuditEvent.objects.filter(verb="activity.consultation.record").count() == 1


@pytest.mark.django_db
def test_turning_an_activity_into_a_new_programme_requires_a_consultation(activity, representative):
    with pytest.raises(ValidationError):
        services.activity_update(activity=activity, actor=representative, is_new_programme=True)
    activity.refresh_from_db()
    assert not activity.is_new_programme
    services.activity_update(
        activity=activity, actor=representative, is_new_programme=True, consultation=CONSULTATION
    )
    activity.refresh_from_db()
    assert activity.is_new_programme
    assert activity.consultations.count() == 1


@pytest.mark.django_db
def test_a_consultation_names_who_was_consulted(activity, representative):
    with pytest.raises(ValidationError):
        services.activity_record_consultation(
            activity=activity, actor=representative, **{**CONSULTATION, "other_organisations": ""}
        )
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_lead_must_be_an_active_member_and_countries_are_required(staff, orgs):
    with pytest.raises(ValidationError):
        record(staff, orgs["pending"])
    with pytest.raises(ValidationError):
        record(staff, orgs["nairobi"], countries=[])
    with pytest.raises(ValidationError):
        record(staff, orgs["nairobi"], title={"en": ""}, language="en")
    with pytest.raises(ValidationError):
        record(
            staff,
            orgs["nairobi"],
            starts_on=datetime.date(2024, 5, 1),
            ends_on=datetime.date(2024, 4, 1),
        )
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_original_language_is_shown_when_no_translation(staff, orgs):
    from django.utils import translation

    activity = record(
        staff,
        orgs["rio"],
        language="pt",
        title={"pt": "Rodas de pais"},
        summary={"pt": "Encontros semanais."},
    )
    with translation.override("fr"):
        assert activity.title == "Rodas de pais"
        assert not activity.is_translated


@pytest.mark.django_db
def test_working_groups_created_by_staff_and_edited_by_conveners(
    staff, representative, other_representative, orgs
):
    with pytest.raises(NotPermitted):
        services.working_group_create(actor=representative, slug="care", name={"en": "Care"})
    group = services.working_group_create(
        actor=staff,
        slug="care",
        name={"en": "Care and fatherhood"},
        convener_people=[representative],
        convener_organisations=[orgs["womens"]],
        members=[orgs["nairobi"]],
    )
    assert set(group.members.all()) == {orgs["nairobi"], orgs["womens"]}
    services.working_group_update(
        working_group=group, actor=representative, description={"en": "Fathers and care work."}
    )
    with pytest.raises(NotPermitted):
        services.working_group_update(
            working_group=group, actor=other_representative, description={"en": "Mine now."}
        )
    group.refresh_from_db()
    assert group.description == "Fathers and care work."
    assert AuditEvent.objects.filter(verb__startswith="working_group.").count() == 2


@pytest.mark.django_db
def test_activity_joins_a_working_group_its_lead_belongs_to(
    staff, representative, other_representative, orgs
):
    group = services.working_group_create(
        actor=staff, slug="care", name={"en": "Care"}, members=[orgs["nairobi"]]
    )
    activity = record(representative, orgs["nairobi"], working_group=group)
    assert list(group.activities.all()) == [activity]
    with pytest.raises(NotPermitted):
        record(other_representative, orgs["rio"], working_group=group)
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_lead_is_not_its_own_partner(representative, orgs):
    activity = record(
        representative,
        orgs["nairobi"],
        partners=[orgs["nairobi"], orgs["womens"]],
        countries=[Country.objects.get(code="KE"), Country.objects.get(code="UG")],
        networks=[Network.objects.get(slug="kenya")],
    )
    assert list(activity.partners.all()) == [orgs["womens"]]
    assert activity.countries.count() == 2
