"""About 300 invented joint activities (3,000 at --scale 10) across the regions, with people
reached, consultations for new programmes, outputs from the library, five working groups,
and a demo representative who can record activities."""

import datetime

from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.audit import audit_record
from menengage.core.models import Term
from menengage.library.models import Resource
from menengage.members.demo import _language
from menengage.members.models import Membership, Organisation

from . import services
from .models import Activity, Consultation, Reach

DEMO_REPRESENTATIVE_EMAIL = "activities.lead@menengage.example"

TOPICS = {
    "en": [
        "Fathers' circles",
        "Young men and consent",
        "Caring masculinities",
        "Ending violence at home",
        "Boys in school against bullying",
        "Healthy relationships",
        "Shared care work",
        "Men as allies for SRHR",
        "Community dialogues on gender norms",
        "Youth leaders for equality",
    ],
    "es": [
        "Círculos de padres",
        "Jóvenes y consentimiento",
        "Masculinidades cuidadoras",
        "Prevenir la violencia en casa",
        "Escuelas sin acoso",
        "Relaciones sanas",
        "Corresponsabilidad en los cuidados",
        "Hombres aliados por los derechos sexuales",
        "Diálogos comunitarios sobre normas de género",
        "Liderazgos jóvenes por la igualdad",
    ],
    "fr": [
        "Cercles de pères",
        "Jeunes hommes et consentement",
        "Masculinités bienveillantes",
        "Prévenir la violence au foyer",
        "L'école sans harcèlement",
        "Relations saines",
        "Partage des tâches de soin",
        "Des hommes alliés pour les droits sexuels",
        "Dialogues communautaires sur le genre",
        "Jeunes leaders pour l'égalité",
    ],
    "pt": [
        "Rodas de pais",
        "Jovens e consentimento",
        "Masculinidades cuidadoras",
        "Prevenir a violência em casa",
        "Escolas sem bullying",
        "Relações saudáveis",
        "Divisão do trabalho de cuidado",
        "Homens aliados pelos direitos sexuais",
        "Diálogos comunitários sobre normas de gênero",
        "Lideranças jovens pela igualdade",
    ],
}
FORMATS = {
    "training": {
        "en": "training",
        "es": "formación",
        "fr": "formation",
        "pt": "formação",
    },
    "advocacy": {"en": "advocacy", "es": "incidencia", "fr": "plaidoyer", "pt": "incidência"},
    "research": {"en": "study", "es": "estudio", "fr": "étude", "pt": "estudo"},
    "campaign": {"en": "campaign", "es": "campaña", "fr": "campagne", "pt": "campanha"},
}
SUMMARIES = {
    "en": "Sessions with {people} in {city}, run with local partners and women's rights groups.",
    "es": "Sesiones con {people} en {city}, junto a socios locales y grupos de mujeres.",
    "fr": "Des séances avec {people} à {city}, avec des partenaires locaux et des associations "
    "de femmes.",
    "pt": "Encontros com {people} em {city}, com parceiros locais e grupos de mulheres.",
}
PEOPLE = {
    "en": ["fathers", "young men", "teachers", "health workers", "faith leaders"],
    "es": ["padres", "jóvenes", "docentes", "personal de salud", "líderes religiosos"],
    "fr": ["pères", "jeunes hommes", "enseignants", "agents de santé", "leaders religieux"],
    "pt": ["pais", "jovens", "professores", "agentes de saúde", "lideranças religiosas"],
}
KINDS = [("training", 45), ("advocacy", 25), ("research", 12), ("campaign", 18)]
CHANGES = [
    "Sessions moved to evenings so that women's groups could co-facilitate.",
    "A module on economic violence was added at their request.",
    "Referral paths to women's shelters are now part of every session.",
    "Messages were rewritten so that they no longer centre men as saviours.",
]
GROUPS = [
    ("care-and-fatherhood", "Care and fatherhood", "Cuidados y paternidad"),
    ("ending-violence", "Ending violence", "Fin de la violencia"),
    ("srhr", "Sexual and reproductive health and rights", "Salud y derechos sexuales"),
    ("youth-and-education", "Youth and education", "Juventud y educación"),
    ("economic-and-climate-justice", "Economic and climate justice", "Justicia económica"),
]


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _members():
    """(organisation id, country, network id, regional network id, kind) of active members."""
    return list(
        Membership.objects.filter(status=Membership.Status.ACTIVE, organisation__isnull=False)
        .values_list(
            "organisation_id",
            "organisation__country_id",
            "network_id",
            "network__parent_id",
            "organisation__kind",
        )
        .order_by("organisation_id")
    )


