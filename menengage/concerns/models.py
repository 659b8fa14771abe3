"""Concerns raised under the Accountability Standards, and the cases that handle them.

Every word a reporter or a handler writes is stored encrypted (see crypto.py); the columns in
clear are the few facts needed to route, exclude, time and count cases.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.errors import InvalidTransition

ACKNOWLEDGE_DAYS = 7
RESPOND_DAYS = 90


class Concern(models.Model):
    """A concern reported to the Alliance, and the case handling it; its words are encrypted."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("feedback")
        COMPLAINT = "complaint", _("complaint")

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("an individual")
        ORGANISATION = "organisation", _("an organisation")
        NETWORK = "network", _("a network")
        ALLIANCE = "alliance", _("the Alliance's work")
        LEADERSHIP = "leadership", _("a Board member, a network coordinator or the Secretariat")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        WAITING = "waiting", _("waiting for the reporter")
        CLOSED = "closed", _("closed")
        APPEALED = "appealed", _("appealed")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("resolved")
        REFERRED = "referred", _("referred")
        NOT_UPHELD = "not_upheld", _("not upheld")
        ACTION_TAKEN = "action_taken", _("action taken")

    class Route(models.TextChoices):
        NETWORK = "network", _("accountability focal points")
        GOVERNANCE = "governance", _("Governance Committee")

    OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.WAITING, Status.APPEALED)
    UNACKNOWLEDGED = (Status.RECEIVED, Status.APPEALED)

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    subject_kind = models.CharField(_("about"), max_length=12, choices=Subject.choices)
    subject_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The regional network the concern falls under, for the yearly statistics only.
    region = models.ForeignKey(
        "networks.Network",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    route = models.CharField(_("handled by"), max_length=12, choices=Route.choices)
    handling_network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network handling it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices, blank=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    is_named = models.BooleanField(_("reporter gave a name"), default=False)
    on_behalf = models.BooleanField(_("reported on someone's behalf"), default=False)
    # Encrypted JSON: what happened, when and where, whom it is about, the principle, and the
    # reporter's name and e-mail when they gave them.
    content = models.BinaryField(_("encrypted content"))
    receipt_lookup = models.CharField(_("receipt lookup key"), max_length=64, unique=True)
    receipt_hash = models.CharField(_("receipt hash"), max_length=200)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    acknowledge_due = models.DateField(_("acknowledgement due"))
    respond_due = models.DateField(_("response due"), null=True, blank=True)
    # When focal points were told a deadline passed, so they are told once.
    flagged_acknowledge_at = models.DateTimeField(null=True, blank=True)
    flagged_respond_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""),
                name="%(app_label)s_%(class)s_closed_has_outcome",
            ),
        ]

    def __str__(self):
        # Only the number: this label is copied into the audit trail.
        return _("Concern %(number)s") % {"number": self.pk}

    @property
    def reference(self):
        return f"{self.received_at:%Y}-{self.pk:05d}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def needs_acknowledgement(self):
        return self.status in self.UNACKNOWLEDGED

    def is_acknowledge_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.needs_acknowledgement and today > self.acknowledge_due

    def is_respond_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.respond_due is not None and today > self.respond_due

    def is_overdue(self, today=None):
        return self.is_acknowledge_overdue(today) or self.is_respond_overdue(today)

    def set_deadlines(self, start: datetime.datetime, *, response_owed: bool):
        """Acknowledge within 7 days (EU whistleblowing directive); respond within 90 when owed."""
        day = timezone.localtime(start).date()
        self.acknowledge_due = day + datetime.timedelta(days=ACKNOWLEDGE_DAYS)
        self.respond_due = day + datetime.timedelta(days=RESPOND_DAYS) if response_owed else None

    def check_open(self):
        if not self.is_open:
            raise InvalidTransition(_("This concern is closed."))


class CaseAssignment(models.Model):
    """A person who may read and handle a case: a lead told on arrival, or a handler they added."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        HANDLER = "handler", _("handler")

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="concern_assignments",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "user"], name="%(app_label)s_%(class)s_once_per_case"
            )
        ]

    def __str__(self):
        return f"{self.concern} · {self.user}"


class CaseExclusion(models.Model):
    """A person kept out of a case because they belong to what it is about."""

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="exclusions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="concern_exclusions",
    )

    class Meta:
        verbose_name = _("case exclusion")
        verbose_name_plural = _("case exclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "user"], name="%(app_label)s_%(class)s_once_per_case"
            )
        ]

    def __str__(self):
        return f"{self.concern} · {self.user}"


class CaseStep(models.Model):
    """One step in handling a case, or a message between handlers and the reporter (encrypted)."""

    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        ASSIGNED = "assigned", _("handler assigned")
        QUESTION = "question", _("question to the reporter")
        REPLY = "reply", _("message to the reporter")
        REPORTER = "reporter", _("message from the reporter")
        NOTE = "note", _("internal note")
        CLOSED = "closed", _("closed")
        APPEALED = "appealed", _("appealed")

    SEEN_BY_REPORTER = {
        Kind.ACKNOWLEDGED,
        Kind.QUESTION,
        Kind.REPLY,
        Kind.REPORTER,
        Kind.CLOSED,
        Kind.APPEALED,
    }

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    # Empty when the reporter wrote it: they have no account, and a named one stays unlinked.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.BinaryField(_("encrypted text"), blank=True, default=b"")
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.concern} · {self.get_kind_display()}"

    @property
    def seen_by_reporter(self):
        return self.kind in self.SEEN_BY_REPORTER


class Attachment(models.Model):
    """A file given with a concern or a message, stored encrypted in the database, never in
    public media."""

    class Type(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        DOCX = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        )

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="attachments"
    )
    step = models.ForeignKey(
        CaseStep,
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    content_type = models.CharField(_("type"), max_length=100, choices=Type.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    # Encrypted JSON header (the file's name) and encrypted bytes.
    name = models.BinaryField(_("encrypted name"))
    data = models.BinaryField(_("encrypted data"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.concern} · {_('attachment')} {self.pk}"
