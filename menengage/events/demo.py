"""The three past Global Symposia with invented programmes, webinars, an upcoming members'
assembly, a UN delegation, and an open call whose submissions are under review."""

import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

from menengage.accounts.models import User
from menengage.core.demodata import DEMO_STAFF_PASSWORD
from menengage.core.models import Term
from menengage.networks.models import Network

from . import services
from .models import Call, Criterion, Event, Registration, Session, Submission, Track

ORGANISER = ("events.organiser@menengage.example", "Lerato Mokoena")
REVIEWERS = [
    ("reviewer.one@menengage.example", "Priya Raman"),
    ("reviewer.two@menengage.example", "Diego Alvarez"),
    ("reviewer.three@menengage.example", "Claire Dubois"),
]
# A full webinar for the browser test: two places, both taken.
FULL_WEBINAR = "caring-masculinities-webinar"

TOPICS = [
    "Fathers as caregivers",
    "Ending violence against women and girls",
    "Sexual and reproductive health and rights",
    "Young men and gender norms",
    "Men, boys and LGBTIQ rights",
    "Accountability to women's rights movements",
    "Working in schools",
    "Faith leaders and gender justice",
    "Economic justice and care work",
    "Evidence and evaluation",
    "Policy advocacy with governments",
    "Masculinities and conflict",
]
FORMS = ["Panel", "Workshop", "Dialogue", "Plenary", "Skills session", "Film and discussion"]
PEOPLE = [
    "Amara Okafor",
    "Rohan Mehta",
    "Lucía Fernández",
    "Tomás Silva",
    "Nadia Haddad",
    "Kwame Mensah",
    "Sofia Lindqvist",
    "Jean-Baptiste Ndayisaba",
    "Ana Beatriz Costa",
    "Farhan Rahman",
    "Mele Tupou",
    "Grace Wanjiku",
]


def _at(zone, *parts):
    return datetime(*parts, tzinfo=zoneinfo.ZoneInfo(zone))


def _event(slug, network, **fields):
    event = Event(slug=slug, network=network, **fields)
    event.full_clean()
    event.save()
    return event


