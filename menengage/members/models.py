import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.errors import InvalidTransition
from menengage.core.fields import DOCUMENT_MAX_LENGTH, BoundedTextField
from menengage.core.models import Country, Term
from menengage.core.translation import TranslatedField, active_language
from menengage.core.vocabulary import VocabularyQuerySet
from menengage.networks.models import Network

# org-id.guide identifiers: a list code such as KE-NCB, then the organisation's number there.
ORG_ID = RegexValidator(
    r"^[A-Z]{2,4}(-[A-Z0-9]{2,10})+-[A-Za-z0-9./_-]+$",
    _("Use the org-id.guide form, for example KE-NCB-12345."),
)


class Organisation(models.Model):
    """An NGO, UN agency or other organisation that is, or applies to be, a member."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        INGO = "ingo", _("international NGO")
        UN_AGENCY = "un_agency", _("UN agency")
        ACADEMIC = "academic", _("academic institution")
        WOMENS_RIGHTS = "womens_rights", _("women's rights organisation")
        YOUTH = "youth", _("youth group")
        LGBTIQ = "lgbtiq", _("LGBTIQ group")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="organisations"
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    identifier = models.CharField(
        _("organisation identifier"), max_length=60, blank=True, validators=[ORG_ID]
    )
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    public_email = models.EmailField(_("public contact e-mail"), blank=True)
    public_phone = models.CharField(_("public contact telephone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show the e-mail address in the directory"), default=True)
    show_phone = models.BooleanField(_("show the telephone number in the directory"), default=False)
    description = TranslatedField(_("what the organisation does"), blank=True)
    themes = models.ManyToManyField(
        Term,
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.THEME},
    )
    age_groups = models.ManyToManyField(
        Term,
        verbose_name=_("age groups reached"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.AGE_GROUP},
    )
    languages = models.ManyToManyField(
        Term,
        verbose_name=_("working languages"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.LANGUAGE},
    )
    # A Wagtail image, so the page serves it as small WebP/AVIF renditions; uploaded through
    # members.services.organisation_update, which checks it by its content.
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    works_with_womens_rights = models.BooleanField(
        _("works with women's rights organisations"), default=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Lower-cased name, acronym, city and description, kept by the services that write them,
    # so the directory searches one column instead of four.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    SEARCHED_FIELDS = ("name", "acronym", "city", "description")

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="%(app_label)s_%(class)s_unique_identifier",
            )
        ]
        # The directory's sorts: a page of 24 is read in index order and stops, instead of
        # sorting every member organisation on each request.
        indexes = [
            models.Index(fields=["name", "id"], name="organisation_by_name_idx"),
            models.Index(fields=["created_at", "id"], name="organisation_by_created_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return address("members:organisation", slug=self.slug)

    def indexed_text(self):
        """What the directory search looks in: the searched fields, lower-cased."""
        texts = []
        for field in self.SEARCHED_FIELDS:
            value = getattr(self, field) or ""
            # A translated field is found in every language it is written in.
            texts += [text for _code, text in value.items()] if hasattr(value, "items") else [value]
        return "\n".join(texts).lower()


class Membership(models.Model):
    """An organisation's membership of a country or regional network, and where it stands."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        UNDER_REVIEW = "under_review", _("under review")
        ACTIVE = "active", _("active")
        LAPSED = "lapsed", _("lapsed")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REMOVED = "removed", _("removed")
        DECLINED = "declined", _("declined")

    TRANSITIONS = {
        Status.APPLIED: {Status.UNDER_REVIEW, Status.WITHDRAWN},
        Status.UNDER_REVIEW: {Status.ACTIVE, Status.DECLINED, Status.WITHDRAWN},
        Status.ACTIVE: {Status.LAPSED, Status.SUSPENDED, Status.WITHDRAWN, Status.REMOVED},
        Status.LAPSED: {Status.ACTIVE},
        Status.SUSPENDED: {Status.ACTIVE, Status.REMOVED},
        Status.WITHDRAWN: {Status.ACTIVE},
        Status.REMOVED: set(),
        Status.DECLINED: set(),
    }

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("individual member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    applied_on = models.DateField(_("applied on"))
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    reason = BoundedTextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network"],
                name="%(app_label)s_%(class)s_one_per_network",
            ),
            models.UniqueConstraint(
                fields=["person", "network"],
                name="%(app_label)s_%(class)s_one_per_person_network",
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True, person__isnull=False)
                | models.Q(organisation__isnull=False, person__isnull=True),
                name="%(app_label)s_%(class)s_organisation_or_person",
            ),
        ]
        indexes = [
            models.Index(fields=["network", "status"], name="members_membership_network_idx"),
            # "Is this organisation a member?" is asked of every row the directory counts.
            models.Index(fields=["organisation", "status"], name="members_membership_member_idx"),
        ]

    def __str__(self):
        return f"{self.member} · {self.network}"

    @property
    def member(self):
        return self.organisation or self.person

    def check_transition(self, to):
        """Raise InvalidTransition unless the status may move to `to`."""
        if to not in self.TRANSITIONS[self.Status(self.status)]:
            raise InvalidTransition(
                _("A membership cannot go from %(current)s to %(target)s.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )


class Application(models.Model):
    """A request to join a network, with the applicant's answers to the activities questionnaire."""

    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="application",
    )
    applicant_name = models.CharField(_("your name"), max_length=200)
    applicant_email = models.EmailField(_("your e-mail address"))
    language = models.CharField(_("language"), max_length=5, default="en")
    submission_key = models.UUIDField(_("submission key"), unique=True, default=uuid.uuid4)
    activities = BoundedTextField(_("what you do"))
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    last_action_at = models.DateTimeField(_("last action at"), default=timezone.now)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    information_request = BoundedTextField(_("information asked for"), blank=True)
    decision_reason = BoundedTextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["submitted_at"]

    def __str__(self):
        return f"{self.membership.member} → {self.membership.network}"


class FrameworkDocument(models.Model):
    """One version of a document of the Accountability Framework, with its text per language."""

    class Kind(models.TextChoices):
        CORE_PRINCIPLES = "core-principles", _("Core Principles")
        CODE_OF_CONDUCT = "code-of-conduct", _("Code of Conduct")
        ACCOUNTABILITY_STANDARDS = "accountability-standards", _("Accountability Standards")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    version = models.CharField(_("version"), max_length=10)
    in_force_from = models.DateField(_("in force from"))
    grace_days = models.PositiveSmallIntegerField(
        _("days allowed to endorse again"),
        default=90,
        help_text=_("After this many days, memberships that have not endorsed this version lapse."),
    )
    summary = TranslatedField(_("summary of changes"), blank=True)
    # The text in the site's default language is the authoritative one, frozen on publication;
    # translations may be added and corrected later.
    text = TranslatedField(_("text"), max_length=DOCUMENT_MAX_LENGTH)

    class Meta:
        verbose_name = _("framework document")
        verbose_name_plural = _("framework documents")
        ordering = ["kind", "-in_force_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="%(app_label)s_%(class)s_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    def get_absolute_url(self):
        return address("members:framework_version", kind=self.kind, version=self.version)

    @property
    def is_translated(self):
        return bool(self.text.get(active_language()))


class Endorsement(models.Model):
    """A member's signature of one version of a framework document."""

    document = models.ForeignKey(
        FrameworkDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="endorsements",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("individual member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    signatory_name = models.CharField(_("signed by"), max_length=200)
    endorsed_at = models.DateTimeField(_("endorsed at"), default=timezone.now)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "organisation"], name="%(app_label)s_%(class)s_once_per_org"
            ),
            models.UniqueConstraint(
                fields=["document", "person"], name="%(app_label)s_%(class)s_once_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True, person__isnull=False)
                | models.Q(organisation__isnull=False, person__isnull=True),
                name="%(app_label)s_%(class)s_organisation_or_person",
            ),
        ]

    def __str__(self):
        return f"{self.organisation or self.person} · {self.document}"
