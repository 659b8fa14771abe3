"""About 700 invented member organisations (7,000 at --scale 10) across the country networks."""

import uuid

from django.utils import timezone
from django.utils.text import slugify

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.audit import audit_record
from menengage.core.demo_pictures import logo_image
from menengage.core.models import Term
from menengage.networks.models import Network

from . import services
from .demo_framework import DOCUMENTS
from .models import Endorsement, FrameworkDocument, Membership, Organisation

# The language of invented names, by country.
SPANISH = frozenset("AR BO CL CO CR DO EC ES GT HN MX NI PE PY SV UY".split())  # noqa: SIM905
FRENCH = frozenset("BE BF BI BJ CD CH CI CM FR HT ML RW SN".split())  # noqa: SIM905
PORTUGUESE = frozenset(("BR", "MZ", "PT"))

WORDS = {
    "en": (
        ["Men", "Fathers", "Young Men", "Brothers", "Boys", "Caring Men", "Partners", "Allies"],
        [
            "for Equality",
            "for Change",
            "Against Violence",
            "for Care",
            "for Gender Justice",
            "Together",
            "for Respect",
            "for Healthy Families",
        ],
        [
            "Network",
            "Initiative",
            "Collective",
            "Forum",
            "Trust",
            "Centre",
            "Association",
            "Project",
        ],
    ),
    "es": (
        ["Hombres", "Padres", "Jóvenes", "Varones", "Colectivo", "Red", "Fundación", "Centro"],
        [
            "por la Igualdad",
            "por el Cambio",
            "contra la Violencia",
            "por el Cuidado",
            "por la Justicia de Género",
            "Unidos",
            "por el Respeto",
            "Diversos",
        ],
        ["", "del Sur", "del Norte", "Comunitario", "Solidario", "en Acción", "Nuevos", "Libres"],
    ),
    "fr": (
        ["Hommes", "Pères", "Jeunes", "Réseau", "Collectif", "Association", "Centre", "Frères"],
        [
            "pour l'Égalité",
            "pour le Changement",
            "contre la Violence",
            "pour le Soin",
            "pour la Justice de Genre",
            "Ensemble",
            "pour le Respect",
            "Solidaires",
        ],
        [
            "",
            "du Sahel",
            "des Grands Lacs",
            "Communautaire",
            "en Action",
            "Nouveaux",
            "Unis",
            "Libres",
        ],
    ),
    "pt": (
        ["Homens", "Pais", "Jovens", "Rede", "Coletivo", "Instituto", "Centro", "Irmãos"],
        [
            "pela Igualdade",
            "pela Mudança",
            "contra a Violência",
            "pelo Cuidado",
            "pela Justiça de Gênero",
            "Juntos",
            "pelo Respeito",
            "Solidários",
        ],
        ["", "do Sul", "do Norte", "Comunitário", "em Ação", "Novos", "Unidos", "Livres"],
    ),
}
CITIES = ["Capital", "North", "South", "East", "West", "Coast", "Highlands", "Valley"]
KINDS = [
    (Organisation.Kind.NGO, 62),
    (Organisation.Kind.WOMENS_RIGHTS, 10),
    (Organisation.Kind.YOUTH, 8),
    (Organisation.Kind.LGBTIQ, 5),
    (Organisation.Kind.ACADEMIC, 5),
    (Organisation.Kind.INGO, 6),
    (Organisation.Kind.UN_AGENCY, 1),
    (Organisation.Kind.OTHER, 3),
]
STATUSES = [
    (Membership.Status.ACTIVE, 86),
    (Membership.Status.APPLIED, 4),
    (Membership.Status.UNDER_REVIEW, 3),
    (Membership.Status.LAPSED, 5),
    (Membership.Status.SUSPENDED, 1),
    (Membership.Status.WITHDRAWN, 1),
]


def _language(country_code):
    if country_code in SPANISH:
        return "es"
    if country_code in FRENCH:
        return "fr"
    if country_code in PORTUGUESE:
        return "pt"
    return "en"


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _name(rng, language, used):
    first, middle, last = WORDS[language]
    for _attempt in range(50):
        name = " ".join(
            part for part in (rng.choice(first), rng.choice(middle), rng.choice(last)) if part
        )
        if name not in used:
            break
        name = f"{name} {rng.randint(2, 99)}"
        if name not in used:
            break
    used.add(name)
    return name


