"""About 5,000 invented resources (50,000 at --scale 10) in four languages.

A dozen get real PDF and DOCX files of several pages, built here and sent through the upload
and extraction path; the rest are bulk-created with their text set directly, then indexed
in one pass.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.audit import audit_record
from menengage.core.demodata import DEMO_STAFF_PASSWORD
from menengage.core.models import Term
from menengage.core.translation import site_languages
from menengage.members.models import Membership, Organisation
from menengage.networks.models import Network

from . import samples, search, services
from .demo_words import (
    AUDIENCES,
    BODY,
    BOILERPLATE,
    FIRST_NAMES,
    KIND_WORDS,
    LAST_NAMES,
    OTHER_PUBLISHERS,
    SUMMARY,
    TOPIC_THEMES,
    TOPICS,
)
from .models import Resource

RESOURCES_PER_SCALE = 5000
REAL_FILES = 12
BODY_WORDS = 700  # about three pages
# How often each language is a resource's original one; a language with demo words and no
# weight here is given a small one.
LANGUAGE_WEIGHTS = {"en": 50, "es": 22, "fr": 15, "pt": 13}
OTHER_LANGUAGE_WEIGHT = 5


def _written_languages():
    """The site's languages the demo has words in (settings order)."""
    return [code for code in site_languages() if code in TOPICS]


KINDS = [
    ("toolkit", 16),
    ("training_manual", 12),
    ("report", 24),
    ("research_article", 14),
    ("policy_brief", 14),
    ("curriculum", 6),
    ("video", 8),
    ("infographic", 6),
]
REPRESENTATIVE_EMAIL = "representative.library@menengage.example"


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


class Writer:
    """Builds the words of one resource from the aligned lists."""

    def __init__(self, rng, countries):
        self.rng = rng
        self.countries = countries
        self.body_words = {code: text.split() for code, text in BODY.items()}

    def title(self, language, kind, topic, audience):
        kind_words = KIND_WORDS[language][kind]
        return f"{kind_words} {TOPICS[language][topic]} {AUDIENCES[language][audience]}"

    def summary(self, language, kind, topic, audience, country):
        return SUMMARY[language].format(
            kind=KIND_WORDS[language][kind],
            topic=TOPICS[language][topic],
            audience=AUDIENCES[language][audience],
            country=country.name.in_language(language),
        )

    def body(self, language, topic, size=BODY_WORDS):
        rng = self.rng
        words = rng.choices(self.body_words[language], k=size)
        topic_words = TOPICS[language][topic].split()
        sentences = []
        for start in range(0, size, 14):
            sentence = words[start : start + 14]
            if rng.random() < 0.3:
                sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(topic_words))
            sentences.append(" ".join(sentence).capitalize() + ".")
        paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
        paragraphs.append(BOILERPLATE[language])
        return paragraphs

    def authors(self):
        count = self.rng.choice((0, 1, 1, 2, 2, 3))
        return "; ".join(
            f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}" for _ in range(count)
        )


def load(demo):
    rng = demo.random
    themes = {term.code: term for term in Term.objects.filter(vocabulary=Term.Vocabulary.THEME)}
    mandates = list(Term.objects.filter(vocabulary=Term.Vocabulary.MANDATE))
    age_groups = list(Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP))
    regions = list(Network.objects.filter(kind=Network.Kind.REGIONAL, is_forming=False))
    countries_by_region = {
        region.pk: [
            network.country
            for network in Network.objects.filter(parent=region).select_related("country")
        ]
        for region in regions
    }
    regions = [region for region in regions if countries_by_region[region.pk]]
    publishers = list(
        Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)[:400]
    )
    writer = Writer(rng, countries_by_region)
    total = max(0, demo.count(RESOURCES_PER_SCALE) - REAL_FILES)
    now = datetime.datetime.now(datetime.UTC)
    resources, tags = [], []
    for _number in range(total):
        fields, tag = _invent(rng, writer, regions, countries_by_region, publishers)
        resources.append(Resource(**fields, published_at=now, created_at=now))
        tags.append(tag)
    Resource.objects.bulk_create(resources, batch_size=1000)
    _link_tags(resources, tags, themes, mandates, age_groups, rng)
    search.rebuild()
    _real_files(demo, writer, regions, countries_by_region, themes)
    _representative(demo, publishers)
    audit_record(
        actor=demo.staff,
        verb="library.demo_load",
        target=resources[0],
        after={"resources": total + REAL_FILES},
    )
    demo.say(f"{total + REAL_FILES} resources, {REAL_FILES} with real PDF and DOCX files")


