import re
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.errors import InvalidTransition
from menengage.core.fields import DOCUMENT_MAX_LENGTH, BoundedTextField
from menengage.core.models import Country
from menengage.core.translation import TranslatedField, active_language, translated_order
from menengage.members.models import Organisation

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_paragraphs(text):
    """The text's paragraphs (separated by blank lines), numbered from 1."""
    parts = [part.strip() for part in PARAGRAPH_BREAK.split(text or "")]
    return [(number, part) for number, part in enumerate((p for p in parts if p), start=1)]


def normalise_email(email):
    return (email or "").strip().lower()


def normalise_organisation_name(name):
    """Case, accents of spacing and punctuation do not make two organisations different."""
    words = re.findall(r"\w+", (name or "").casefold())
    return " ".join(words)


class Declaration(models.Model):
    """A statement of the Alliance, usually the outcome of a Global Symposium, that people sign."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("open for comment")
        ADOPTED = "adopted", _("adopted")

    TRANSITIONS = {
        Status.DRAFT: {Status.CONSULTATION, Status.ADOPTED},
        Status.CONSULTATION: {Status.DRAFT, Status.ADOPTED},
        Status.ADOPTED: set(),
    }

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = TranslatedField(_("title"), max_length=200)
    summary = TranslatedField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
        help_text=_("The event, usually a Global Symposium, that produced the declaration."),
    )
    comment_closes_on = models.DateField(_("comments close on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    drafters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafters"),
        blank=True,
        related_name="drafted_declarations",
        help_text=_("People who answer comments and edit drafts, besides the Secretariat."),
    )
    # Confirmed, not withdrawn endorsements, kept by the services in the same transaction as
    # the endorsement they count, so the public pages never count 50,000 rows.
    organisation_count = models.PositiveIntegerField(
        _("organisations endorsing"), default=0, editable=False
    )
    individual_count = models.PositiveIntegerField(
        _("individuals endorsing"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-adopted_on", translated_order("title")]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return address("declarations:detail", slug=self.slug)

    @property
    def signatory_count(self):
        return self.organisation_count + self.individual_count

    @property
    def is_open_for_comment(self):
        return self.status == self.Status.CONSULTATION and (
            self.comment_closes_on is None or timezone.localdate() <= self.comment_closes_on
        )

    @property
    def is_open_for_endorsement(self):
        return self.status == self.Status.ADOPTED

    def check_transition(self, to):
        """Raise InvalidTransition unless the status may move to `to`."""
        if to not in self.TRANSITIONS[self.Status(self.status)]:
            raise InvalidTransition(
                _("A declaration cannot go from %(current)s to %(target)s.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )


class DeclarationVersion(models.Model):
    """One version of a declaration's text, in each language; frozen once adopted."""

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    # The paragraphs are numbered after the text in the site's default language.
    text = TranslatedField(
        _("text"),
        max_length=DOCUMENT_MAX_LENGTH,
        help_text=_("Separate paragraphs with a blank line."),
    )
    note = BoundedTextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("declaration version")
        verbose_name_plural = _("declaration versions")
        ordering = ["declaration", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.declaration} v{self.number}"

    @property
    def is_frozen(self):
        return self.adopted_at is not None

    @property
    def is_translated(self):
        return bool(self.text.get(active_language()))

    @property
    def paragraphs(self):
        """Numbered paragraphs in the active language; the numbers follow the English text."""
        return split_paragraphs(self.text)

    @property
    def paragraph_numbers(self):
        return [number for number, _text in split_paragraphs(self.text.get(settings.LANGUAGE_CODE))]


class Comment(models.Model):
    """A member's comment on one paragraph of a draft, or a drafter's answer to one."""

    version = models.ForeignKey(
        DeclarationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    paragraph = models.PositiveSmallIntegerField(_("paragraph"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="declaration_comments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declaration_comments",
    )
    answer_to = models.ForeignKey(
        "self",
        verbose_name=_("answer to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    body = BoundedTextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["version", "paragraph", "created_at", "pk"]
        indexes = [
            models.Index(fields=["version", "paragraph"], name="declarations_comment_para_idx")
        ]

    def __str__(self):
        return f"{self.version} ¶{self.paragraph} · {self.author}"


class Endorsement(models.Model):
    """A signature of an adopted declaration by an organisation or by a person."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        INDIVIDUAL = "individual", _("individual")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("member organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declaration_endorsements",
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    # The name folded by normalise_organisation_name with the country code: the key that
    # keeps one endorsement per organisation, members and non-members alike.
    organisation_key = models.CharField(
        _("organisation key"), max_length=220, blank=True, editable=False
    )
    signatory_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    # The Alliance region's slug, copied from the country, so the public list filters on an
    # indexed column of this table.
    region = models.CharField(_("region"), max_length=40, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=5, default="en")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key = models.UUIDField(_("link key"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "organisation_key"],
                condition=models.Q(kind="organisation"),
                name="%(app_label)s_%(class)s_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["declaration", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="%(app_label)s_%(class)s_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["declaration", "email"],
                condition=models.Q(kind="individual"),
                name="%(app_label)s_%(class)s_once_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="individual", organisation__isnull=True)
                | models.Q(kind="organisation") & ~models.Q(organisation_key=""),
                name="%(app_label)s_%(class)s_kind_complete",
            ),
        ]
        # The public list: confirmed rows of one declaration, newest first (by id, for keyset
        # pages), optionally for one country, region or kind.
        indexes = [
            models.Index(fields=["declaration", "status", "id"], name="declarations_end_list_idx"),
            models.Index(
                fields=["declaration", "status", "country", "id"],
                name="declarations_end_country_idx",
            ),
            models.Index(
                fields=["declaration", "status", "region", "id"],
                name="declarations_end_region_idx",
            ),
            models.Index(
                fields=["declaration", "status", "kind", "id"], name="declarations_end_kind_idx"
            ),
        ]

    def __str__(self):
        return f"{self.display_name} · {self.declaration}"

    @property
    def display_name(self):
        if self.kind == self.Kind.ORGANISATION:
            return self.organisation_name
        return self.signatory_name

    def check_transition(self, to):
        allowed = {
            self.Status.PENDING: {self.Status.CONFIRMED, self.Status.WITHDRAWN},
            self.Status.CONFIRMED: {self.Status.WITHDRAWN},
            self.Status.WITHDRAWN: set(),
        }
        if to not in allowed[self.Status(self.status)]:
            raise InvalidTransition(
                _("An endorsement cannot go from %(current)s to %(target)s.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )


class Commitment(models.Model):
    """Something the signatories of a declaration commit to do, numbered within it."""

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = TranslatedField(_("text"), max_length=DOCUMENT_MAX_LENGTH)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["declaration", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.declaration} · {self.number}"


class CommitmentAction(models.Model):
    """What a member organisation reports it did to carry out a commitment."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="actions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="commitment_actions",
    )
    region = models.CharField(_("region"), max_length=40, blank=True, editable=False)
    description = BoundedTextField(_("what you did"), max_length=2000)
    taken_on = models.DateField(_("when"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = _("reported action")
        verbose_name_plural = _("reported actions")
        ordering = ["-taken_on", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.commitment}"
