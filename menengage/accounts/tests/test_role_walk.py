"""Every view, walked with roles that give nothing: ended, not yet begun, or in another network.

The views are found from the URL resolver, so a new view is walked without anyone adding it
here. Each persona must get from every view (GET and POST) what a signed-in outsider gets, and
never see what only a current role holder sees (the Brazilian applicant waiting for review, the
people registered for a Brazilian event, the representatives of a Brazilian member). A current
Brazil coordinator and representative are walked too, to show that the roles do open those
views: without that, the walk could pass by refusing everyone.

Views that need no sign-in are listed in PUBLIC; every other view refuses the anonymous visitor.
"""

import datetime
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from menengage.accounts import twofactor
from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.core.models import Country
from menengage.events import services as event_services
from menengage.events.models import Event
from menengage.members import services as member_services
from menengage.members.models import FrameworkDocument, Membership
from menengage.networks.models import Network

# The admins (both sign in through the site's sign-in page) and Wagtail's page serving are
# walked by their own tests.
SKIPPED_PREFIXES = ("admin/", "django-admin/", "cms/")
# Signing out would end the walk's session; signing in is what this session already did.
# Picture renditions are files, public by design, addressed by a generated file name.
SKIPPED = {
    "accounts:logout",
    "accounts:login",
    "accounts:two_factor",
    "set_language",
    "image-rendition",
}

# Views anyone may open without signing in. Everything else must refuse the anonymous visitor.
PUBLIC = {
    "health",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "api:list_networks",
    "api:get_network",
    "api:transparency_years",
    "api:transparency_year",
    "api:transparency_funders",
    "api:transparency_iati_organisation",
    "api:transparency_iati_activities",
    "api:list_organisations",
    "api:get_organisation",
    "api:list_bodies",
    "api:get_body",
    "api:list_decisions",
    "api:list_events",
    "api:get_event",
    "api:list_sessions",
    "api:list_resources",
    "api:get_resource",
    "api:list_declarations",
    "api:get_declaration",
    "api:list_signatories",
    "api:list_activities",
    "api:get_activity",
    "api:list_working_groups",
    "api:get_working_group",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_set",
    "accounts:password_reset_complete",
    "networks:index",
    "networks:detail",
    "transparency:index",
    "transparency:year",
    "transparency:year_csv",
    "transparency:year_json",
    "transparency:annual_report",
    "governance:index",
    "governance:decisions",
    "governance:body",
    # Capability links: the secret in the address is the permission.
    "events:registration",
    "events:qr",
    "events:cancel",
    "events:confirm",
    "events:check_in",
    "events:certificate",
    "events:list",
    "events:feed",
    "events:detail",
    "events:ics",
    "events:programme",
    "events:register",
    "events:call",
    "library:index",
    "library:feed",
    "library:cite_list",
    "library:detail_short",
    "library:detail",
    "library:cite",
    "library:download",
    "declarations:index",
    "declarations:confirm",
    "declarations:withdraw",
    "declarations:detail",
    "declarations:endorse",
    "declarations:endorse_sent",
    "declarations:signatories",
    "activities:list",
    "activities:map",
    "activities:detail",
    "activities:working_groups",
    "activities:working_group",
    "concerns:index",
    "concerns:followup",
    "concerns:followup_case",
    "concerns:followup_appeal",
    "concerns:followup_leave",
    "concerns:statistics_latest",
    "concerns:statistics",
    "members:directory",
    "members:organisation",
    "members:framework",
    "members:framework_version",
    "members:join",
    "members:join_sent",
    "members:join_confirm",
    "concerns:received",
    "robots",
    "sitemap-index",
    "sitemap-section",
    "favicon",
    "api:list_instruments",
    "api:get_instrument",
    "api:get_pooled",
    "api:list_evaluations",
    "api:get_evaluation",
    "api:announcement_list",
    "api:newsletter_topics",
    "evidence:index",
    "evidence:evaluations_csv",
    "evidence:instruments",
    "evidence:instrument",
    "evidence:xlsform",
    "evidence:evaluation",
    "communications:subscribe",
    "communications:confirm",
    "communications:preferences",
    "communications:unsubscribe",
    # Capability links: the token in the address is the permission.
    "communications_unsubscribe",
}

APPLICANT = "Aplicante Reservado do Recife"
REGISTRANT = "registrada-reservada@example.org"
REPRESENTATIVE = "rio-rep-reservado@example.org"
# Seen only by current role holders; a persona must not see any the outsider does not.
MARKERS = (APPLICANT, REGISTRANT, REPRESENTATIVE)

# Not found and forbidden are both a refusal: which one depends on how much a view may admit.
REFUSALS = {403, 404}