def _dates(rng, today):
    starts = today - datetime.timedelta(days=rng.randint(-300, 9 * 365))
    if starts > today:
        return starts, None, Activity.Status.PLANNED
    if rng.random() < 0.05:
        return starts, None, Activity.Status.CANCELLED
    ends = starts + datetime.timedelta(days=rng.randint(1, 900)) if rng.random() < 0.8 else None
    if ends and ends < today:
        return starts, ends, Activity.Status.COMPLETED
    return starts, ends, Activity.Status.ONGOING


def _reach(rng, activity):
    rows = []
    bands = rng.sample(list(Reach.AgeBand.values), rng.randint(1, 3))
    for band in bands:
        for gender, chance, size in (
            ("men", 1.0, 200),
            ("women", 0.7, 120),
            ("non_binary", 0.2, 6),
            ("self_described", 0.1, 4),
            ("not_recorded", 0.15, 20),
        ):
            if rng.random() < chance:
                rows.append(
                    Reach(
                        activity=activity,
                        age_band=band,
                        gender=gender,
                        count=rng.randint(1, size),
                    )
                )
    return rows


def load(demo):
    """Bulk-created for speed at --scale 10; one audit event records the load."""
    rng = demo.random
    members = _members()
    if not members:
        return
    today = timezone.localdate()
    by_network, by_region, womens = {}, {}, {}
    for org, country, network, region, kind in members:
        by_network.setdefault(network, []).append((org, country))
        by_region.setdefault(region, []).append((org, country))
        if kind == Organisation.Kind.WOMENS_RIGHTS:
            womens.setdefault(region, []).append(org)
    region_countries = {
        region: sorted({country for _org, country in orgs}) for region, orgs in by_region.items()
    }
    terms = {
        vocabulary: list(Term.objects.filter(vocabulary=vocabulary))
        for vocabulary in ("theme", "mandate", "age_group")
    }
    activities, extras = [], []
    for _number in range(demo.count(300)):
        org, country, network, region, _kind = rng.choice(members)
        language = _language(country)
        kind = _pick(rng, KINDS)
        starts, ends, status = _dates(rng, today)
        topic = rng.randrange(len(TOPICS["en"]))
        city = f"{rng.choice(['Capital', 'North', 'South', 'Coast'])} {country}"
        people = rng.randrange(len(PEOPLE["en"]))
        texts = {"title": {}, "summary": {}}
        for code in {language, "en"} if rng.random() < 0.6 else {language}:
            texts["title"][code] = f"{TOPICS[code][topic]}: {FORMATS[kind][code]} {starts.year}"
            texts["summary"][code] = SUMMARIES[code].format(people=PEOPLE[code][people], city=city)
        activity = Activity(
            kind=kind,
            status=status,
            language=language,
            lead_id=org,
            starts_on=starts,
            ends_on=ends,
            is_new_programme=rng.random() < 0.12,
            created_by=demo.staff,
            **texts,
        )
        neighbours = by_region.get(region, []) or by_network[network]
        chosen = rng.sample(neighbours, min(rng.randint(0, 3), len(neighbours)))
        partners = {partner for partner, _country in chosen} - {org}
        nearby = region_countries.get(region) or [country]
        countries = {country} | set(
            rng.sample(nearby, min(rng.choice([0, 0, 0, 1, 2]), len(nearby)))
        )
        extras.append(
            {
                "partners": partners,
                "countries": countries,
                "networks": {network} | ({region} if region and rng.random() < 0.3 else set()),
                "themes": rng.sample(terms["theme"], rng.randint(1, 3)),
                "mandates": rng.sample(terms["mandate"], rng.randint(0, 2)),
                "age_groups": rng.sample(terms["age_group"], rng.randint(1, 2)),
                "womens": womens.get(region, []),
            }
        )
        activities.append(activity)
    Activity.objects.bulk_create(activities, batch_size=1000)
    _links(activities, extras)
    reach = _people_reached(rng, activities)
    consultations = _consultations(rng, activities, extras)
    outputs = _outputs(rng, activities)
    groups = _working_groups(demo, activities)
    _representative(demo, members)
    audit_record(
        actor=demo.staff,
        verb="demo.load",
        target=demo.staff,
        after={"activities": len(activities), "working_groups": groups},
    )
    demo.say(
        f"{len(activities)} activities, {reach} reach rows, {consultations} consultations, "
        f"{outputs} outputs, {groups} working groups"
    )


