"""My MenEngage: what needs a person now, only what their roles open, in one query budget."""

import datetime
import uuid

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.activities.models import WorkingGroup
from menengage.concerns import services as concern_services
from menengage.conftest import PASSWORD
from menengage.core.models import Country
from menengage.declarations.models import Declaration
from menengage.events import services as event_services
from menengage.events.models import Call, Criterion, Event, Track
from menengage.governance import services as governance_services
from menengage.members import services as member_services
from menengage.members.models import FrameworkDocument, Membership
from menengage.networks.models import Network

WORKSPACE = "/en/me/"
APPLICANT = "Kisumu Fathers Applying"
PROPOSAL = "Adopt the caregiving campaign"
SUBMISSION = "Fathers groups in Kisumu"
DECLARATION = "The Invented Call for Action"
GROUP = "Invented Caregiving Group"
EVENT = "Invented Regional Assembly"


def _application(country_code, name):
    return member_services.application_confirm_email(
        application=member_services.application_submit(
            actor=None,
            submission_key=uuid.uuid4(),
            as_individual=False,
            country=Country.objects.get(code=country_code),
            applicant_name="Applicant Person",
            applicant_email=f"{uuid.uuid4().hex[:8]}@example.org",
            language="en",
            activities="Fathers' groups.",
            organisation={"name": name, "kind": "ngo"},
        )
    )


