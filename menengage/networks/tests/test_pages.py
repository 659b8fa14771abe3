import pytest
from django.utils import timezone

from menengage.members.models import Membership, Organisation
from menengage.networks.models import Network


def make_members(network, count, status=Membership.Status.ACTIVE):
    for number in range(count):
        organisation = Organisation.objects.create(
            name=f"{network.slug} group {number}",
            slug=f"{network.slug}-group-{number}-{status}",
            kind="ngo",
            country=network.country or Network.objects.filter(parent=network).first().country,
        )
        Membership.objects.create(
            organisation=organisation,
            network=network,
            status=status,
            applied_on=timezone.localdate(),
        )


@pytest.mark.django_db
def test_reference_data_has_six_regions_and_a_forming_one():
    regional = Network.objects.filter(kind="regional")
    assert regional.filter(is_forming=False).count() == 6
    assert regional.get(is_forming=True).slug == "middle-east-north-africa"
    assert Network.objects.get(slug="kenya").parent.slug == "africa"
    assert Network.objects.filter(kind="country").count() > 60


@pytest.mark.django_db
def test_network_index_groups_country_networks_by_region_with_counts(
    client, django_assert_max_num_queries
):
    make_members(Network.objects.get(slug="kenya"), 3)
    make_members(Network.objects.get(slug="kenya"), 2, status=Membership.Status.LAPSED)
    with django_assert_max_num_queries(12):
        response = client.get("/en/networks/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "MenEngage Africa" in html and "MenEngage Kenya</a> <small>(3)</small>" in html


@pytest.mark.django_db
def test_network_index_query_count_does_not_grow_with_networks(
    client, django_assert_max_num_queries
):
    client.get("/en/networks/")  # warm the per-language menu cache
    for network in Network.objects.filter(kind="country")[:10]:
        make_members(network, 2)
    with django_assert_max_num_queries(8):
        assert client.get("/en/networks/").status_code == 200


@pytest.mark.django_db
def test_network_page_in_each_language(client):
    response = client.get("/es/networks/kenya/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert "MenEngage Kenia" in response.content.decode()
    assert 'href="/fr/networks/kenya/"' in response.content.decode()


@pytest.mark.django_db
def test_unknown_network_is_not_found(client):
    assert client.get("/en/networks/atlantis/").status_code == 404


def directory_count(client, query):
    """How many organisations the directory says it found for `query`."""
    import re

    html = client.get(f"/en/members/?{query}").content.decode()
    return int(re.search(r'<h2 id="results">([\d,]+) organisations? found', html).group(1))


@pytest.mark.django_db
def test_member_count_is_what_the_directory_finds_for_the_network(client, staff):
    from menengage.accounts.models import User
    from menengage.members.services import organisation_register

    kenya, africa = Network.objects.get(slug="kenya"), Network.objects.get(slug="africa")
    uganda = Network.objects.get(slug="uganda")
    active, lapsed = Membership.Status.ACTIVE, Membership.Status.LAPSED
    for name, memberships in (
        ("Nairobi Fathers", [(kenya, active)]),
        ("Kisumu Youth", [(kenya, active), (africa, active)]),  # counted once
        ("Mombasa Men", [(africa, active)]),  # a regional member
        ("Kampala Men", [(uganda, active)]),
        ("Nakuru Lapsed", [(kenya, lapsed)]),
    ):
        organisation_register(
            actor=staff,
            name=name,
            slug=name.lower().replace(" ", "-"),
            kind="ngo",
            country_id="KE",
            memberships=memberships,
        )
    # An individual member is not an organisation the directory can list.
    person = User.objects.create_user(email="solo@example.org", password="x" * 16)
    Membership.objects.create(
        person=person, network=kenya, status=active, applied_on=timezone.localdate()
    )

    for slug, expected in (("kenya", 2), ("africa", 4), ("uganda", 1), ("alliance", 4)):
        network = Network.objects.get(kind="global") if slug == "alliance" else None
        slug = network.slug if network else slug
        page = client.get(f"/en/networks/{slug}/").content.decode()
        assert f'?network={slug}">{expected}</a>' in page, slug
        assert directory_count(client, f"network={slug}") == expected, slug
    assert directory_count(client, "region=africa") == 4
    index = client.get("/en/networks/").content.decode()
    assert '?network=africa">4 member organisations</a>' in index
    assert "MenEngage Kenya</a> <small>(2)</small>" in index


@pytest.mark.django_db
def test_only_the_networks_coordinator_chooses_their_public_contact(
    client, coordinator, outsider, staff
):
    from menengage.core.models import AuditEvent

    assert client.get("/en/networks/kenya/contact/").status_code == 302  # to sign-in
    client.force_login(outsider)
    assert client.get("/en/networks/kenya/contact/").status_code == 404
    client.force_login(coordinator)
    assert client.get("/en/networks/uganda/contact/").status_code == 404
    assert client.get("/en/networks/atlantis/contact/").status_code == 404
    bad = client.post("/en/networks/kenya/contact/", {"public_email": "not an address"})
    assert bad.status_code == 400
    assert not AuditEvent.objects.filter(verb="user.public_contact").exists()

    answer = client.post(
        "/en/networks/kenya/contact/",
        {"public_email": "Kenya@Example.org", "public_phone": "+254 700 000 000"},
    )
    assert answer.status_code == 302
    client.logout()
    page = client.get("/en/networks/kenya/").content.decode()
    assert 'href="mailto:kenya@example.org"' in page and "+254 700 000 000" in page
    assert coordinator.email not in page
    event = AuditEvent.objects.get(verb="user.public_contact")
    assert event.actor == coordinator and event.after["public_email"] == "kenya@example.org"
