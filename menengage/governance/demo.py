"""The demo's governance: the Global Board, six regional steering committees, the Governance
Committee, their delegates (demo accounts), proposals open and decided, a meeting, an election.

The North America steering committee seats a single women's rights organisation, so the demo
shows a body that breaks Accountability Standard 3.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from menengage.accounts.models import User
from menengage.members.models import Membership, Organisation
from menengage.networks.models import Network

from . import services
from .models import Body, Decision, Proposal, Seat

REGIONS = ["africa", "caribbean", "europe", "latin-america", "north-america", "south-asia"]
BREAKS_WOMENS_RIGHTS = "north-america"
GIVEN = ["Amara", "Bruno", "Chiara", "Dev", "Esi", "Farid", "Grace", "Hugo", "Ines", "Jomo"]
FAMILY = ["Achebe", "Barros", "Conti", "Desai", "Eze", "Fofana", "Gomez", "Hale", "Ito", "Juma"]
PROPOSALS = [
    (
        "Adopt the 2025 strategic priorities",
        "The Board adopts the strategic priorities for 2025 to 2028 as circulated.",
    ),
    (
        "Approve the safeguarding policy",
        "The Board approves the revised safeguarding policy and its reporting routes.",
    ),
    (
        "Hold the next Global Symposium online",
        "The next Global Symposium is held online, with regional in-person hubs.",
    ),
    (
        "Admit the Middle East and North Africa network",
        "The forming MENA network becomes a full regional network.",
    ),
    (
        "Publish the annual budget by region",
        "The Secretariat publishes the annual budget broken down by region.",
    ),
]


class People:
    """Demo delegates: one shared password hash, so fifty accounts cost one hashing."""

    def __init__(self, demo):
        from menengage.core.demodata import DEMO_STAFF_PASSWORD

        self.hash = make_password(DEMO_STAFF_PASSWORD)
        self.count = 0

    def make(self, email, language="en"):
        name = f"{GIVEN[self.count % len(GIVEN)]} {FAMILY[(self.count * 3) % len(FAMILY)]}"
        self.count += 1
        return User.objects.create(email=email, name=name, password=self.hash, language=language)


def _organisations(rng, network_slug, kind=None, exclude_kind=None):
    """Active member organisations of a region (or of the Alliance), deterministic order."""
    organisations = Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
    if network_slug != "menengage-alliance":
        organisations = organisations.filter(memberships__network__parent__slug=network_slug)
    if kind:
        organisations = organisations.filter(kind=kind)
    if exclude_kind:
        organisations = organisations.exclude(kind=exclude_kind)
    found = list(organisations.select_related("country").order_by("pk").distinct()[:40])
    rng.shuffle(found)
    return found


def _seat(demo, body, constituency, holder, person, *, network=None, label="", chair=False, since):
    seat = services.seat_create(
        actor=demo.staff, body=body, constituency=constituency, network=network, label=label
    )
    if holder is not None:
        services.term_start(
            actor=demo.staff,
            seat=seat,
            organisation=holder,
            delegate=person,
            starts_on=since,
            is_chair=chair,
        )
    return seat


def load(demo):
    rng = demo.random
    today = timezone.localdate()
    since = today - datetime.timedelta(days=400)
    people = People(demo)
    alliance = Network.objects.get(slug="menengage-alliance")
    regions = {network.slug: network for network in Network.objects.filter(slug__in=REGIONS)}
    used = set()

    def pick(network_slug, kind=None, exclude_kind=None):
        # A small demo (a test's) may lack the kind asked for, or the region enough members:
        # then any organisation of the region, then of the Alliance.
        for candidates in (
            _organisations(rng, network_slug, kind, exclude_kind),
            _organisations(rng, network_slug),
            _organisations(rng, "menengage-alliance"),
        ):
            for organisation in candidates:
                if organisation.pk not in used:
                    used.add(organisation.pk)
                    return organisation
        return None

    board = services.body_create(
        actor=demo.staff,
        network=alliance,
        kind=Body.Kind.BOARD,
        name={"en": "Global Board", "es": "Junta Global"},
        slug="global-board",
        description={
            "en": "One representative per region and at-large seats for women's rights, youth "
            "and LGBTIQ organisations.",
            "es": "Una persona representante por región y puestos generales para organizaciones "
            "de derechos de las mujeres, juveniles y LGBTIQ.",
        },
        publishes_decisions=True,
    )
    services.target_set(
        actor=demo.staff,
        body=board,
        constituency=Seat.Constituency.WOMENS_RIGHTS,
        minimum_percent=29,
    )
    services.target_set(
        actor=demo.staff,
        body=board,
        constituency=Seat.Constituency.GLOBAL_SOUTH,
        minimum_percent=47,
    )
    board_people = []
    for number, slug in enumerate(REGIONS):
        # Two regions send women's rights organisations, which keeps the Board above 29 %.
        kind = "womens_rights" if slug in {"africa", "latin-america"} else None
        email = (
            "board.chair@menengage.example" if number == 0 else f"board.{slug}@menengage.example"
        )
        if number == 3:
            email = "board.cochair@menengage.example"
        person = people.make(email)
        board_people.append(person)
        _seat(
            demo,
            board,
            Seat.Constituency.REGION,
            pick(slug, kind, None if kind else "womens_rights"),
            person,
            network=regions[slug],
            label=regions[slug].name["en"],
            chair=number in {0, 3},
            since=since,
        )
    for constituency, label in [
        ("womens_rights", "Women's rights at large"),
        ("youth", "Youth at large"),
        ("lgbtiq", "LGBTIQ at large"),
    ]:
        person = people.make(f"board.{constituency.replace('_', '-')}@menengage.example")
        board_people.append(person)
        _seat(
            demo,
            board,
            constituency,
            pick("menengage-alliance", constituency),
            person,
            label=label,
            since=since,
        )
    _past_terms(demo, board, people, pick, since)

    committee = services.body_create(
        actor=demo.staff,
        network=alliance,
        kind=Body.Kind.COMMITTEE,
        name={"en": "Governance Committee", "es": "Comité de Gobernanza"},
        slug="governance-committee",
        parent=board,
        description={
            "en": "Oversees the Accountability Framework and the handling of concerns.",
            "es": "Supervisa el Marco de Rendición de Cuentas y la atención de las denuncias.",
        },
    )
    committee_people = []
    for number, email in enumerate(
        ["governance.chair", "governance.member1", "governance.member2"]
    ):
        person = people.make(f"{email}@menengage.example")
        committee_people.append(person)
        _seat(
            demo,
            committee,
            Seat.Constituency.AT_LARGE,
            pick("menengage-alliance"),
            person,
            label=f"Member {number + 1}",
            chair=number == 0,
            since=since,
        )

    steering = {}
    for slug in REGIONS:
        network = regions[slug]
        body = services.body_create(
            actor=demo.staff,
            network=network,
            kind=Body.Kind.STEERING_COMMITTEE,
            name=f"{network.name['en']} Steering Committee",
            slug=f"{slug}-steering-committee",
            parent=board,
            publishes_decisions=slug != "south-asia",
        )
        members = []
        for number in range(5):
            person = people.make(f"steering.{slug}.{number + 1}@menengage.example")
            members.append(person)
            if number < 2:
                constituency = Seat.Constituency.WOMENS_RIGHTS
                holder = (
                    pick(slug, "womens_rights")
                    if number == 0 or slug != BREAKS_WOMENS_RIGHTS
                    else pick(slug, None, "womens_rights")
                )
            else:
                constituency = Seat.Constituency.REGION
                holder = pick(slug, None, "womens_rights")
            if slug == BREAKS_WOMENS_RIGHTS and number == 1:
                constituency = Seat.Constituency.AT_LARGE
            _seat(
                demo,
                body,
                constituency,
                holder,
                person,
                network=network,
                chair=number == 0,
                since=since,
            )
        # A vacant youth seat, with its call for nominations under way.
        _seat(demo, body, Seat.Constituency.YOUTH, None, None, network=network, since=since)
        body.people = members
        steering[slug] = body

    _proposals(demo, board, board_people)
    _proposals(demo, committee, committee_people, few=True)
    _proposals(demo, steering["africa"], steering["africa"].people, few=True)
    _history(demo, board, board_people)
    _meeting(demo, board, board_people)
    _election(demo, steering["africa"], people, rng)
    counts = (Body.objects.count(), Proposal.objects.count(), Decision.objects.count())
    demo.say("{} bodies, {} proposals, {} decisions".format(*counts))


def _past_terms(demo, board, people, pick, since):
    """The previous Board's regional holders, ended the day before the current terms began."""
    for seat in board.seats.filter(constituency=Seat.Constituency.REGION)[:3]:
        holder = pick(seat.network.slug)
        if holder is None:
            continue
        person = people.make(f"board.former.{seat.network.slug}@menengage.example")
        services.term_start(
            actor=demo.staff,
            seat=seat,
            organisation=holder,
            delegate=person,
            starts_on=since - datetime.timedelta(days=3 * 365),
            ends_on=since - datetime.timedelta(days=1),
        )


