from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.errors import InvalidTransition
from menengage.core.fields import BoundedTextField, DocumentTextField
from menengage.core.models import Country, Term
from menengage.core.translation import LINE_MAX_LENGTH, TranslatedField, language_choices
from menengage.core.vocabulary import VocabularyQuerySet
from menengage.members.models import Organisation
from menengage.networks.models import Network


class Resource(models.Model):
    """A toolkit, report, manual or other piece of evidence in the Alliance's library."""

    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", _("toolkit")
        TRAINING_MANUAL = "training_manual", _("training manual")
        REPORT = "report", _("report")
        RESEARCH_ARTICLE = "research_article", _("research article")
        POLICY_BRIEF = "policy_brief", _("policy brief")
        CURRICULUM = "curriculum", _("curriculum")
        VIDEO = "video", _("video")
        INFOGRAPHIC = "infographic", _("infographic")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("not accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.PUBLISHED, Status.REJECTED},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.REJECTED: {Status.PUBLISHED},
        Status.WITHDRAWN: {Status.PUBLISHED},
    }

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0")
        CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
        CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0")
        CC_BY_NC_SA = (
            "cc-by-nc-sa-4.0",
            _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0"),
        )
        PUBLIC_DOMAIN = "public-domain", _("public domain")
        ALL_RIGHTS = "all-rights-reserved", _("all rights reserved")

    title = TranslatedField(_("title"), max_length=LINE_MAX_LENGTH, original="language")
    summary = TranslatedField(_("summary"), blank=True, original="language")
    language = models.CharField(
        _("original language"), max_length=8, choices=language_choices, default="en"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher (member organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    publisher_name = models.CharField(
        _("publisher (when not a member)"), max_length=200, blank=True
    )
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("Separate authors with semicolons.")
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    # Kept by the services from published_on: the year facet groups on a plain column.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    themes = models.ManyToManyField(
        Term,
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.THEME},
    )
    mandates = models.ManyToManyField(
        Term,
        verbose_name=_("UN mandates"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.MANDATE},
    )
    age_groups = models.ManyToManyField(
        Term,
        verbose_name=_("age groups"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.AGE_GROUP},
    )
    regions = models.ManyToManyField(
        Network,
        verbose_name=_("regions"),
        blank=True,
        related_name="resources",
        limit_choices_to={"kind": Network.Kind.REGIONAL},
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="resources"
    )
    audience = BoundedTextField(_("who will find this useful"), blank=True)
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    external_url = models.URLField(_("external link"), blank=True, max_length=500)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = BoundedTextField(_("note from the editors"), blank=True)
    # The text the full-text index reads besides titles and summaries: extracted from the
    # files by the extraction task, or typed by an editor for a resource without files.
    text = DocumentTextField(_("full text"), blank=True)
    extraction_note = models.TextField(_("extraction note for editors"), blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(
                fields=["status", "-published_on", "-id"], name="library_resource_listing_idx"
            ),
            models.Index(fields=["status", "language"], name="library_resource_language_idx"),
            # Filtered browsing reads these in listing order: without them SQLite walks the
            # whole listing index to find a year's or a type's newest resources.
            models.Index(
                fields=["status", "year", "-published_on", "-id"], name="library_resource_year_idx"
            ),
            models.Index(
                fields=["status", "kind", "-published_on", "-id"], name="library_resource_kind_idx"
            ),
            # A type in a year (the API's and the page's two commonest filters together):
            # through the type's index alone SQLite reads every resource of the type from
            # the table to check its year (7,000 rows, 22 ms, at ten times the Alliance).
            models.Index(
                fields=["status", "kind", "year", "-published_on", "-id"],
                name="library_resource_kind_year_idx",
            ),
            # A search's candidates (up to a thousand ids) are read for their facets from this
            # index alone: reading them from the table visits a page per row, each holding a
            # long full text, and cost ten times more.
            models.Index(
                fields=["id", "status", "kind", "language", "year", "published_on"],
                name="library_resource_facets_idx",
            ),
            # An organisation's newest resources (its page, a network's page): without it
            # SQLite walks the whole listing index looking for one publisher (220 ms).
            models.Index(
                fields=["publisher", "status", "-published_on", "-id"],
                name="library_resource_publisher_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title={}),
                name="%(app_label)s_%(class)s_has_title",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("library:detail", pk=self.pk, slug=self.slug)

    @property
    def slug(self):
        return slugify(self.title)[:80] or "resource"

    @property
    def publisher_label(self):
        return self.publisher.name if self.publisher_id else self.publisher_name

    @property
    def author_list(self):
        return [a.strip() for a in self.authors.split(";") if a.strip()]

    def check_transition(self, to):
        """Raise InvalidTransition unless the status may move to `to`."""
        if to not in self.TRANSITIONS[self.Status(self.status)]:
            raise InvalidTransition(
                _("A resource cannot go from %(current)s to %(target)s.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )


class ResourceFile(models.Model):
    """One file of a resource in one language: a PDF, a Word document or an EPUB."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        EPUB = "epub", "EPUB"

    class Extraction(models.TextChoices):
        PENDING = "pending", _("waiting")
        DONE = "done", _("extracted")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not extracted")

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    file = models.FileField(_("file"), upload_to="library/%Y/%m/", max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    extraction = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=Extraction.choices,
        default=Extraction.PENDING,
    )
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_note = models.CharField(_("extraction note"), max_length=300, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")
        ordering = ["language", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language", "format"],
                name="%(app_label)s_%(class)s_one_per_language_format",
            )
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return address("library:download", pk=self.resource_id, file_pk=self.pk)
