"""Announcements to members, the newsletter and its subscribers, digests, and suppressed
addresses. Every message leaves through the outbox (`core.mail`); these models say what was
written, to whom it was meant, and who asked to hear it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from menengage.core.addresses import address
from menengage.core.errors import InvalidTransition
from menengage.core.fields import DOCUMENT_MAX_LENGTH
from menengage.core.translation import TranslatedField, language_choices


class Topic(models.TextChoices):
    NEWS = "news", _("news")
    EVENTS = "events", _("events")
    RESOURCES = "resources", _("resources")
    DECLARATIONS = "declarations", _("declarations")


class WrittenMessage(models.Model):
    """A message written once per language, read in the reader's language or the original."""

    original_language = models.CharField(
        _("original language"),
        max_length=8,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
    )
    # Written in pairs: a language has both a subject and a text, or neither (the services
    # check it), so a reader gets the two in the same language.
    subject = TranslatedField(
        _("subject"), max_length=200, original="original_language", blank=True
    )
    text = TranslatedField(
        _("text"), max_length=DOCUMENT_MAX_LENGTH, original="original_language", blank=True
    )

    class Meta:
        abstract = True

    @property
    def languages(self):
        """The languages this message is written in, the original first."""
        written = self.subject.languages()
        return sorted(written, key=lambda code: code != self.original_language)

    def language_for(self, wanted):
        """The first of `wanted` (a language or a list, in order of preference) this message is
        written in, else its original language."""
        written = self.languages
        for code in [wanted] if isinstance(wanted, str) else wanted:
            if code in written:
                return code
        return self.original_language

    def subject_in(self, language):
        return self.subject.in_language(language)

    def text_in(self, language):
        return self.text.in_language(language)

    def search_words(self):
        return "\n".join(
            text for field in (self.subject, self.text) for _code, text in field.items()
        ).lower()


class Announcement(WrittenMessage):
    """A message to members: the whole Alliance, a network or region, a body or a working group."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")

    class Role(models.TextChoices):
        REPRESENTATIVES = "representatives", _("representatives of member organisations")
        INDIVIDUALS = "individuals", _("individual members")
        COORDINATORS = "coordinators", _("network coordinators")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="announcements_written",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network or region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    governing_body = models.ForeignKey(
        "governance.Body",
        verbose_name=pgettext_lazy("governing body", "body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    working_group = models.ForeignKey(
        "activities.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    roles = models.JSONField(_("who in the network"), default=list, blank=True)
    membership_statuses = models.JSONField(_("membership status"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), null=True, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-sent_at", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__isnull=True, governing_body__isnull=True)
                | models.Q(network__isnull=True, working_group__isnull=True)
                | models.Q(governing_body__isnull=True, working_group__isnull=True),
                name="%(app_label)s_%(class)s_one_audience",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "sent"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "sent_at"], name="communications_ann_sent_idx")]

    def __str__(self):
        return self.subject_in(self.original_language) or f"#{self.pk}"

    def get_absolute_url(self):
        return address("communications:announcement", pk=self.pk)

    @property
    def audience_label(self):
        if self.governing_body_id:
            return str(self.governing_body)
        if self.working_group_id:
            return str(self.working_group)
        if self.network_id:
            return str(self.network)
        return str(_("the whole Alliance"))

    def check_sendable(self):
        if self.status != self.Status.DRAFT:
            raise InvalidTransition(_("This announcement has already been sent."))


class NewsletterIssue(WrittenMessage):
    """One issue of the newsletter, sent to the confirmed subscribers of its topic."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="newsletter_issues_written",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "sent"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        return self.subject_in(self.original_language) or f"#{self.pk}"

    def check_sendable(self):
        if self.status != self.Status.DRAFT:
            raise InvalidTransition(_("This issue has already been sent."))


def new_token():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """Someone who asked for the newsletter, in their languages and topics, with their consent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(_("e-mail address"), unique=True)
    languages = models.JSONField(_("languages"), default=list)
    topics = models.JSONField(_("topics"), default=list)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # The secret behind every signed link to this subscriber's preferences; a new one
    # invalidates the old links.
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    consent_text = models.TextField(_("wording consented to"))
    consent_language = models.CharField(_("language of consent"), max_length=5)
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "unsubscribed"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        # No address: this label is what the audit trail keeps after a deletion.
        return f"subscriber #{self.pk}"

    @property
    def languages_by_preference(self):
        """Their languages, the one they subscribed in first when they chose it."""
        return sorted(self.languages, key=lambda code: code != self.consent_language)

    @property
    def language(self):
        """The language of messages about the subscription itself: the one they subscribed in."""
        return self.consent_language


class Suppression(models.Model):
    """An address that no announcement, newsletter or digest is sent to: it bounced for good,
    its owner complained, or staff stopped it."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("permanent bounce")
        COMPLAINT = "complaint", _("complaint")
        MANUAL = "manual", _("stopped by staff")

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("suppressed at"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class DigestPreference(models.Model):
    """How often a member wants a digest of what is new for them."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("as soon as something is new")
        WEEKLY = "weekly", _("once a week")
        NONE = "none", _("no digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="digest_preference",
    )
    frequency = models.CharField(
        pgettext_lazy("digest e-mail", "digest"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    last_sent_at = models.DateTimeField(_("last digest covered up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=["immediate", "weekly", "none"]),
                name="%(app_label)s_%(class)s_frequency_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_frequency_display()}"