# Placeholders for the parts of addresses that point at nothing in particular.
DEFAULTS = {"int": 999_999, "slug": "no-such-thing", "str": "no-such-token", "uuid": uuid.uuid4()}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route, pattern.pattern.converters


def discovered_views():
    """(name, {parameter: converter kind}) for every named view the site serves."""
    seen = {}
    for name, route, converters in _walk(get_resolver().url_patterns):
        if route.lstrip("^").startswith(SKIPPED_PREFIXES) or name in SKIPPED or name in seen:
            continue
        if "wagtail" in name:
            continue
        seen[name] = {
            key: type(converter).__name__.replace("Converter", "").lower()
            for key, converter in converters.items()
        }
    return seen


def _kind(converter):
    return {"string": "str", "path": "str"}.get(converter, converter)


@pytest.fixture
def world(db, staff):
    """A Brazilian member with a representative, an applicant under review and an event with a
    registration: what a Brazil coordinator or representative may see, and nobody else."""
    brazil = Network.objects.get(slug="brazil")
    kenya = Network.objects.get(slug="kenya")
    for kind in ("core-principles", "code-of-conduct"):
        FrameworkDocument.objects.create(
            kind=kind, version="1.0", in_force_from="2020-01-01", text={"en": f"The {kind}."}
        )
    rio = member_services.organisation_register(
        actor=staff,
        name="Coletivo Pais do Rio",
        kind="ngo",
        country_id="BR",
        memberships=[(brazil, Membership.Status.ACTIVE)],
    )
    nairobi = member_services.organisation_register(
        actor=staff,
        name="Nairobi Fathers Forum",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    rio_rep = User.objects.create_user(REPRESENTATIVE, PASSWORD, name="Rio Representative")
    role_assign(user=rio_rep, role=RoleAssignment.Role.REPRESENTATIVE, scope=rio, actor=staff)
    application = member_services.application_confirm_email(
        application=member_services.application_submit(
            actor=None,
            submission_key=uuid.uuid4(),
            as_individual=False,
            country=Country.objects.get(code="BR"),
            applicant_name="Applicant Person",
            applicant_email="applicant@example.org",
            language="pt",
            activities="Grupos de pais.",
            organisation={"name": APPLICANT, "kind": "ngo"},
        )
    )
    start = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(
        slug="encontro-rio",
        title="Encontro do Rio",
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.ONLINE,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="America/Sao_Paulo",
        network=brazil,
        is_published=True,
        registration_open=True,
    )
    registration = event_services.registration_create(
        event=event, actor=None, name="Registrant", email=REGISTRANT
    )
    rio_membership = rio.memberships.get()
    kwargs = {
        "members:review_detail": {"pk": application.pk},
        "members:review_membership_status": {"pk": rio_membership.pk},
        "members:organisation": {"slug": rio.slug},
        "members:portal_edit": {"slug": rio.slug},
        "members:portal_people": {"slug": rio.slug},
        "members:portal_remove_person": {"slug": rio.slug, "person_pk": rio_rep.pk},
        "members:portal_endorse": {
            "slug": rio.slug,
            "document_pk": FrameworkDocument.objects.first().pk,
        },
        "members:portal_withdraw": {"slug": rio.slug, "membership_pk": rio_membership.pk},
        "events:detail": {"slug": event.slug},
        "events:registrations": {"slug": event.slug},
        "events:export": {"slug": event.slug},
        "events:registration_decide": {"slug": event.slug, "pk": registration.pk},
        "events:certificate_organiser": {"slug": event.slug, "pk": registration.pk},
        "events:certificates": {"slug": event.slug},
        "api:list_registrations": {"slug": event.slug},
        "networks:detail": {"slug": brazil.slug},
    }
    return {
        "brazil": brazil,
        "kenya": kenya,
        "rio": rio,
        "nairobi": nairobi,
        "kwargs": kwargs,
        "application": application,
        "event": event,
    }


def _person(email, staff, roles, starts_on=None, ends_on=None):
    user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0])
    for role, scope in roles:
        assignment = role_assign(user=user, role=role, scope=scope, actor=staff)
        if starts_on or ends_on:
            RoleAssignment.objects.filter(pk=assignment.pk).update(
                starts_on=starts_on or assignment.starts_on, ends_on=ends_on
            )
    return user


def _roles(world, where="brazil"):
    organisation = world["rio"] if where == "brazil" else world["nairobi"]
    return [
        (RoleAssignment.Role.COORDINATOR, world[where]),
        (RoleAssignment.Role.REPRESENTATIVE, organisation),
    ]


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
        # Whatever the second-factor rules, the walk is about roles: the session has passed it.
        session = client.session
        twofactor.session_mark_verified(session)
        session.save()
    return client