def _proposals(demo, body, members, few=False):
    """Decided proposals (consensus, a block then a vote) and open ones."""
    now = timezone.now()
    chair = members[0]
    chosen = PROPOSALS[:3] if few else PROPOSALS
    for number, (title, text) in enumerate(chosen):
        proposal = services.proposal_open(
            actor=members[number % len(members)],
            body=body,
            title=title,
            text=text,
            language="en",
            closes_at=now + datetime.timedelta(days=3 + number),
            anonymous=number == 2,
        )
        if number >= len(chosen) - 2 and number > 0:
            # Still open: a few positions taken, the rest still to come.
            services.position_take(actor=members[0], proposal=proposal, stance="agree")
            continue
        block = number == 1
        for index, person in enumerate(members):
            if block and index == len(members) - 1:
                services.position_take(
                    actor=person,
                    proposal=proposal,
                    stance="block",
                    reason="This needs more consultation with the regions.",
                )
            else:
                services.position_take(
                    actor=person, proposal=proposal, stance="agree" if index % 4 else "abstain"
                )
        services.proposal_close(proposal=proposal, actor=chair, early=True)
        if block:
            services.vote_call(
                actor=chair, proposal=proposal, closes_at=now + datetime.timedelta(days=1)
            )
            for index, person in enumerate(members):
                services.vote_cast(
                    actor=person,
                    proposal=proposal,
                    choice="no" if index == len(members) - 1 else "yes",
                )
            services.vote_close(proposal=proposal, actor=chair, early=True)
        # Decided some weeks ago, for a register that reads like history.
        past = now - datetime.timedelta(days=40 - 10 * number)
        Proposal.objects.filter(pk=proposal.pk).update(
            opened_at=past - datetime.timedelta(days=14), closes_at=past
        )
        Decision.objects.filter(proposal=proposal).update(decided_at=past)


