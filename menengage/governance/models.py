"""Governing bodies, their seats and terms, elections, proposals, decisions and meetings."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from menengage.core.addresses import address
from menengage.core.errors import DomainError
from menengage.core.fields import DOCUMENT_MAX_LENGTH, BoundedTextField, DocumentTextField
from menengage.core.translation import TranslatedField, language_choices, translated_order


class Body(models.Model):
    """A board, steering committee, committee or working group of a network."""

    class Kind(models.TextChoices):
        BOARD = "board", _("board")
        STEERING_COMMITTEE = "steering_committee", _("steering committee")
        COMMITTEE = "committee", _("committee")
        WORKING_GROUP = "working_group", _("working group")

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = TranslatedField(_("description"), blank=True)
    publishes_decisions = models.BooleanField(_("publishes its decisions"), default=False)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        help_text=_("Members who must take a position. Empty: a majority of the seats."),
    )
    vote_threshold_numerator = models.PositiveSmallIntegerField(
        _("fallback vote threshold (numerator)"), default=2, validators=[MinValueValidator(1)]
    )
    vote_threshold_denominator = models.PositiveSmallIntegerField(
        _("fallback vote threshold (denominator)"), default=3, validators=[MinValueValidator(1)]
    )

    class Electorate(models.TextChoices):
        NETWORK_MEMBERS = "network_members", _("active member organisations of the network")
        SEAT_HOLDERS = "seat_holders", _("organisations holding a seat on the body")

    electorate = models.CharField(
        _("who elects its members"),
        max_length=20,
        choices=Electorate.choices,
        default=Electorate.NETWORK_MEMBERS,
    )

    class Meta:
        verbose_name = pgettext_lazy("governing body", "body")
        verbose_name_plural = _("bodies")
        ordering = [translated_order("name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    vote_threshold_numerator__lte=models.F("vote_threshold_denominator")
                ),
                name="%(app_label)s_%(class)s_threshold_at_most_one",
            )
        ]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return address("governance:body", slug=self.slug)

    def quorum_for(self, seat_count):
        """The quorum configured, or a majority of `seat_count` seats."""
        return self.quorum if self.quorum is not None else seat_count // 2 + 1


class Seat(models.Model):
    """One place on a body, for a constituency."""

    class Constituency(models.TextChoices):
        REGION = "region", _("region")
        WOMENS_RIGHTS = "womens_rights", _("women's rights organisation")
        YOUTH = "youth", _("youth")
        LGBTIQ = "lgbtiq", _("LGBTIQ")
        GLOBAL_SOUTH = "global_south", _("Global South")
        AT_LARGE = "at_large", _("at large")

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("governing body", "body"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    constituency = models.CharField(_("constituency"), max_length=20, choices=Constituency.choices)
    # For a regional seat: the region it represents.
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "pk"]

    def __str__(self):
        return self.label or self.get_constituency_display()


class Term(models.Model):
    """An organisation, and its named delegate, holding a seat from one date to another."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="terms"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="seat_terms",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="seat_terms",
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["delegate", "ends_on"], name="governance_term_delegate_idx")
        ]

    def __str__(self):
        return f"{self.organisation} — {self.seat}"


class ConstituencyTarget(models.Model):
    """A body's rule: at least this share of its current holders come from a constituency."""

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("governing body", "body"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    constituency = models.CharField(
        _("constituency"), max_length=20, choices=Seat.Constituency.choices
    )
    minimum_percent = models.PositiveSmallIntegerField(
        _("minimum share (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("constituency target")
        verbose_name_plural = _("constituency targets")
        ordering = ["body", "constituency"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "constituency"], name="%(app_label)s_%(class)s_once_per_body"
            )
        ]

    def __str__(self):
        return f"{self.body}: {self.constituency} >= {self.minimum_percent} %"


class Election(models.Model):
    """A call for nominations to a vacant seat, then a vote, then the published result."""

    class Status(models.TextChoices):
        NOMINATING = "nominating", _("nominations open")
        VOTING = "voting", _("voting open")
        PUBLISHED = "published", _("result published")

    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="elections"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOMINATING
    )
    nominations_close_on = models.DateField(_("nominations close on"))
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    elected = models.ForeignKey(
        "Nomination",
        verbose_name=_("elected"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.seat.body} · {self.seat}"

    def get_absolute_url(self):
        return address("governance:election", pk=self.pk)

    def require(self, status, message):
        """Raise a DomainError with `message` unless the election is at `status`."""
        if self.status != status:
            raise DomainError(message)


class Nomination(models.Model):
    """An organisation standing for a seat, with the delegate it names and a statement."""

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="nominations"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    statement = BoundedTextField(_("statement"))
    nominated_at = models.DateTimeField(_("nominated at"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["nominated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="%(app_label)s_%(class)s_once_per_org"
            )
        ]

    def __str__(self):
        return str(self.organisation)


class Ballot(models.Model):
    """One voting organisation's vote in an election; who cast it is recorded, not shown."""

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="ballots"
    )
    voter = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("voting organisation"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("vote for"), on_delete=models.CASCADE, related_name="ballots"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "voter"], name="%(app_label)s_%(class)s_one_per_voter"
            )
        ]

    def __str__(self):
        return f"{self.voter} · {self.election}"