def _programme(demo, event, count, rooms, day_count):
    rng = demo.random
    zone = event.zone
    first = event.starts_at.astimezone(zone).replace(hour=9, minute=0)
    sessions = []
    for number in range(count):
        day = first + timedelta(days=number % day_count)
        slot = (number // day_count) % 4
        start = day + timedelta(hours=[0, 2, 5, 7][slot])
        sessions.append(
            Session(
                event=event,
                title=f"{rng.choice(FORMS)}: {rng.choice(TOPICS)}",
                starts_at=start,
                ends_at=start + timedelta(minutes=90),
                room=rooms[number % len(rooms)],
                chair=rng.choice(PEOPLE),
                speakers="\n".join(rng.sample(PEOPLE, 3)),
            )
        )
    Session.objects.bulk_create(sessions)


def load(demo):
    rng = demo.random
    now = timezone.now()
    organiser = User.objects.create_user(
        ORGANISER[0], DEMO_STAFF_PASSWORD, name=ORGANISER[1], language="en"
    )
    reviewers = [
        User.objects.create_user(email, DEMO_STAFF_PASSWORD, name=name) for email, name in REVIEWERS
    ]
    alliance = Network.objects.get(kind=Network.Kind.GLOBAL)
    regions = list(Network.objects.filter(kind=Network.Kind.REGIONAL).order_by("slug"))
    languages = {term.code: term for term in Term.objects.filter(vocabulary="language")}

    def speak(event, spoken, interpreted=()):
        event.languages.set([languages[c] for c in spoken if c in languages])
        event.interpretation.set([languages[c] for c in interpreted if c in languages])

    rio = _event(
        "rio-2009",
        alliance,
        title={
            "en": "First Global Symposium: Engaging Men and Boys in Achieving Gender Equality",
            "es": "Primer Simposio Global: Involucrar a hombres y niños en la igualdad de género",
            "pt": "Primeiro Simpósio Global: Engajando Homens e Meninos pela Igualdade de Gênero",
        },
        description={
            "en": "Rio de Janeiro, 2009: some 450 people from 80 countries, ending in the "
            "Rio Call for Action. (The programme below is invented for the demo.)",
            "es": "Río de Janeiro, 2009: unas 450 personas de 80 países, que terminó con el "
            "Llamado a la Acción de Río. (El programa de abajo es inventado para la demostración.)",
        },
        kind=Event.Kind.SYMPOSIUM,
        mode=Event.Mode.IN_PERSON,
        venue="Conference centre",
        city="Rio de Janeiro",
        country_id="BR",
        starts_at=_at("America/Sao_Paulo", 2009, 3, 30, 9),
        ends_at=_at("America/Sao_Paulo", 2009, 4, 3, 18),
        time_zone="America/Sao_Paulo",
        participants_reported=450,
        registration_open=False,
    )
    speak(rio, ["en", "pt", "es"], ["en", "pt", "es", "fr"])
    _programme(demo, rio, 40, ["Plenary hall", "Room A", "Room B", "Room C"], 4)
    delhi = _event(
        "delhi-2014",
        alliance,
        title={
            "en": "Second Global Symposium: Men and Boys for Gender Justice",
            "es": "Segundo Simposio Global: Hombres y niños por la justicia de género",
        },
        description={
            "en": "New Delhi, 2014: about 1,200 participants from 94 countries, seven "
            "thematic tracks and submitted abstracts. (The programme below is invented.)",
            "es": "Nueva Delhi, 2014: unas 1.200 personas de 94 países, siete ejes temáticos "
            "y resúmenes presentados. (El programa de abajo es inventado.)",
        },
        kind=Event.Kind.SYMPOSIUM,
        mode=Event.Mode.IN_PERSON,
        venue="Convention centre",
        city="New Delhi",
        country_id="IN",
        starts_at=_at("Asia/Kolkata", 2014, 11, 10, 9),
        ends_at=_at("Asia/Kolkata", 2014, 11, 13, 18),
        time_zone="Asia/Kolkata",
        participants_reported=1200,
        registration_open=False,
    )
    speak(delhi, ["en", "hi"], ["en", "es", "fr"])
    _programme(demo, delhi, 120, [f"Track {n}" for n in range(1, 8)] + ["Plenary"], 4)
    ubuntu = _event(
        "ubuntu-2020",
        alliance,
        title={
            "en": "Ubuntu Symposium: Healing, Reconciliation and Transformation",
            "es": "Simposio Ubuntu: Sanación, reconciliación y transformación",
        },
        description={
            "en": "Online, November 2020 to mid-2021: 5,000 participants and 180 sessions "
            "across time zones. (The programme below is invented.)",
            "es": "En línea, de noviembre de 2020 a mediados de 2021: 5.000 participantes y "
            "180 sesiones en varios husos horarios. (El programa de abajo es inventado.)",
        },
        kind=Event.Kind.SYMPOSIUM,
        mode=Event.Mode.ONLINE,
        starts_at=_at("Africa/Johannesburg", 2020, 11, 10, 9),
        ends_at=_at("Africa/Johannesburg", 2021, 5, 28, 18),
        time_zone="Africa/Johannesburg",
        participants_reported=5000,
        registration_open=False,
    )
    speak(ubuntu, ["en", "es", "fr", "pt"], ["en", "es", "fr", "pt"])
    _programme(demo, ubuntu, 180, ["Stream 1", "Stream 2", "Stream 3"], 60)

    assembly = _event(
        "members-assembly",
        alliance,
        title={"en": "Global Members' Assembly", "es": "Asamblea Global de Miembros"},
        description={
            "en": "The Alliance's members meet to review the strategy and elect the Board.",
            "es": "Los miembros de la Alianza se reúnen para revisar la estrategia y elegir "
            "la Junta.",
        },
        kind=Event.Kind.ASSEMBLY,
        mode=Event.Mode.HYBRID,
        venue="Partner office and online",
        city="Nairobi",
        country_id="KE",
        starts_at=(now + timedelta(days=75)).replace(hour=7, minute=0, second=0, microsecond=0),
        ends_at=(now + timedelta(days=76)).replace(hour=15, minute=0, second=0, microsecond=0),
        time_zone="Africa/Nairobi",
        audience=Event.Audience.MEMBERS,
        capacity=150,
    )
    speak(assembly, ["en", "es", "fr"], ["es", "fr", "pt"])
    delegation = _event(
        "csw-delegation",
        alliance,
        title={
            "en": "Delegation to the Commission on the Status of Women",
            "es": "Delegación a la Comisión de la Condición Jurídica y Social de la Mujer",
        },
        kind=Event.Kind.UN_DELEGATION,
        mode=Event.Mode.IN_PERSON,
        venue="United Nations Headquarters",
        city="New York",
        country_id="US",
        starts_at=(now + timedelta(days=120)).replace(hour=14, minute=0, second=0, microsecond=0),
        ends_at=(now + timedelta(days=130)).replace(hour=22, minute=0, second=0, microsecond=0),
        time_zone="America/New_York",
        audience=Event.Audience.INVITATION,
        requires_approval=True,
        capacity=12,
    )
    webinars = []
    for number in range(demo.count(6)):
        topic = TOPICS[number % len(TOPICS)]
        region = regions[number % len(regions)]
        offset = rng.randint(-700, 200)
        start = (now + timedelta(days=offset)).replace(minute=0, second=0, microsecond=0)
        webinars.append(
            Event(
                slug=f"webinar-{number + 1}",
                title=f"Webinar: {topic}",
                description={
                    "en": f"An hour on {topic.lower()} with members of {region.name['en']}."
                },
                kind=Event.Kind.PEER_LEARNING if number % 3 == 0 else Event.Kind.WEBINAR,
                mode=Event.Mode.ONLINE,
                starts_at=start,
                ends_at=start + timedelta(hours=1, minutes=30),
                time_zone=rng.choice(["UTC", "Africa/Nairobi", "America/Bogota", "Asia/Dhaka"]),
                network=region,
                capacity=rng.choice([None, 100, 300]),
            )
        )
    start = (now + timedelta(days=21)).replace(hour=13, minute=0, second=0, microsecond=0)
    webinars.append(
        Event(
            slug=FULL_WEBINAR,
            title="Webinar: Caring masculinities in practice",
            kind=Event.Kind.WEBINAR,
            mode=Event.Mode.ONLINE,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            time_zone="Europe/Brussels",
            network=alliance,
            capacity=2,
        )
    )
    Event.objects.bulk_create(webinars)
    for event in [rio, delhi, ubuntu, assembly, delegation, *webinars]:
        event.organisers.add(organiser)

    full = Event.objects.get(slug=FULL_WEBINAR)
    for name in ("Tendai Moyo", "Isabel Rocha"):
        Registration.objects.create(
            event=full,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            status=Registration.Status.CONFIRMED,
            email_confirmed_at=now,
        )
    Registration.objects.bulk_create(
        Registration(
            event=assembly,
            name=f"{rng.choice(PEOPLE)} ({number})",
            email=f"assembly{number}@example.org",
            organisation="Invented member organisation",
            country_id=rng.choice(["KE", "BR", "IN", "ZA", "MX", "SE"]),
            status=Registration.Status.CONFIRMED,
        )
        for number in range(min(demo.count(40), 140))
    )

    symposium = _event(
        "fourth-global-symposium",
        alliance,
        title={"en": "Fourth Global Symposium", "es": "Cuarto Simposio Global"},
        description={
            "en": "The next Global Symposium. The call for proposals is open.",
            "es": "El próximo Simposio Global. La convocatoria de propuestas está abierta.",
        },
        kind=Event.Kind.SYMPOSIUM,
        mode=Event.Mode.HYBRID,
        venue="To be announced",
        city="Kathmandu",
        country_id="NP",
        starts_at=(now + timedelta(days=300)).replace(hour=3, minute=15, second=0, microsecond=0),
        ends_at=(now + timedelta(days=303)).replace(hour=12, minute=0, second=0, microsecond=0),
        time_zone="Asia/Kathmandu",
        capacity=1500,
    )
    symposium.organisers.add(organiser)
    call = Call.objects.create(
        event=symposium,
        title="Call for abstracts and sessions",
        description="Send abstracts, posters, workshops and self-organised sessions.",
        opens_at=now - timedelta(days=30),
        deadline=(now + timedelta(days=45)).replace(hour=18, minute=14, second=59, microsecond=0),
        time_zone="Asia/Kathmandu",
    )
    call.reviewers.set(reviewers)
    tracks = Track.objects.bulk_create(
        Track(call=call, name=topic, position=n) for n, topic in enumerate(TOPICS[:7])
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, name=name, max_score=5, position=n)
        for n, name in enumerate(["Relevance", "Evidence", "Participation of communities"])
    )
    authors = User.objects.bulk_create(
        User(email=f"author{n}@example.org", name=PEOPLE[n % len(PEOPLE)], password="!")  # noqa: S106 - unusable
        for n in range(10)
    )
    Submission.objects.bulk_create(
        Submission(
            call=call,
            track=rng.choice(tracks),
            format=rng.choice(Submission.Format.values),
            title=f"{rng.choice(FORMS)} on {rng.choice(TOPICS).lower()}",
            abstract="An invented abstract about work with men and boys for gender justice.",
            submitter=authors[n % len(authors)],
        )
        for n in range(demo.count(20))
    )
    services.reviews_assign_evenly(call=call, actor=demo.staff)
    demo.say(f"{Event.objects.count()} events, {call.submissions.count()} submissions")
