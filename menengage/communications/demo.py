"""Demo communications: past announcements to each regional network and to the whole
Alliance (recorded as sent, without mailing the invented members), a draft, newsletter
subscribers in four languages, an issue ready to send, and some members' digest choices."""

import datetime

from django.utils import timezone

from menengage.accounts.models import User
from menengage.core.audit import audit_record
from menengage.networks.models import Network

from .models import Announcement, DigestPreference, NewsletterIssue, Subscriber, Topic

TEXTS = {
    "en": ("Regional assembly: save the date", "The regional assembly meets online next month."),
    "es": ("Asamblea regional: reserve la fecha", "La asamblea regional se reúne el mes próximo."),
    "fr": ("Assemblée régionale : réservez la date", "L'assemblée se réunit le mois prochain."),
    "pt": ("Assembleia regional: reserve a data", "A assembleia regional reúne-se no próximo mês."),
}  # fmt: skip


def _texts(fields, texts):
    fields["subject"] = {code: subject for code, (subject, _text) in texts.items()}
    fields["text"] = {code: text for code, (_subject, text) in texts.items()}
    return fields


def load(demo):
    staff = demo.staff or User.objects.filter(is_staff=True).order_by("pk").first()
    if staff is None:
        return
    now = timezone.now()
    announcements = []
    regions = Network.objects.filter(kind=Network.Kind.REGIONAL).order_by("slug")
    for number, region in enumerate(regions):
        fields = _texts({}, TEXTS)
        announcements.append(
            Announcement(
                author=staff,
                network=region,
                roles=["representatives", "individuals"],
                membership_statuses=["active"],
                status=Announcement.Status.SENT,
                sent_at=now - datetime.timedelta(days=7 * (number + 1)),
                **fields,
            )
        )
    welcome = _texts({}, {"en": TEXTS["en"]})
    welcome["subject"] = {
        "en": "Welcome to the new MenEngage platform",
        "es": "Bienvenida a la nueva plataforma de MenEngage",
    }
    welcome["text"] = {
        "en": "Members can now read past announcements here and choose a digest.",
        "es": "Los miembros pueden leer aquí los anuncios pasados y elegir un resumen.",
    }
    announcements.append(
        Announcement(author=staff, status=Announcement.Status.SENT, sent_at=now, **welcome)
    )
    announcements.append(
        Announcement(author=staff, status=Announcement.Status.DRAFT, **_texts({}, TEXTS))
    )
    for announcement in announcements:
        announcement.search_text = announcement.search_words()
    Announcement.objects.bulk_create(announcements)

    languages = ["en", "es", "fr", "pt"]
    topics = Topic.values
    subscribers = []
    for number in range(demo.count(40)):
        language = languages[number % 4]
        subscribers.append(
            Subscriber(
                email=f"reader{number}@newsletter.example",
                languages=[language],
                topics=demo.random.sample(topics, demo.random.randint(1, len(topics))),
                status=Subscriber.Status.CONFIRMED if number % 5 else Subscriber.Status.PENDING,
                consent_text="I agree that the MenEngage Alliance sends me its newsletter.",
                consent_language=language,
                confirmed_at=now if number % 5 else None,
            )
        )
    Subscriber.objects.bulk_create(subscribers)
    NewsletterIssue.objects.create(
        author=staff,
        topic=Topic.NEWS,
        **_texts({}, {code: ("Meet a member", "Stories from our members.") for code in ["en"]}),
    )
    members = User.objects.filter(is_active=True, is_staff=False).order_by("pk")[:20]
    DigestPreference.objects.bulk_create(
        [DigestPreference(user=person, frequency="weekly") for person in members],
        ignore_conflicts=True,
    )
    audit_record(
        actor=staff,
        verb="communications.demo_load",
        target=announcements[-1],
        after={"announcements": len(announcements), "subscribers": len(subscribers)},
    )
    demo.say(f"{len(announcements)} announcements, {len(subscribers)} newsletter subscribers")
