import pytest

from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent
from menengage.networks.models import Network
from menengage.networks.services import network_update


@pytest.mark.django_db
def test_staff_update_a_network_and_it_is_audited(staff, kenya):
    network_update(network=kenya, actor=staff, founded=2008, host_organisation="Invented Trust")
    kenya.refresh_from_db()
    assert (kenya.founded, kenya.host_organisation) == (2008, "Invented Trust")
    event = AuditEvent.objects.get(verb="network.update")
    assert event.before == {"founded": None, "host_organisation": ""}
    assert event.after["founded"] == 2008


@pytest.mark.django_db
def test_outsider_and_coordinator_cannot_update_a_network(outsider, coordinator, kenya):
    for actor in (outsider, coordinator):
        with pytest.raises(NotPermitted):
            network_update(network=kenya, actor=actor, founded=1999)
    assert Network.objects.get(pk=kenya.pk).founded is None
    assert not AuditEvent.objects.filter(verb="network.update").exists()


@pytest.mark.django_db
def test_invalid_website_is_refused_and_nothing_written(staff, kenya):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        network_update(network=kenya, actor=staff, website="not a web address")
    assert Network.objects.get(pk=kenya.pk).website == ""
    assert not AuditEvent.objects.filter(verb="network.update").exists()


@pytest.mark.django_db
def test_staff_edit_through_the_admin_records_an_audit_event(client, staff, kenya):
    client.force_login(staff)
    url = f"/django-admin/networks/network/{kenya.pk}/change/"
    form = {
        "name_en": kenya.name["en"],
        "name_es": kenya.name["es"],
        "name_fr": kenya.name["fr"],
        "name_pt": kenya.name["pt"],
        "founded": "2010",
        "website": "https://kenya.example.org",
    }
    assert client.post(url, form).status_code == 302
    assert AuditEvent.objects.filter(verb="network.update", actor=staff).count() == 1
    assert Network.objects.get(pk=kenya.pk).founded == 2010