def _links(activities, extras):
    rows = {name: [] for name in ("partners", "countries", "networks", "themes", "mandates")}
    rows["age_groups"] = []
    for activity, extra in zip(activities, extras, strict=True):
        for org in extra["partners"]:
            rows["partners"].append(
                Activity.partners.through(activity_id=activity.pk, organisation_id=org)
            )
        for code in extra["countries"]:
            rows["countries"].append(
                Activity.countries.through(activity_id=activity.pk, country_id=code)
            )
        for network in extra["networks"]:
            rows["networks"].append(
                Activity.networks.through(activity_id=activity.pk, network_id=network)
            )
        for name in ("themes", "mandates", "age_groups"):
            through = getattr(Activity, name).through
            rows[name] += [through(activity_id=activity.pk, term_id=t.pk) for t in extra[name]]
    for name, links in rows.items():
        getattr(Activity, name).through.objects.bulk_create(links, batch_size=2000)


def _people_reached(rng, activities):
    rows = []
    for activity in activities:
        if activity.status in {Activity.Status.PLANNED, Activity.Status.CANCELLED}:
            continue
        cells = _reach(rng, activity)
        activity.people_reached = sum(cell.count for cell in cells)
        rows += cells
    Reach.objects.bulk_create(rows, batch_size=2000)
    Activity.objects.bulk_update(activities, ["people_reached"], batch_size=1000)
    return len(rows)


def _consultations(rng, activities, extras):
    """A consultation record for every new programme, never dated in the future."""
    today = timezone.localdate()
    records, consulted = [], []
    for activity, extra in zip(activities, extras, strict=True):
        if not activity.is_new_programme:
            continue
        organisations = rng.sample(extra["womens"], min(len(extra["womens"]), rng.randint(1, 2)))
        records.append(
            Consultation(
                activity=activity,
                consulted_on=min(
                    today, activity.starts_on - datetime.timedelta(days=rng.randint(20, 120))
                ),
                method=rng.choice(Consultation.Method.values),
                what_changed=rng.choice(CHANGES),
                other_organisations="" if organisations else "Local women's rights collective",
            )
        )
        consulted.append(organisations)
    Consultation.objects.bulk_create(records, batch_size=1000)
    Consultation.organisations.through.objects.bulk_create(
        [
            Consultation.organisations.through(consultation_id=record.pk, organisation_id=org)
            for record, organisations in zip(records, consulted, strict=True)
            for org in organisations
        ],
        batch_size=2000,
    )
    return len(records)


def _outputs(rng, activities):
    """Some completed activities produced resources of the library, when it has any."""
    resources = list(
        Resource.objects.filter(status=Resource.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    if not resources:
        return 0
    links = []
    for activity in activities:
        if activity.status == Activity.Status.COMPLETED and rng.random() < 0.3:
            for resource in rng.sample(resources, min(len(resources), rng.randint(1, 2))):
                links.append(
                    Activity.outputs.through(activity_id=activity.pk, resource_id=resource)
                )
    Activity.outputs.through.objects.bulk_create(links, batch_size=2000)
    return len(links)


def _working_groups(demo, activities):
    """Five working groups, convened by demo coordinators and organisations; about a quarter
    of the activities belong to one, whose lead is then among the group's members."""
    rng = demo.random
    conveners = list(User.objects.filter(email__startswith="coordinator.").order_by("email"))
    groups = []
    for number, (slug, name_en, name_es) in enumerate(GROUPS):
        groups.append(
            services.working_group_create(
                actor=demo.staff,
                slug=slug,
                name={"en": name_en, "es": name_es},
                description={
                    "en": (
                        f"Members who share methods, evidence and campaigns on {name_en.lower()}."
                    ),
                    "es": f"Miembros que comparten métodos y campañas: {name_es.lower()}.",
                },
                convener_people=conveners[number % len(conveners) : number % len(conveners) + 1]
                if conveners
                else [],
            )
        )
    members = {group.pk: set() for group in groups}
    joined = []
    for activity in activities:
        if rng.random() < 0.25:
            group = rng.choice(groups)
            activity.working_group = group
            members[group.pk].add(activity.lead_id)
            joined.append(activity)
    Activity.objects.bulk_update(joined, ["working_group"], batch_size=1000)
    for group in groups:
        leads = sorted(members[group.pk])
        conveners_orgs = leads[:2]
        group.convener_organisations.set(conveners_orgs)
        group.members.set(leads)
    return len(groups)


def _representative(demo, members):
    """A demo account that represents a Kenyan member organisation, for recording activities."""
    from menengage.core.demodata import DEMO_STAFF_PASSWORD

    kenyan = [org for org, country, *_rest in members if country == "KE"] or [members[0][0]]
    organisation = Organisation.objects.get(pk=kenyan[0])
    person, created = User.objects.get_or_create(
        email=DEMO_REPRESENTATIVE_EMAIL, defaults={"name": "Achieng Odhiambo"}
    )
    if created:
        person.set_password(DEMO_STAFF_PASSWORD)
        person.save(update_fields=["password"])
    role_assign(
        user=person,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope=organisation,
        actor=demo.staff,
    )
