import hashlib
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.fields import BoundedTextField
from menengage.core.models import Country, Term
from menengage.core.translation import TranslatedField, language_choices
from menengage.core.vocabulary import VocabularyQuerySet
from menengage.networks.models import Network


def validate_time_zone(value):
    """Accept only IANA zone names that zoneinfo knows (Africa/Nairobi, America/Sao_Paulo...)."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone.") % {"zone": value})


class Event(models.Model):
    """A gathering of the Alliance: a Global Symposium, an assembly, a meeting or a webinar."""

    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("global symposium")
        ASSEMBLY = "assembly", _("members' assembly")
        REGIONAL_MEETING = "regional_meeting", _("regional meeting")
        WEBINAR = "webinar", _("webinar")
        PEER_LEARNING = "peer_learning", _("peer-learning session")
        UN_DELEGATION = "un_delegation", _("UN delegation")

    class Mode(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")
        INVITATION = "invitation", _("by invitation")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    language = models.CharField(
        _("original language"),
        max_length=8,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the title and description were first written in."),
    )
    title = TranslatedField(_("title"), max_length=200, original="language")
    description = TranslatedField(_("description"), original="language", blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Stored in UTC like every DateTimeField; `time_zone` is where the event happens.
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="UTC", validators=[validate_time_zone]
    )
    languages = models.ManyToManyField(
        Term,
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.LANGUAGE},
    )
    interpretation = models.ManyToManyField(
        Term,
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.LANGUAGE},
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    requires_approval = models.BooleanField(
        _("registrations need an organiser's approval"), default=False
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("organising network"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), blank=True, related_name="+"
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    # Shown only to confirmed participants (events.permissions.can_see_join_link): never in
    # the public page, calendar feed or API.
    join_url = models.URLField(
        _("link to join online"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https"])],
        help_text=_(
            "The meeting link for online and hybrid events (https). Only participants whose "
            "place is confirmed see it."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    participants_reported = models.PositiveIntegerField(
        _("participants (reported)"),
        null=True,
        blank=True,
        help_text=_("For past events registered elsewhere."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
            )
        ]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return address("events:detail", slug=self.slug)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        if self.mode != self.Mode.ONLINE and not self.venue:
            raise ValidationError({"venue": _("An event held in person needs a venue.")})
        if self.mode == self.Mode.IN_PERSON and self.join_url:
            raise ValidationError(
                {"join_url": _("An event held only in person has no link to join online.")}
            )


class Registration(models.Model):
    """A person's place, request or waiting-list entry for an event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        PENDING = "pending", _("awaiting approval")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="en")
    accessibility_needs = BoundedTextField(_("accessibility needs"), blank=True)
    dietary_needs = BoundedTextField(_("dietary needs"), blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=100,
        blank=True,
        help_text=_("Optional, in your own words."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    # The secret in the cancel and confirmation links; never shown to anyone but the registrant.
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["confirmed", "waitlisted", "pending"]),
                name="%(app_label)s_%(class)s_once_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"], name="events_registration_status_idx")]

    def __str__(self):
        return f"{self.name} · {self.event}"


class Call(models.Model):
    """A call for proposals attached to an event, open until a deadline."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    description = BoundedTextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    # An instant in UTC; `time_zone` is the zone the deadline is announced in.
    deadline = models.DateTimeField(_("deadline"))
    time_zone = models.CharField(
        _("time zone of the deadline"),
        max_length=60,
        default="UTC",
        validators=[validate_time_zone],
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("review committee"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["deadline"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("events:call", slug=self.event.slug, call=self.pk)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_open(self, at=None):
        at = at or timezone.now()
        return self.opens_at <= at < self.deadline


class Track(models.Model):
    """A thematic track of a call, such as "Caregiving and fatherhood"."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="tracks"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """A line of the scoring rubric reviewers fill in for each submission."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=150)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Submission(models.Model):
    """A proposal sent to a call: an abstract, a workshop or a session."""

    class Format(models.TextChoices):
        ORAL = "oral", _("oral presentation")
        POSTER = "poster", _("poster")
        WORKSHOP = "workshop", _("workshop")
        SELF_ORGANISED = "self_organised", _("self-organised session")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("under review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("not accepted")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="submissions"
    )
    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.PROTECT, related_name="submissions"
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    title = models.CharField(_("title"), max_length=250)
    abstract = BoundedTextField(_("abstract"))
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="event_submissions",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = BoundedTextField(_("note to the authors"), blank=True)
    authors_notified_at = models.DateTimeField(_("authors notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return self.title


class CoAuthor(models.Model):
    """Someone who wrote a submission with its submitter."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="coauthors",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Review(models.Model):
    """A reviewer's assignment to a submission, and once done, their scores and comments."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="event_reviews",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    comments = BoundedTextField(_("comments"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.submission}"


class Score(models.Model):
    """One reviewer's score of a submission on one criterion."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Session(models.Model):
    """A slot in an event's programme: an accepted submission, a plenary or a break-out."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    submission = models.OneToOneField(
        Submission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session",
    )
    title = TranslatedField(_("title"), max_length=250)
    format = models.CharField(
        _("format"), max_length=20, choices=Submission.Format.choices, blank=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room or stream"), max_length=100, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    speakers = BoundedTextField(_("speakers"), blank=True, help_text=_("One name per line."))
    # Part of the key the rendered programme is kept under (events.selectors.programme_version).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room", "id"]
        indexes = [models.Index(fields=["event", "starts_at"], name="events_session_start_idx")]

    def __str__(self):
        return str(self.title)

    @property
    def speaker_list(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A session cannot end before it starts.")})


class ApiToken(models.Model):
    """An organiser's token for reading registrations through the API; only its hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="event_api_tokens",
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.prefix}…"

    @staticmethod
    def digest_of(secret):
        # The secret is long and random, so a plain SHA-256 is enough (no stretching needed).
        return hashlib.sha256(secret.encode()).hexdigest()
