from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .translation import TranslatedField, translated_order


class AuditEvent(models.Model):
    """A record of who changed what and when; written by services, never edited."""

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    verb = models.CharField(_("verb"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=64)
    target_label = models.CharField(_("target label"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="core_auditevent_target_idx"),
        ]

    def __str__(self):
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_label}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class Country(models.Model):
    """A country or territory (ISO 3166-1) with its UN M49 region and sub-region."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3)
    region = models.CharField(_("UN M49 region"), max_length=3, db_index=True)
    subregion = models.CharField(_("UN M49 sub-region"), max_length=3)
    name = TranslatedField(_("name"), max_length=100)
    # A representative point for the member map, not a border: one decimal is enough.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = [translated_order("name")]

    def __str__(self):
        return str(self.name)


class Term(models.Model):
    """An entry of a shared vocabulary: a theme, an age group, a UN mandate or a language."""

    class Vocabulary(models.TextChoices):
        THEME = "theme", _("theme")
        AGE_GROUP = "age_group", _("age group")
        MANDATE = "mandate", _("UN mandate")
        LANGUAGE = "language", _("language")

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    code = models.SlugField(_("code"), max_length=40)
    name = TranslatedField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["vocabulary", "position", translated_order("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return str(self.name)


class AttemptCount(models.Model):
    """Attempts counted under one key (an account, a hashed client address) until its window
    ends: the counter behind every limit against guessing and abuse."""

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    # Seconds since the epoch: one integer compares the same way in every database's SQL.
    window_ends = models.BigIntegerField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("attempt count")
        verbose_name_plural = _("attempt counts")

    def __str__(self):
        return f"{self.key}: {self.count}"


class OutgoingMail(models.Model):
    """One e-mail to one address, rendered in its reader's language, waiting to be sent or sent.

    Written by `core.mail.mail_queue`, delivered by the `core.mail.mail_deliver` task; the row is
    the single record of what left (or failed to leave) the platform, and its `key` makes sure
    one event mails one address once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=80, db_index=True)
    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=500)
    text_body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # Set for mail to a concern's reporter: the address and words are wiped once the message
    # has left (or failed for good), so the outbox keeps no copy of what the concern keeps
    # encrypted.
    confidential = models.BooleanField(_("confidential"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # A worker's claim on a batch: others leave these rows alone until the claim runs out.
    claimed_by = models.CharField(_("claimed by"), max_length=40, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_outgoingmail_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="core_outgoingmail_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to} ({self.status})"
