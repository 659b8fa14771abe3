"""The three symposium declarations with invented texts, thousands of endorsements (ten times
as many at --scale 10), commitments with reported actions, and a draft open for comment."""

import datetime
import uuid

from django.apps import apps
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.models import Country
from menengage.core.translation import translated_search
from menengage.members.models import Membership, Organisation
from menengage.networks.selectors import region_slug_for_country

from . import services
from .demo_texts import (
    ACTIONS,
    DECLARATIONS,
    DRAFT,
    FAMILY_NAMES,
    GIVEN_NAMES,
    ORGANISATION_WORDS,
)
from .models import CommitmentAction, Endorsement, normalise_organisation_name

REPRESENTATIVE_EMAIL = "declarations.rep@menengage.example"
DRAFTER_EMAIL = "declarations.drafter@menengage.example"


def _event(keyword, year):
    """The symposium the events demo made, if it did: matched by a word of its title or slug."""
    try:
        event_model = apps.get_model("events", "Event")
    except LookupError:
        return None
    events = event_model.objects.filter(starts_at__year__in=[year - 1, year, year + 1])
    return (
        events.filter(slug__icontains=keyword).first()
        or events.filter(translated_search("title", keyword)).first()
    )


def load(demo):
    countries = list(Country.objects.all())
    regions = {country.code: region_slug_for_country(country) or "" for country in countries}
    members = list(
        Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
        .distinct()
        .order_by("pk")
        .values_list("pk", "name", "country_id")
    )
    total = 0
    for number, text in enumerate(DECLARATIONS):
        declaration = services.declaration_create(
            actor=demo.staff,
            slug=text["slug"],
            titles=text["titles"],
            texts=text["texts"],
            summaries=text["summaries"],
            commitments=text["commitments"],
            event=_event(*text["event"]),
        )
        declaration = services.declaration_adopt(
            actor=demo.staff,
            declaration=declaration,
            adopted_on=datetime.date(*text["adopted_on"]),
        )
        total += _endorsements(demo, declaration, text, number, countries, regions, members)
        services.declaration_recount(declaration=declaration, actor=demo.staff)
        _actions(demo, declaration, members, regions)
    demo.say(f"{len(DECLARATIONS)} declarations, {total} endorsements")
    _draft_with_comments(demo)


def _endorsements(demo, declaration, text, number, countries, regions, members):
    """Bulk-created: a share of the active member organisations, other organisations and
    individuals, most confirmed, a few waiting for confirmation or withdrawn."""
    rng = demo.random
    size = demo.count(text["size"])
    adopted = timezone.make_aware(datetime.datetime(*text["adopted_on"], 12))
    span = (timezone.now() - adopted).total_seconds()
    signing_members = rng.sample(members, int(len(members) * text["member_share"]))
    rows = []

    def add(**fields):
        moment = adopted + datetime.timedelta(seconds=span * rng.random() ** 3)
        roll = rng.random()
        status = (
            Endorsement.Status.PENDING
            if roll < 0.03
            else Endorsement.Status.WITHDRAWN
            if roll < 0.05
            else Endorsement.Status.CONFIRMED
        )
        rows.append(
            Endorsement(
                declaration=declaration,
                status=status,
                region=regions[fields["country_id"]],
                language=rng.choice(["en", "en", "es", "fr", "pt"]),
                key=uuid.UUID(int=rng.getrandbits(128)),
                created_at=moment,
                confirmed_at=None if status == Endorsement.Status.PENDING else moment,
                withdrawn_at=moment if status == Endorsement.Status.WITHDRAWN else None,
                **fields,
            )
        )

    for pk, name, country in signing_members:
        add(
            kind=Endorsement.Kind.ORGANISATION,
            organisation_id=pk,
            organisation_name=name,
            organisation_key=f"{country}:{normalise_organisation_name(name)}"[:220],
            signatory_name=f"Representative {pk}",
            email=f"rep{pk}@example.org",
            country_id=country,
        )
    others = max(size - len(rows), 0)
    for index in range(others):
        country = rng.choice(countries).code
        person = f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
        email = f"signer{number}-{index:06d}@example.org"
        if rng.random() < 0.2:
            first, second = ORGANISATION_WORDS
            name = f"{rng.choice(first)} {rng.choice(second)} {index}"
            add(
                kind=Endorsement.Kind.ORGANISATION,
                organisation_name=name,
                organisation_key=f"{country}:{normalise_organisation_name(name)}"[:220],
                signatory_name=person,
                email=email,
                country_id=country,
            )
        else:
            add(
                kind=Endorsement.Kind.INDIVIDUAL,
                signatory_name=person,
                email=email,
                country_id=country,
            )
    # Ids follow signing time, as they do for real sign-ons: the list is newest first by id.
    rows.sort(key=lambda row: row.created_at)
    Endorsement.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _actions(demo, declaration, members, regions):
    rng = demo.random
    commitments = list(declaration.commitments.all())
    adopted = declaration.adopted_on
    days = max((timezone.localdate() - adopted).days, 1)
    actions = [
        CommitmentAction(
            commitment=rng.choice(commitments),
            organisation_id=pk,
            region=regions[country],
            description=rng.choice(ACTIONS),
            taken_on=adopted + datetime.timedelta(days=rng.randrange(days)),
        )
        for pk, _name, country in rng.sample(members, min(len(members), demo.count(40)))
    ]
    CommitmentAction.objects.bulk_create(actions, batch_size=2000)


def _draft_with_comments(demo):
    """A draft open for comment, a member's representative who commented and a drafter who
    answered; both sign in with the demo password."""
    from menengage.core.demodata import DEMO_STAFF_PASSWORD

    declaration = services.declaration_create(
        actor=demo.staff,
        slug=DRAFT["slug"],
        titles=DRAFT["titles"],
        texts=DRAFT["texts"],
        summaries=DRAFT["summaries"],
        commitments=DRAFT["commitments"],
    )
    drafter = User.objects.create_user(
        DRAFTER_EMAIL, DEMO_STAFF_PASSWORD, name="Inés Redactora", language="es"
    )
    declaration.drafters.add(drafter)
    declaration = services.declaration_open_comments(
        actor=demo.staff,
        declaration=declaration,
        closes_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    organisation = (
        Organisation.objects.filter(
            country_id="KE", memberships__status=Membership.Status.ACTIVE
        ).first()
        or Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE).first()
    )
    if organisation is None:
        return
    representative = User.objects.create_user(
        REPRESENTATIVE_EMAIL, DEMO_STAFF_PASSWORD, name="Otieno Mwangi", language="en"
    )
    role_assign(
        user=representative,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope=organisation,
        actor=demo.staff,
    )
    comment = services.comment_add(
        actor=representative,
        declaration=declaration,
        paragraph=2,
        organisation=organisation,
        body="Please name grandfathers and uncles too: in our communities they do much care.",
    )
    services.comment_answer(
        actor=drafter,
        comment=comment,
        body="Thank you: the next version will speak of men in the wider family.",
    )
    services.comment_add(
        actor=representative,
        declaration=declaration,
        paragraph=3,
        organisation=organisation,
        body="Could the call also name leave for informal workers?",
    )
    demo.say(f"1 draft open for comment; {representative.email} comments, {drafter.email} answers")