DESCRIPTIONS = [
    "Runs community dialogues with men and boys on violence, consent and shared care.",
    "Trains teachers and youth workers to question harmful ideas of manhood.",
    "Works with fathers' groups on caregiving, parenting and family health.",
    "Researches masculinities and evaluates programmes with men and boys.",
    "Campaigns for laws on parental leave and against gender-based violence.",
    "Supports young people's sexual and reproductive health and rights.",
]


def _tag(rng, organisations):
    """Themes, age groups and working languages, through bulk inserts into the link tables."""
    terms = {
        vocabulary: list(Term.objects.filter(vocabulary=vocabulary))
        for vocabulary in ("theme", "age_group", "language")
    }
    by_code = {term.code: term for term in terms["language"]}
    links = {"themes": [], "age_groups": [], "languages": []}
    for organisation in organisations:
        organisation.description = rng.choice(DESCRIPTIONS)
        for term in rng.sample(terms["theme"], rng.randint(1, 3)):
            links["themes"].append((organisation.pk, term.pk))
        for term in rng.sample(terms["age_group"], rng.randint(1, 2)):
            links["age_groups"].append((organisation.pk, term.pk))
        spoken = {"en", _language(organisation.country_id)}
        for code in spoken:
            links["languages"].append((organisation.pk, by_code[code].pk))
    for organisation in organisations:
        organisation.search_text = organisation.indexed_text()
    Organisation.objects.bulk_update(organisations, ["description", "search_text"], batch_size=1000)
    for field, pairs in links.items():
        through = getattr(Organisation, field).through
        through.objects.bulk_create(
            [through(organisation_id=left, term_id=right) for left, right in pairs],
            batch_size=2000,
        )


DEMO_LOGOS = 12


def load(demo):
    """Bulk-created for speed at --scale 10; one audit event records the load."""
    rng = demo.random
    networks = list(Network.objects.filter(kind=Network.Kind.COUNTRY).select_related("parent"))
    # Larger networks in larger countries: a fixed weight per network from the seeded generator.
    weights = [rng.uniform(0.3, 3.0) for _network in networks]
    total = demo.count(700)
    today = timezone.localdate()
    used, slugs = set(), set()
    organisations, placements = [], []
    for number in range(total):
        network = rng.choices(networks, weights=weights)[0]
        country = network.country_id
        language = _language(country)
        name = _name(rng, language, used)
        acronym = "".join(word[0] for word in name.split() if word[0].isupper())[:8]
        slug = slugify(name)
        slug = slug if slug not in slugs else f"{slug}-{number}"
        slugs.add(slug)
        organisations.append(
            Organisation(
                name=name,
                slug=slug,
                acronym=acronym if len(acronym) > 1 else "",
                kind=_pick(rng, KINDS),
                country_id=country,
                city=f"{rng.choice(CITIES)} {network.country_id}",
                website=f"https://org{number:05d}.example.org",
                identifier=f"{country}-REG-{number:05d}",
                founded=rng.randint(1975, 2024),
                public_email=f"info@org{number:05d}.example.org",
            )
        )
        placements.append(network)
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    # A few drawn logos: enough to see them on pages, few enough to keep the demo quick.
    for number, organisation in enumerate(organisations[:DEMO_LOGOS]):
        logo = logo_image(f"{organisation.name} logo", seed=number)
        Organisation.objects.filter(pk=organisation.pk).update(logo=logo)
    _tag(rng, organisations)
    memberships = []
    for organisation, network in zip(organisations, placements, strict=True):
        status = _pick(rng, STATUSES)
        joined = today.replace(year=rng.randint(2005, today.year - 1))
        memberships.append(
            Membership(
                organisation=organisation,
                network=network,
                status=status,
                applied_on=joined,
                joined_on=None if status in {"applied", "under_review"} else joined,
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=1000)
    audit_record(
        actor=demo.staff,
        verb="demo.load",
        target=demo.staff,
        after={"organisations": len(organisations), "memberships": len(memberships)},
    )
    demo.say(f"{len(organisations)} organisations")
    _framework(demo, organisations)
    _individuals(demo, networks, weights)
    _coordinators_and_applications(demo)


def _framework(demo, organisations):
    """The framework documents; every member endorsed v1, about a third already endorsed v2."""
    documents = [FrameworkDocument.objects.create(**fields) for fields in DOCUMENTS]
    first_versions = [document for document in documents if document.version == "1.0"]
    second = next(document for document in documents if document.version == "2.0")
    endorsements = []
    for organisation in organisations:
        signatory = f"Representative of {organisation.acronym or organisation.name}"
        for document in first_versions:
            endorsements.append(
                Endorsement(document=document, organisation=organisation, signatory_name=signatory)
            )
        if demo.random.random() < 0.35:
            endorsements.append(
                Endorsement(document=second, organisation=organisation, signatory_name=signatory)
            )
    Endorsement.objects.bulk_create(endorsements, batch_size=2000)
    demo.say(f"{len(documents)} framework documents, {len(endorsements)} endorsements")


GIVEN_NAMES = [
    "Amani",
    "Lucas",
    "Priya",
    "Kwame",
    "Sofía",
    "Jonas",
    "Aïcha",
    "Mateus",
    "Ravi",
    "Noor",
    "Tendai",
    "Camille",
    "Diego",
    "Aroha",
    "Selam",
    "Tomás",
    "Ifeoma",
    "Luca",
]
FAMILY_NAMES = [
    "Mensah",
    "Silva",
    "Sharma",
    "Okoro",
    "García",
    "Lindqvist",
    "Diallo",
    "Costa",
    "Perera",
    "Haddad",
    "Moyo",
    "Dubois",
    "Rojas",
    "Banda",
    "Tesfaye",
    "Kamau",
]


def _individuals(demo, networks, weights):
    """About 200 individual members (2,000 at --scale 10), who endorsed the first versions."""
    from django.contrib.auth.hashers import make_password

    rng = demo.random
    unusable = make_password(None)
    today = timezone.localdate()
    people, placements = [], []
    for number in range(demo.count(200)):
        network = rng.choices(networks, weights=weights)[0]
        name = f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
        people.append(
            User(
                email=f"member{number:05d}@example.org",
                name=name,
                password=unusable,
                country_id=network.country_id,
                language=_language(network.country_id),
            )
        )
        placements.append(network)
    User.objects.bulk_create(people, batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(
                person=person,
                network=network,
                status=Membership.Status.ACTIVE,
                applied_on=today,
                joined_on=today,
            )
            for person, network in zip(people, placements, strict=True)
        ],
        batch_size=1000,
    )
    first_versions = FrameworkDocument.objects.filter(
        version="1.0",
        kind__in=[FrameworkDocument.Kind.CORE_PRINCIPLES, FrameworkDocument.Kind.CODE_OF_CONDUCT],
    )
    Endorsement.objects.bulk_create(
        [
            Endorsement(document=document, person=person, signatory_name=person.name)
            for person in people
            for document in first_versions
        ],
        batch_size=2000,
    )
    demo.say(f"{len(people)} individual members")


