"""About 40 invented programme evaluations (a few more per --scale step) by member
organisations in every region, with synthetic GEM Scale answers at baseline and endline
whose true effects spread realistically (most small to moderate gains, a few none), each
registered, uploaded and published through the services. The activities' demo
representative (activities.lead@menengage.example) has two of them, one unpublished."""

import datetime

from django.utils import timezone

from menengage.accounts.models import User
from menengage.activities.demo import DEMO_REPRESENTATIVE_EMAIL
from menengage.core.models import Term
from menengage.members.models import Membership, Organisation

from . import services
from .models import Instrument
from .permissions import represented_organisation_ids

PROGRAMMES = [
    "Fathers' circles",
    "Young men and consent",
    "Caring masculinities in schools",
    "Community dialogues on gender norms",
    "Sports coaches for respect",
    "Men as allies in maternal health",
    "Couples' conversations",
    "Youth leaders for equality",
]
ETHICS = [
    "National Ethics Review Board",
    "University Research Ethics Committee",
    "Ministry of Health Ethics Committee",
]
CONSENT = (
    "Participants were told the purpose of the survey, that taking part was voluntary and "
    "could stop at any time, and that their answers are kept under a code, never a name; "
    "only the organisation sees individual answers, and only totals are published."
)


def synthetic_answers(
    instrument,
    rng,
    *,
    respondents,
    shift,
    group="intervention",
    prefix="R",
    waves=("baseline", "endline"),
    age_groups=("youth",),
    missing=0.02,
):
    """CSV bytes of invented answers: each respondent has a level of equity, and moves by
    about `shift` answer points per item between the first and the later waves."""
    items = list(instrument.items.all())
    points = instrument.points
    header = ["respondent", "wave", "group", "age_group", "gender"] + [item.code for item in items]
    lines = [",".join(header)]
    for number in range(respondents):
        level = rng.gauss(0, 0.6)
        age = rng.choice(age_groups)
        gender = rng.choice(["man", "man", "man", "Man", "non-binary", ""])
        for index, wave in enumerate(waves):
            row = [f"{prefix}{number:04d}", wave, group, age, gender]
            for item in items:
                if missing and rng.random() < missing:
                    row.append("")
                    continue
                equity = 2 + level + (shift if index else 0) + rng.gauss(0, 0.7)
                value = min(points[-1], max(points[0], round(equity)))
                if item.reverse_scored:
                    value = points[0] + points[-1] - value
                row.append(str(value))
            lines.append(",".join(row))
    return ("\n".join(lines) + "\n").encode()


def _members_by_region():
    regions = {}
    rows = Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__isnull=False
    ).values_list("organisation_id", "network__parent_id", "network_id")
    for organisation, region, network in rows.order_by("organisation_id"):
        regions.setdefault(region or network, []).append(organisation)
    return regions


def load(demo):
    rng = demo.random
    gem = Instrument.objects.filter(family="gem", status=Instrument.Status.PUBLISHED).first()
    regions = _members_by_region()
    if gem is None or not regions:
        return
    # The demo representative's organisation gets two evaluations, one left unpublished,
    # so that signing in as them shows what only the organisation sees.
    person = User.objects.filter(email=DEMO_REPRESENTATIVE_EMAIL).first()
    own = represented_organisation_ids(person) if person else []

    age_groups = list(Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP))
    today = timezone.localdate()
    keys = sorted(regions, key=str)
    # About 40 at the Alliance's size, 8 more per extra scale step; a small test alliance
    # (a fractional scale) gets its share, at least one.
    count = demo.count(40) if demo.scale < 1 else round(40 + 8 * (demo.scale - 1))
    published = 0
    for number in range(count):
        region = keys[number % len(keys)]
        chosen_id = own[0] if own and number < 2 else rng.choice(regions[region])
        organisation = Organisation.objects.get(pk=chosen_id)
        comparison = rng.random() < 0.25
        chosen = rng.sample(age_groups, rng.randint(1, 2))
        evaluation = services.evaluation_register(
            actor=demo.staff,
            organisation=organisation,
            instrument=gem,
            title=f"{rng.choice(PROGRAMMES)} ({organisation.country_id}, {2016 + number % 9})",
            design="pre_post_comparison" if comparison else "pre_post",
            waves=["baseline", "endline"],
            country=organisation.country,
            age_groups=chosen,
            ethics_body=rng.choice(ETHICS),
            ethics_reference=f"ERC/{2016 + number % 9}/{rng.randint(10, 999)}",
            ethics_approved_on=today - datetime.timedelta(days=rng.randint(400, 3000)),
            consent_statement=CONSENT,
        )
        # True effects: mostly small-to-moderate gains, some none, now and then a large one.
        shift = max(-0.1, rng.gauss(0.25, 0.15))
        codes = tuple(term.code for term in chosen)
        content = synthetic_answers(
            gem, rng, respondents=rng.randint(25, 120), shift=shift, age_groups=codes
        )
        if comparison:
            content += synthetic_answers(
                gem,
                rng,
                respondents=rng.randint(20, 80),
                shift=rng.gauss(0.03, 0.05),
                group="comparison",
                prefix="C",
                age_groups=codes,
            ).split(b"\n", 1)[1]
        services.responses_upload(evaluation=evaluation, actor=demo.staff, content=content)
        if rng.random() < 0.85 and not (own and number == 1):
            services.evaluation_publish(evaluation=evaluation, actor=demo.staff)
            published += 1
    demo.say(f"{count} evaluations with synthetic GEM Scale answers, {published} published")
