"""Demo concerns: focal points, a handful of cases in every state, a year of statistics, and the
published TOTP secret enrolled for every demo account that needs two-factor sign-in."""

import datetime
import uuid

from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone

from menengage.accounts import twofactor
from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import needs_two_factor
from menengage.accounts.services import role_assign
from menengage.core.demodata import DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET
from menengage.networks.models import Network

from . import crypto, services
from .models import Concern
from .receipts import receipt_lookup_key, receipt_normalise

# A receipt published with the demo, so anyone can try the follow-up page.
DEMO_RECEIPT = "2009 2014 2020 2026"

FOCAL_POINTS = [
    ("kenya", "focal.kenya@menengage.example", "Njeri Wambui", "en"),
    ("africa", "focal.africa@menengage.example", "Kwame Mensah", "fr"),
    ("brazil", "focal.brazil@menengage.example", "Lucas Almeida", "pt"),
    ("menengage-alliance", "focal.global@menengage.example", "Ines Duarte", "es"),
]

STORIES = [
    (
        "complaint",
        "organisation",
        "The facilitator of a fathers' group",
        "A facilitator made "
        "mocking remarks about a participant's sexuality during a session on care work.",
    ),
    (
        "feedback",
        "alliance",
        "The regional webinar series",
        "The webinars are only in English; "
        "many members in our country would join if they had interpretation.",
    ),
    (
        "complaint",
        "network",
        "The country network's selection of delegates",
        "Delegates to the regional meeting were chosen without the open call the network promised.",
    ),
    (
        "complaint",
        "individual",
        "A trainer at a youth camp",
        "A trainer shared photographs of "
        "young participants online without asking them or their parents.",
    ),
    (
        "feedback",
        "organisation",
        "A partner's campaign material",
        "A poster showed only "
        "heterosexual couples, which goes against our principle of sexual diversity.",
    ),
]


def _enrol_two_factor_accounts():
    """Every demo account that must sign in with a second factor shares the published secret."""
    people = User.objects.filter(email__endswith="@menengage.example", two_factor_device=None)
    enrolled = 0
    for person in people:
        # Governance Committee members on a case need a second factor to open it, too.
        if needs_two_factor(person) or person.concern_assignments.exists():
            twofactor.device_enrol_fixed(user=person, secret=DEMO_TOTP_SECRET)
            enrolled += 1
    return enrolled


def _focal_points(demo):
    people = {}
    for slug, email, name, language in FOCAL_POINTS:
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            continue
        person = User.objects.create_user(email, DEMO_STAFF_PASSWORD, name=name, language=language)
        role_assign(
            user=person, role=RoleAssignment.Role.FOCAL_POINT, scope=network, actor=demo.staff
        )
        people[slug] = person
    return people


def _backdate(concern, days):
    """Move a concern `days` into the past, deadlines with it."""
    shift = datetime.timedelta(days=days)
    Concern.objects.filter(pk=concern.pk).update(
        received_at=F("received_at") - shift,
        acknowledge_due=F("acknowledge_due") - shift,
        respond_due=F("respond_due") - shift,
    )
    concern.steps.update(created_at=F("created_at") - shift)


def _lead(concern):
    assignment = concern.assignments.filter(role="lead").select_related("user").first()
    return assignment.user if assignment else None


def _cases(demo, focal):
    kenya = Network.objects.get(slug="kenya")
    brazil = Network.objects.filter(slug="brazil").first() or kenya
    made = []
    for number, (kind, subject, about, text) in enumerate(STORIES):
        concern, _receipt = services.concern_submit(
            client=uuid.uuid4().hex,
            kind=kind,
            subject_kind=subject,
            subject_text=about,
            subject_network=brazil if number == 4 else kenya,
            what_happened=text,
            when_where="Invented for the demo",
            name="Demo Reporter" if number == 1 else "",
            email="reporter@example.org" if number == 1 else "",
            language="en",
        )
        made.append(concern)
    overdue, waiting, closed, _fresh, _elsewhere = made
    # One overdue: received ten days ago, still not acknowledged.
    _backdate(overdue, 10)
    lead = _lead(waiting)
    if lead is not None:
        services.case_acknowledge(concern=waiting, actor=lead, message="Thank you, received.")
        services.case_ask(
            concern=waiting, actor=lead, text="Could you tell us which month this was?"
        )
        _backdate(waiting, 5)
    lead = _lead(closed)
    if lead is not None:
        services.case_acknowledge(concern=closed, actor=lead, message="Received.")
        services.case_reply(concern=closed, actor=lead, text="We spoke to the network board.")
        services.case_close(
            concern=closed,
            actor=lead,
            outcome=Concern.Outcome.ACTION_TAKEN,
            message="The network agreed to run an open call before the next meeting.",
        )
        _backdate(closed, 40)
    # The published receipt opens the case that waits for its reporter.
    Concern.objects.filter(pk=waiting.pk).update(
        receipt_lookup=receipt_lookup_key(DEMO_RECEIPT),
        receipt_hash=make_password(receipt_normalise(DEMO_RECEIPT)),
    )
    return len(made)


def _governance_case():
    """A concern about leadership, when the governance demo made the Governance Committee."""
    from menengage.governance.selectors import governance_committee

    if governance_committee() is None:
        return 0
    services.concern_submit(
        client=uuid.uuid4().hex,
        kind="complaint",
        subject_kind="leadership",
        subject_text="A member of the Global Board",
        what_happened="A Board member spoke for the Alliance on a position it has not taken.",
        language="en",
    )
    return 1


def _past_year(demo):
    """Enough closed concerns last year for the statistics page to publish figures."""
    rng = demo.random
    year = timezone.localdate().year - 1
    regions = list(Network.objects.filter(kind=Network.Kind.REGIONAL))
    shared_hash = make_password(uuid.uuid4().hex)  # nobody holds these receipts
    rows = []
    for _number in range(demo.count(24)):
        received = timezone.make_aware(
            datetime.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 10)
        )
        acknowledged = received + datetime.timedelta(days=rng.randint(1, 7))
        closed = acknowledged + datetime.timedelta(days=rng.randint(10, 80))
        kind = rng.choice(Concern.Kind.values)
        concern = Concern(
            kind=kind,
            subject_kind=rng.choice(Concern.Subject.values[:4]),
            region=rng.choice(regions) if regions and rng.random() < 0.8 else None,
            route=Concern.Route.NETWORK,
            status=Concern.Status.CLOSED,
            outcome=rng.choice(Concern.Outcome.values),
            content=crypto.encrypt_json({"what_happened": "An invented concern for the demo."}),
            receipt_lookup=uuid.uuid4().hex,
            receipt_hash=shared_hash,
            received_at=received,
            acknowledged_at=acknowledged,
            closed_at=closed,
        )
        concern.set_deadlines(received, response_owed=kind == Concern.Kind.COMPLAINT)
        rows.append(concern)
    Concern.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def load(demo):
    focal = _focal_points(demo)
    cases = _cases(demo, focal)
    governance = _governance_case()
    past = _past_year(demo)
    enrolled = _enrol_two_factor_accounts()
    demo.say(
        f"{len(focal)} focal points (focal.kenya@menengage.example ...), {cases + governance} "
        f"open and closed concerns, {past} last year; receipt to try: {DEMO_RECEIPT}"
    )
    demo.say(f"{enrolled} demo accounts sign in with two factors: TOTP secret {DEMO_TOTP_SECRET}")