COORDINATORS = [
    ("kenya", "coordinator.kenya@menengage.example", "Wanjiru Kamau", "en"),
    ("brazil", "coordinator.brazil@menengage.example", "Joana Ribeiro", "pt"),
    ("africa", "coordinator.africa@menengage.example", "Thabo Nkosi", "en"),
]


def _coordinators_and_applications(demo):
    """Demo coordinators (password as the staff account) and applications in their queues."""
    from menengage.core.demodata import DEMO_STAFF_PASSWORD
    from menengage.core.models import Country
    from menengage.networks.models import Network

    for slug, email, name, language in COORDINATORS:
        person = User.objects.create_user(email, DEMO_STAFF_PASSWORD, name=name, language=language)
        role_assign(
            user=person,
            role=RoleAssignment.Role.COORDINATOR,
            scope=Network.objects.get(slug=slug),
            actor=demo.staff,
        )
    applicants = [
        ("KE", "Invented Young Fathers Circle", "Achieng Otieno"),
        ("KE", "Invented Coast Men's Dialogue", "Hassan Mwinyi"),
        ("BR", "Coletivo Inventado de Pais", "Rafael Souza"),
    ]
    for code, organisation, person in applicants:
        application = services.application_submit(
            actor=None,
            submission_key=uuid.uuid4(),
            as_individual=False,
            country=Country.objects.get(code=code),
            applicant_name=person,
            applicant_email=f"{slugify(person)}@example.org",
            language="en",
            activities="Weekly groups with fathers and young men on care and non-violence.",
            organisation={"name": organisation, "kind": "ngo"},
        )
        services.application_confirm_email(application=application)
    demo.say(f"{len(COORDINATORS)} coordinators, {len(applicants)} applications to review")