def _address(name, parameters, world):
    kwargs = world["kwargs"].get(name)
    if kwargs is None:
        # The API's `{id}` parts are plain strings in the address but numbers to the view.
        kwargs = {
            key: DEFAULTS["int" if key == "id" or key.endswith("_id") else _kind(kind)]
            for key, kind in parameters.items()
        }
    return reverse(name, kwargs=kwargs)


def _responses(client, world, methods=("get", "post")):
    """{(name, method): (status, body)} for every discovered view."""
    seen = {}
    for name, parameters in discovered_views().items():
        address = _address(name, parameters, world)
        for method in methods:
            response = getattr(client, method)(address)
            body = b"" if response.streaming else response.content
            seen[(name, method)] = (response.status_code, body.decode(errors="replace"))
    return seen


def _leaks(outsider, persona, *, statuses):
    """What `persona` got that the outsider did not: other statuses, or a marker."""
    leaks = []
    for key, (status, body) in persona.items():
        outsider_status, outsider_body = outsider[key]
        both_refused = {status, outsider_status} <= REFUSALS
        if key[0] in statuses and status != outsider_status and not both_refused:
            leaks.append((key, status, outsider_status))
        for marker in MARKERS:
            if marker in body and marker not in outsider_body:
                leaks.append((key, marker))
    return leaks


def test_every_view_is_public_or_refuses_the_anonymous_visitor(client, world):
    names = discovered_views()
    assert set(names) >= PUBLIC, f"PUBLIC names views that no longer exist: {PUBLIC - set(names)}"
    open_to_anyone = []
    for name, parameters in names.items():
        if name in PUBLIC:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(_address(name, parameters, world))
            refused = response.status_code in (302, 401, 403, 404, 405)
            if response.status_code == 302:
                refused = "sign-in" in response["Location"] or "login" in response["Location"]
            if not refused:
                open_to_anyone.append((name, method, response.status_code))
    assert open_to_anyone == []


@pytest.mark.slow(26)
def test_roles_that_do_not_hold_now_or_here_open_nothing(client, world, staff):
    """An ended role, a role not yet begun and a role in another network, each walked against
    one outsider's walk of the same rows (a walk per persona costs seconds; the baseline is
    the same for all three)."""
    today = timezone.localdate()
    outsider = _person("walk-outsider@example.org", staff, [])
    personas = {
        "ended": _person(
            "walk-ended@example.org",
            staff,
            _roles(world),
            starts_on=datetime.date(2020, 1, 1),
            ends_on=today - datetime.timedelta(days=1),
        ),
        "future": _person(
            "walk-future@example.org",
            staff,
            _roles(world),
            starts_on=today + datetime.timedelta(days=1),
        ),
        # Last: its own network's forms may rightly change rows the others' walks compare.
        "elsewhere": _person("walk-kenya@example.org", staff, _roles(world, "kenya")),
    }
    baseline = _responses(_as(client, outsider), world)
    leaks = {}
    for persona, user in personas.items():
        seen = _responses(_as(client, user), world)
        # A Kenya coordinator rightly opens Kenya's queue; what points at Brazil must stay shut.
        statuses = set(world["kwargs"]) if persona == "elsewhere" else set(discovered_views())
        leaks[persona] = _leaks(baseline, seen, statuses=statuses)
    assert leaks == {"ended": [], "future": [], "elsewhere": []}


def test_current_roles_do_open_the_walked_views(client, world, staff):
    """The walk has teeth: the same roles, held now in Brazil, open what the others may not."""
    outsider = _person("walk-outsider@example.org", staff, [])
    user = _person("walk-current@example.org", staff, _roles(world))
    baseline = _responses(_as(client, outsider), world, methods=("get",))
    seen = _responses(_as(client, user), world, methods=("get",))
    opened = {leak[0][0] for leak in _leaks(baseline, seen, statuses=set(discovered_views()))}
    assert {
        "members:review_queue",
        "members:review_detail",
        "members:portal_edit",
        "members:portal_people",
        "events:registrations",
        # The workspace lists the Brazilian application for the current coordinator alone.
        "workspace:home",
    } <= opened


def test_an_api_token_stops_working_for_an_ended_coordinator(client, world, staff):
    coordinator = _person("token-holder@example.org", staff, _roles(world))
    _token, secret = event_services.api_token_create(actor=coordinator)
    address = reverse("api:list_registrations", kwargs={"slug": world["event"].slug})
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert REGISTRANT in client.get(address, **headers).content.decode()
    RoleAssignment.objects.filter(user=coordinator).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get(address, **headers)
    assert response.status_code == 404
    assert REGISTRANT not in response.content.decode()