def _history(demo, body, members):
    """Older decisions of the Board, bulk-created, so the register has volume (×scale)."""
    now = timezone.now()
    proposals = []
    for number in range(demo.count(20)):
        decided = now - datetime.timedelta(days=60 + 7 * number)
        proposals.append(
            Proposal(
                body=body,
                title=f"Board resolution {2024 - number // 50}/{number % 50 + 1:02d}",
                text="The Board records its decision on the matter put to it by the Secretariat.",
                opened_by=members[number % len(members)],
                opened_at=decided - datetime.timedelta(days=14),
                closes_at=decided,
                status=Proposal.Status.CLOSED,
            )
        )
    Proposal.objects.bulk_create(proposals, batch_size=1000)
    decisions = []
    for number, proposal in enumerate(proposals):
        blocked = number % 9 == 0
        decisions.append(
            Decision(
                proposal=proposal,
                method=Decision.Method.CONSENSUS,
                outcome=Decision.Outcome.NO_CONSENSUS if blocked else Decision.Outcome.CONSENSUS,
                decided_at=proposal.closes_at,
                members=len(members),
                quorum=len(members) // 2 + 1,
                agree=len(members) - 2,
                abstain=1,
                block=1 if blocked else 0,
                published=True,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=1000)


def _meeting(demo, body, members):
    now = timezone.now()
    chair = members[0]
    past = services.meeting_schedule(
        actor=chair,
        body=body,
        title="Board meeting, spring",
        starts_at=now - datetime.timedelta(days=30),
        place="Online",
    )
    for proposal in body.proposals.filter(status__in=["closed", "decided"]).order_by("opened_at")[
        :2
    ]:
        services.agenda_item_add(actor=chair, meeting=past, title="", proposal=proposal)
    services.minutes_record(
        actor=chair,
        meeting=past,
        minutes=(
            "Present: all members. The Board discussed the proposals on the agenda and "
            "recorded its decisions."
        ),
    )
    services.minutes_approve(actor=chair, meeting=past)
    upcoming = services.meeting_schedule(
        actor=chair,
        body=body,
        title="Board meeting, autumn",
        starts_at=now + datetime.timedelta(days=20),
        place="Online",
    )
    for proposal in body.proposals.filter(status="open")[:2]:
        services.agenda_item_add(actor=chair, meeting=upcoming, title="", proposal=proposal)


def _election(demo, body, people, rng):
    seat = body.seats.get(constituency=Seat.Constituency.YOUTH)
    today = timezone.localdate()
    election = services.election_open(
        actor=demo.staff,
        seat=seat,
        nominations_close_on=today + datetime.timedelta(days=14),
        term_starts_on=today + datetime.timedelta(days=30),
    )
    youth = _organisations(rng, body.network.slug, "youth")[:2]
    for number, organisation in enumerate(youth):
        services.nomination_submit(
            actor=demo.staff,
            election=election,
            organisation=organisation,
            delegate=people.make(f"nominee.{number + 1}@menengage.example"),
            statement=(
                "We bring the voices of young men and boys from community groups across the region."
            ),
        )