def _attachment_path(instance, filename):
    return f"governance/{instance.body_id}/{filename}"


class Proposal(models.Model):
    """A question put to a body for a decision by consensus."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        VOTING = "voting", _("fallback vote open")
        DECIDED = "decided", _("decided by vote")

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("governing body", "body"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    language = models.CharField(
        _("original language"),
        max_length=8,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the proposal was written in."),
    )
    title = TranslatedField(_("title"), max_length=200, original="language")
    text = TranslatedField(_("text"), max_length=DOCUMENT_MAX_LENGTH, original="language")
    attachment = models.FileField(
        _("attachment"),
        upload_to=_attachment_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Optional, a PDF."),
    )
    anonymous = models.BooleanField(
        _("anonymous positions"),
        default=False,
        help_text=_("Members see the counts and reasons, not who took which position."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    vote_closes_at = models.DateTimeField(_("fallback vote closes at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["status", "closes_at"], name="governance_proposal_due_idx")]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return address("governance:proposal", pk=self.pk)

    def is_open_at(self, now):
        return self.status == self.Status.OPEN and now < self.closes_at

    def is_voting_at(self, now):
        return self.status == self.Status.VOTING and now < self.vote_closes_at


class Position(models.Model):
    """A body member's stance on a proposal; one per member, changeable until closing."""

    class Stance(models.TextChoices):
        AGREE = "agree", _("agree")
        ABSTAIN = "abstain", _("abstain")
        DISAGREE = "disagree", _("disagree")
        BLOCK = "block", _("block")

    NEEDS_REASON = frozenset({Stance.DISAGREE, Stance.BLOCK})

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="positions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="governance_positions",
    )
    # Differs from `member` when a proxy took the position on the member's behalf.
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    stance = models.CharField(_("position"), max_length=10, choices=Stance.choices)
    reason = BoundedTextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"], name="%(app_label)s_%(class)s_one_per_member"
            ),
            models.CheckConstraint(
                condition=~models.Q(stance__in=["disagree", "block"]) | ~models.Q(reason=""),
                name="%(app_label)s_%(class)s_reason_for_disagree_and_block",
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.get_stance_display()}"


class Proxy(models.Model):
    """A member's mandate to another member of the same body, for one proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="proxies"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "giver"], name="%(app_label)s_%(class)s_one_per_giver"
            ),
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("holder")),
                name="%(app_label)s_%(class)s_not_to_oneself",
            ),
        ]

    def __str__(self):
        return f"{self.giver} → {self.holder}"


class ConflictOfInterest(models.Model):
    """A member's declaration that they have an interest in a proposal, so they do not vote."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="conflicts"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = BoundedTextField(_("the interest"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"], name="%(app_label)s_%(class)s_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} · {self.proposal}"


class Vote(models.Model):
    """A member's vote in the fallback vote a chair calls when consensus fails."""

    class Choice(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        ABSTAIN = "abstain", _("abstain")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"], name="%(app_label)s_%(class)s_one_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} · {self.get_choice_display()}"


class Decision(models.Model):
    """The recorded outcome of a proposal: by consensus at closing, or by a fallback vote."""

    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("consensus")
        VOTE = "vote", _("fallback vote")

    class Outcome(models.TextChoices):
        CONSENSUS = "consensus", _("consensus")
        NO_CONSENSUS = "no_consensus", _("no consensus")
        ADOPTED = "adopted", _("adopted by vote")
        REJECTED = "rejected", _("rejected by vote")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="decisions"
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, db_index=True)
    # Counts frozen at closing: the register shows what the body saw, not later edits.
    members = models.PositiveSmallIntegerField(_("members"))
    quorum = models.PositiveSmallIntegerField(_("quorum"))
    agree = models.PositiveSmallIntegerField(_("agree / yes"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    disagree = models.PositiveSmallIntegerField(_("disagree / no"), default=0)
    block = models.PositiveSmallIntegerField(_("block"), default=0)
    conflicted = models.PositiveSmallIntegerField(_("conflicts declared"), default=0)
    published = models.BooleanField(_("published"), default=False, db_index=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "method"], name="%(app_label)s_%(class)s_once_per_method"
            )
        ]

    def __str__(self):
        return f"{self.proposal} · {self.get_outcome_display()}"

    @property
    def taken(self):
        return self.agree + self.abstain + self.disagree + self.block


class Meeting(models.Model):
    """A meeting of a body, with its agenda and, once written and approved, its minutes."""

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("governing body", "body"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place or link"), max_length=200, blank=True)
    minutes = DocumentTextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("governance:meeting", pk=self.pk)


class AgendaItem(models.Model):
    """One item on a meeting's agenda, perhaps a proposal to discuss."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="%(app_label)s_%(class)s_unique_order"
            )
        ]

    def __str__(self):
        return self.title