@pytest.fixture
def world(db, staff, kenya):
    """Kenya's organisation, an application to Kenya, a Kenyan concern, a steering committee
    with an open proposal, an event with a call and a request to attend, a declaration and a
    working group: one of everything a workspace lists."""
    africa = Network.objects.get(slug="africa")
    organisation = member_services.organisation_register(
        actor=staff,
        name="Nairobi Fathers Circle",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    FrameworkDocument.objects.create(
        kind="code-of-conduct", version="2.0", in_force_from="2024-01-01", text={"en": "The code."}
    )
    _application("KE", APPLICANT)
    body = governance_services.body_create(
        actor=staff,
        network=africa,
        kind="steering_committee",
        name="Africa Steering Committee",
        slug="africa-steering-committee",
    )
    seats = [
        governance_services.seat_create(
            actor=staff, body=body, constituency="region", network=africa
        )
        for _ in range(2)
    ]
    start = timezone.now() + datetime.timedelta(days=20)
    event = Event.objects.create(
        slug="invented-assembly",
        title=EVENT,
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.ONLINE,
        audience=Event.Audience.INVITATION,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="Africa/Nairobi",
        network=kenya,
    )
    call = Call.objects.create(
        event=event, title="Call", deadline=timezone.now() + datetime.timedelta(days=10)
    )
    Track.objects.create(call=call, name="Caregiving")
    Criterion.objects.create(call=call, name="Relevance", max_score=5)
    Declaration.objects.create(
        slug="invented-call",
        title={"en": DECLARATION},
        status=Declaration.Status.ADOPTED,
        adopted_on=datetime.date(2025, 5, 1),
    )
    group = WorkingGroup.objects.create(slug="invented-group", name={"en": GROUP})
    group.members.add(organisation)
    return {
        "organisation": organisation,
        "body": body,
        "seats": seats,
        "event": event,
        "call": call,
        "kenya": kenya,
    }


def _person(email, name="Pat Person"):
    return User.objects.create_user(email, PASSWORD, name=name)


@pytest.fixture
def everyone(world, staff, kenya):
    """One person holding every role the workspace reads, with something waiting in each."""
    person = _person("everyone@example.org", "Eve Everyone")
    for role, scope in (
        (RoleAssignment.Role.COORDINATOR, kenya),
        (RoleAssignment.Role.FOCAL_POINT, kenya),
        (RoleAssignment.Role.REPRESENTATIVE, world["organisation"]),
    ):
        role_assign(user=person, role=role, scope=scope, actor=staff)
    chair = _person("chair@example.org", "Chair Person")
    for seat, delegate in zip(world["seats"], (chair, person), strict=True):
        governance_services.term_start(
            actor=staff,
            seat=seat,
            organisation=world["organisation"],
            delegate=delegate,
            starts_on=datetime.date(2024, 1, 1),
        )
    governance_services.proposal_open(
        actor=chair,
        body=world["body"],
        title=PROPOSAL,
        text="The committee runs a caregiving campaign.",
        closes_at=timezone.now() + datetime.timedelta(days=10),
    )
    concern_services.concern_submit(
        client=uuid.uuid4().hex,
        subject_network=kenya,
        kind="complaint",
        subject_kind="organisation",
        subject_text="The director",
        what_happened="Something happened at a workshop.",
    )
    event, call = world["event"], world["call"]
    event.organisers.add(person)
    event_services.registration_create(
        event=event, actor=None, name="Requester", email="requester@example.org"
    )
    author = _person("author@example.org", "Ama Author")
    submission = event_services.submission_create(
        call=call,
        actor=author,
        track=call.tracks.get(),
        format="oral",
        title=SUBMISSION,
        abstract="What changed.",
    )
    call.reviewers.add(person)
    event_services.review_assign(submission=submission, reviewer=person, actor=staff)
    other = event.__class__.objects.create(
        slug="other-webinar",
        title="Invented Webinar on Care",
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.ONLINE,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone="Africa/Nairobi",
        network=Network.objects.get(slug="brazil"),
    )
    event_services.registration_create(
        event=other, actor=person, name=person.name, email=person.email
    )
    return person


def _sections(response):
    return {section.key: section for section in response.context["sections"]}


# Attackers first


def test_a_visitor_is_sent_to_sign_in_and_back(client):
    response = client.get(WORKSPACE)
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/sign-in/?next={WORKSPACE}"


def test_an_outsider_sees_nothing_of_anyone_elses_work(client, everyone, outsider):
    client.force_login(outsider)
    response = client.get(WORKSPACE)
    assert response.status_code == 200
    assert _sections(response) == {}
    page = response.content.decode()
    for private in (APPLICANT, PROPOSAL, SUBMISSION, EVENT, GROUP, DECLARATION):
        assert private not in page
    assert "Nothing needs you right now." in page


def test_a_password_only_session_of_a_focal_point_is_sent_on_to_the_second_factor(client, everyone):
    """Password given, code not: the middleware counts the session as nobody, so the workspace
    sends it to sign in, and the sign-in page on to the code."""
    assert client.login(username=everyone.email, password=PASSWORD)
    response = client.get(WORKSPACE)
    assert response["Location"] == f"/en/accounts/sign-in/?next={WORKSPACE}"
    onward = client.get(response["Location"])
    assert onward["Location"].startswith("/en/accounts/two-factor/")
    assert APPLICANT not in response.content.decode()


def test_cases_are_counted_not_shown_once_the_second_factor_has_gone_stale(
    client, everyone, settings
):
    from menengage.accounts import twofactor

    client.force_login(everyone)
    session = client.session
    session[twofactor.SEEN_KEY] -= settings.TWO_FACTOR_IDLE_MINUTES * 60 + 5
    session.save()
    cases = _sections(client.get(WORKSPACE))["cases"]
    assert cases.count == 1
    assert cases.items == []
    assert cases.hidden


def test_ended_roles_open_nothing(client, everyone, world):
    from menengage.governance.models import Term

    RoleAssignment.objects.filter(user=everyone).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    Term.objects.filter(delegate=everyone).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(everyone)
    sections = _sections(client.get(WORKSPACE))
    # What is personal stays (their review, their own registration, the event they were named
    # to organise, the case they were assigned); what came with a role goes.
    for gone in ("applications", "proposals", "framework", "declarations", "working_groups"):
        assert gone not in sections, gone


def test_a_coordinator_elsewhere_does_not_see_kenyas_applications(client, world, staff):
    brazil = Network.objects.get(slug="brazil")
    person = _person("brazil@example.org")
    role_assign(user=person, role=RoleAssignment.Role.COORDINATOR, scope=brazil, actor=staff)
    client.force_login(person)
    response = client.get(WORKSPACE)
    assert _sections(response)["applications"].count == 0
    assert APPLICANT not in response.content.decode()


# The person holding every role


def test_every_role_shows_its_work_with_counts_and_links(client, everyone, world):
    client.force_login(everyone)
    response = client.get(WORKSPACE)
    sections = _sections(response)
    assert list(sections) == [
        "applications",
        "cases",
        "proposals",
        "reviews",
        "requests",
        "framework",
        "declarations",
        "registrations",
        "working_groups",
    ]
    assert {key: section.count for key, section in sections.items()} == dict.fromkeys(sections, 1)
    page = response.content.decode()
    for shown in (APPLICANT, PROPOSAL, SUBMISSION, EVENT, GROUP, DECLARATION):
        assert shown in page
    links = {key: section.items[0].url for key, section in sections.items()}
    assert links["proposals"].startswith("/en/governance/proposals/")
    assert links["reviews"].startswith("/en/events/reviews/")
    assert links["requests"] == "/en/events/invented-assembly/registrations/"
    assert links["applications"].startswith("/en/membership/review/")
    assert links["cases"].startswith("/en/concerns/cases/")
    for url in links.values():
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_a_position_taken_takes_the_proposal_off_the_list(client, everyone):
    from menengage.governance.models import Proposal

    governance_services.position_take(
        actor=everyone, proposal=Proposal.objects.get(), stance="agree"
    )
    client.force_login(everyone)
    assert "proposals" not in _sections(client.get(WORKSPACE))


def test_newest_first_with_a_count_per_network(client, everyone, world, staff):
    _application("KE", "Kisumu Later Applicant")
    role_assign(
        user=everyone,
        role=RoleAssignment.Role.COORDINATOR,
        scope=Network.objects.get(slug="brazil"),
        actor=staff,
    )
    _application("BR", "Coletivo Recife")
    _application("BR", "Coletivo Olinda")
    client.force_login(everyone)
    applications = _sections(client.get(WORKSPACE))["applications"]
    assert applications.count == 4
    assert applications.breakdown == [("MenEngage Brazil", 2), ("MenEngage Kenya", 2)]
    assert [item.label for item in applications.items] == [
        "Coletivo Olinda",
        "Coletivo Recife",
        "Kisumu Later Applicant",
        APPLICANT,
    ]


def test_the_workspace_keeps_to_its_query_budget(
    client, everyone, world, django_assert_max_num_queries
):
    for number in range(8):
        _application("KE", f"Applicant {number}")
    client.force_login(everyone)
    with django_assert_max_num_queries(30):
        response = client.get(WORKSPACE)
    assert _sections(response)["applications"].count == 9


def test_the_header_names_the_person_and_links_to_the_workspace(client, everyone):
    client.force_login(everyone)
    page = client.get("/fr/members/").content.decode()
    assert "Eve Everyone" in page
    assert 'href="/fr/me/"' in page
    assert 'action="/fr/accounts/sign-out/"' in page