def _invent(rng, writer, regions, countries_by_region, publishers):
    written = _written_languages()
    language = _pick(
        rng, [(code, LANGUAGE_WEIGHTS.get(code, OTHER_LANGUAGE_WEIGHT)) for code in written]
    )
    kind = _pick(rng, KINDS)
    topic = rng.randrange(len(TOPICS["en"]))
    audience = rng.randrange(len(AUDIENCES["en"]))
    region = rng.choice(regions)
    country = rng.choice(countries_by_region[region.pk])
    published = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(7300))
    fields = {
        "language": language,
        "kind": kind,
        "status": Resource.Status.PUBLISHED,
        "authors": writer.authors(),
        "published_on": published,
        "year": published.year,
        "licence": rng.choice(Resource.Licence.values),
        "audience": AUDIENCES[language][audience],
        "text": "\n\n".join(writer.body(language, topic)),
    }
    # A quarter are translated into one or two other languages.
    translated = {language}
    if rng.random() < 0.25:
        translated.update(rng.sample(written, min(len(written), rng.choice((1, 2)))))
    fields["title"] = {code: writer.title(code, kind, topic, audience) for code in translated}
    fields["summary"] = {
        code: writer.summary(code, kind, topic, audience, country) for code in translated
    }
    if publishers and rng.random() < 0.7:
        fields["publisher_id"] = rng.choice(publishers)
    else:
        fields["publisher_name"] = rng.choice(OTHER_PUBLISHERS)
    if kind == "video":
        fields["external_url"] = f"https://video.example.org/{rng.randrange(10**8):08d}"
    return fields, (topic, region, country)


def _link_tags(resources, tags, themes, mandates, age_groups, rng):
    through = {
        name: getattr(Resource, name).through
        for name in ("themes", "mandates", "age_groups", "regions", "countries")
    }
    rows = {name: [] for name in through}
    theme_list = list(themes.values())
    for resource, (topic, region, country) in zip(resources, tags, strict=True):
        chosen = {themes[TOPIC_THEMES[topic]]} if TOPIC_THEMES[topic] in themes else set()
        if rng.random() < 0.5:
            chosen.add(rng.choice(theme_list))
        rows["themes"] += [through["themes"](resource_id=resource.pk, term_id=t.pk) for t in chosen]
        if rng.random() < 0.4:
            mandate = rng.choice(mandates)
            rows["mandates"].append(
                through["mandates"](resource_id=resource.pk, term_id=mandate.pk)
            )
        for group in rng.sample(age_groups, rng.choice((1, 1, 2))):
            rows["age_groups"].append(
                through["age_groups"](resource_id=resource.pk, term_id=group.pk)
            )
        rows["regions"].append(through["regions"](resource_id=resource.pk, network_id=region.pk))
        rows["countries"].append(
            through["countries"](resource_id=resource.pk, country_id=country.pk)
        )
    for name, objects in rows.items():
        through[name].objects.bulk_create(objects, batch_size=5000)


def _real_files(demo, writer, regions, countries_by_region, themes):
    """A dozen resources with generated files, through the editors' service and extraction."""
    rng = demo.random
    written = _written_languages()
    for number in range(REAL_FILES):
        language = written[number % len(written)]
        kind = ("toolkit", "training_manual", "report")[number % 3]
        topic = rng.randrange(len(TOPICS["en"]))
        audience = rng.randrange(len(AUDIENCES["en"]))
        region = rng.choice(regions)
        country = rng.choice(countries_by_region[region.pk])
        title = writer.title(language, kind, topic, audience)
        paragraphs = writer.body(language, topic, size=1400)
        if number % 2:
            content, name = samples.docx_bytes(title, paragraphs), f"{title}.docx"
        else:
            content, name = samples.pdf_bytes(title, paragraphs), f"{title}.pdf"
        services.resource_create(
            actor=demo.staff,
            language=language,
            kind=kind,
            authors=writer.authors(),
            published_on=datetime.date(2024, 1 + number, 10),
            title={language: title},
            summary={language: writer.summary(language, kind, topic, audience, country)},
            themes=[themes[TOPIC_THEMES[topic]]],
            regions=[region],
            countries=[country],
            files=[(language, SimpleUploadedFile(name, content))],
        )


def _representative(demo, publishers):
    """A member representative who can submit resources in the demo."""
    if not publishers:
        return
    person = User.objects.create_user(
        REPRESENTATIVE_EMAIL, DEMO_STAFF_PASSWORD, name="Lucía Fernández (demo representative)"
    )
    organisation = Organisation.objects.get(pk=publishers[0])
    role_assign(
        user=person,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope=organisation,
        actor=demo.staff,
    )
