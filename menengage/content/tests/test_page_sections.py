"""Country network and organisation pages show what the other capabilities hold about them."""

import datetime
import re

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.activities.services import activity_create
from menengage.declarations import services as declarations
from menengage.events.models import Event
from menengage.library.services import resource_create
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network

pytestmark = pytest.mark.django_db
ACTIVE = Membership.Status.ACTIVE
TEXTS = {"en": "We commit."}


@pytest.fixture
def kenya_network(kenya):
    kenya.host_organisation = "Kenya Host Trust"
    kenya.founded = 2009
    kenya.priorities = "Fathers' groups\nEnding violence in schools"
    kenya.save()
    return kenya


def member(staff, network, name):
    return organisation_register(
        actor=staff,
        name=name,
        slug=name.lower().replace(" ", "-"),
        kind="ngo",
        country_id="KE",
        memberships=[(network, ACTIVE)],
    )


def record(staff, lead, title, **extra):
    return activity_create(
        actor=staff,
        kind="training",
        title={"en": title},
        summary={"en": "What happened."},
        lead=lead,
        starts_on=extra.pop("starts_on", datetime.date(2025, 3, 1)),
        countries=["KE"],
        **extra,
    )


def publish(staff, publisher, title):
    return resource_create(
        actor=staff,
        language="en",
        kind="toolkit",
        title={"en": title},
        publisher=publisher,
        published_on=datetime.date(2024, 5, 1),
    )


def hold(staff, network, name):
    start = timezone.now() + datetime.timedelta(days=20)
    return Event.objects.create(
        slug=name.lower().replace(" ", "-"),
        title=name,
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.ONLINE,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        network=network,
    )


def coordinate(staff, network, email, **contact):
    user = User.objects.create_user(email, "x" * 20, name=email.split("@")[0].title(), **contact)
    role_assign(user=user, role=RoleAssignment.Role.COORDINATOR, scope=network, actor=staff)
    return user


def sign(staff, organisation, slug):
    declaration = declarations.declaration_create(
        actor=staff, slug=slug, titles={"en": slug.replace("-", " ").title()}, texts=TEXTS
    )
    declaration = declarations.declaration_adopt(actor=staff, declaration=declaration)
    representative = User.objects.create_user(f"rep-{slug}@example.org", "x" * 20)
    role_assign(
        user=representative,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope=organisation,
        actor=staff,
    )
    declarations.endorsement_sign(
        actor=representative,
        declaration=declaration,
        kind="organisation",
        name="Rep",
        email=representative.email,
        country=organisation.country,
        organisation=organisation,
    )
    return declaration


def test_a_country_network_page_shows_host_founding_priorities_and_public_contacts(
    client, staff, kenya_network
):
    coordinate(staff, kenya_network, "public@example.org", public_email="kenya@example.org")
    coordinate(staff, kenya_network, "private@example.org")

    html = client.get("/en/networks/kenya/").text
    assert "Kenya Host Trust" in html and "2009" in html
    assert "<li>Fathers&#x27; groups</li>" in html and "<li>Ending violence in schools</li>" in html
    assert 'href="mailto:kenya@example.org"' in html
    # Only what a coordinator published: never a sign-in address, nor a silent coordinator.
    assert "public@example.org" not in html
    assert "private@example.org" not in html and "Private" not in html


def test_a_network_page_shows_its_members_activities_events_and_resources(
    client, staff, kenya_network, django_assert_max_num_queries
):
    africa, uganda = Network.objects.get(slug="africa"), Network.objects.get(slug="uganda")
    nairobi = member(staff, kenya_network, "Nairobi Fathers")
    kampala = member(staff, uganda, "Kampala Men")
    record(staff, nairobi, "Fathers training in Kisumu")
    record(staff, kampala, "Kampala campaign")
    publish(staff, nairobi, "Toolkit for fathers")
    publish(staff, kampala, "Ugandan research")
    hold(staff, kenya_network, "Kenya assembly")
    hold(staff, uganda, "Uganda webinar")

    client.get("/en/networks/kenya/")  # warm the menu and map caches
    with django_assert_max_num_queries(16) as few:
        kenya_page = client.get("/en/networks/kenya/").text
    assert "Fathers training in Kisumu" in kenya_page and "Kampala campaign" not in kenya_page
    assert "Toolkit for fathers" in kenya_page and "Ugandan research" not in kenya_page
    assert "Kenya assembly" in kenya_page and "Uganda webinar" not in kenya_page
    # A region shows what its country networks' members do.
    africa_page = client.get(f"/en/networks/{africa.slug}/").text
    for title in ("Fathers training in Kisumu", "Kampala campaign", "Ugandan research"):
        assert title in africa_page

    for number in range(6):
        organisation = member(staff, kenya_network, f"More {number}")
        record(staff, organisation, f"Activity {number}")
        publish(staff, organisation, f"Resource {number}")
        hold(staff, kenya_network, f"Event {number}")
    # New memberships made the network member counts be counted again: warm them as above.
    client.get("/en/networks/kenya/")
    with django_assert_max_num_queries(16) as many:
        kenya_page = client.get("/en/networks/kenya/").text
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(re.findall(r'href="/en/activities/\d+/"', kenya_page)) == 5


def test_an_organisation_page_shows_its_activities_sign_ons_and_resources(
    client, staff, kenya_network, django_assert_max_num_queries
):
    nairobi = member(staff, kenya_network, "Nairobi Fathers")
    other = member(staff, kenya_network, "Other Group")
    record(staff, nairobi, "Led by Nairobi")
    record(staff, other, "Joined by Nairobi", partners=[nairobi])
    record(staff, other, "Not Nairobi's")
    publish(staff, nairobi, "Nairobi toolkit")
    publish(staff, other, "Other toolkit")
    sign(staff, nairobi, "rio-call")
    sign(staff, other, "delhi-declaration")

    client.get("/en/members/nairobi-fathers/")
    with django_assert_max_num_queries(14):
        html = client.get("/en/members/nairobi-fathers/").text
    assert "Led by Nairobi" in html and "Joined by Nairobi" in html
    assert "Not Nairobi" not in html
    assert "Nairobi toolkit" in html and "Other toolkit" not in html
    assert "Rio Call" in html and "Delhi Declaration" not in html


def test_the_drawn_sections_are_kept_until_something_they_show_changes(
    client, staff, kenya_network
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nairobi = member(staff, kenya_network, "Nairobi Fathers")
    record(staff, nairobi, "First training")
    client.get("/en/networks/kenya/")
    with CaptureQueriesContext(connection) as again:
        assert "First training" in client.get("/en/networks/kenya/").text
    read = [q["sql"] for q in again.captured_queries if "activities_activity" in q["sql"]]
    assert read == []  # drawn from what was kept
    french = client.get("/fr/networks/kenya/").text  # each language drawn in its own
    assert "First training" in french and "Recent activities" not in french
    record(staff, nairobi, "Second training")  # any write to what they show: drawn again
    assert "Second training" in client.get("/en/networks/kenya/").text
    nairobi.name = "Nairobi Fathers Trust"
    nairobi.save()
    assert "Nairobi Fathers Trust" in client.get("/en/networks/kenya/").text
