from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.fields import BoundedTextField
from menengage.core.models import Country, Term
from menengage.core.translation import (
    TranslatedField,
    active_language,
    language_choices,
    translated_order,
)
from menengage.core.vocabulary import VocabularyQuerySet
from menengage.members.models import Organisation
from menengage.networks.models import Network


class WorkingGroup(models.Model):
    """A standing group of member organisations that works on one subject and runs joint
    activities, led by its conveners."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(_("description"), blank=True)
    convener_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("convening people"),
        blank=True,
        related_name="convened_working_groups",
    )
    convener_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("convening organisations"),
        blank=True,
        related_name="convened_working_groups",
    )
    members = models.ManyToManyField(
        Organisation, verbose_name=_("members"), blank=True, related_name="working_groups"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = [translated_order("name")]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return address("activities:working_group", slug=self.slug)


class Activity(models.Model):
    """A joint training, advocacy action, research project or campaign carried out by members."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        ADVOCACY = "advocacy", _("advocacy action")
        RESEARCH = "research", _("research project")
        CAMPAIGN = "campaign", _("campaign")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    language = models.CharField(
        _("original language"),
        max_length=5,
        choices=language_choices,
        default="en",
        help_text=_("The language the title and summary were first written in."),
    )
    title = TranslatedField(_("title"), max_length=200, original="language", blank=True)
    summary = TranslatedField(_("summary"), original="language", blank=True)
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_activities",
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_activities",
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), blank=True, related_name="activities"
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), related_name="activities"
    )
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
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
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    is_new_programme = models.BooleanField(
        _("a new programme"),
        default=False,
        help_text=_(
            "A new programme records how women's rights organisations were consulted "
            "(Accountability Standard 4)."
        ),
    )
    outputs = models.ManyToManyField(
        "library.Resource", verbose_name=_("outputs"), blank=True, related_name="activities"
    )
    # The sum of the reach rows, kept by the services that write them, so lists and the API
    # can show and sort by it without adding up rows.
    people_reached = models.PositiveIntegerField(_("people reached"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["-starts_on", "-id"], name="activities_activity_list_idx")]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return address("activities:detail", pk=self.pk)

    @property
    def is_translated(self):
        """Is the title written in the active language (rather than shown in the original)?"""
        return bool(self.title.get(active_language()))

    def clean(self):
        errors = {}
        if not self.title.get(self.language):
            errors["title"] = _("Give the title in the activity's original language.")
        if not self.summary.get(self.language):
            errors["summary"] = _("Give the summary in the activity's original language.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("An activity cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class Reach(models.Model):
    """How many people of one age band and one gender category an activity reached."""

    class AgeBand(models.TextChoices):
        CHILDREN = "0-9", _("0 to 9 years")
        YOUNG_ADOLESCENTS = "10-14", _("10 to 14 years")
        OLDER_ADOLESCENTS = "15-19", _("15 to 19 years")
        YOUNG_ADULTS = "20-24", _("20 to 24 years")
        ADULTS = "25-59", _("25 to 59 years")
        OLDER = "60+", _("60 years and over")
        UNKNOWN = "unknown", _("age not recorded")

    class Gender(models.TextChoices):
        WOMEN = "women", _("women and girls")
        MEN = "men", _("men and boys")
        NON_BINARY = "non_binary", _("non-binary people")
        SELF_DESCRIBED = "self_described", _("in their own words")
        NOT_RECORDED = "not_recorded", _("not recorded")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="reach"
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("people reached")
        verbose_name_plural = _("people reached")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "age_band", "gender"],
                name="%(app_label)s_%(class)s_one_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.activity_id} {self.age_band} {self.gender}: {self.count}"


class Consultation(models.Model):
    """A record of consulting women's rights organisations about a new programme
    (Accountability Standard 4): who was consulted, when, how and what changed."""

    class Method(models.TextChoices):
        MEETING = "meeting", _("meeting")
        WORKSHOP = "workshop", _("workshop")
        WRITTEN = "written", _("written comments")
        SURVEY = "survey", _("survey")
        OTHER = "other", _("other")

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations consulted"), blank=True, related_name="+"
    )
    other_organisations = BoundedTextField(
        _("other organisations consulted"),
        blank=True,
        help_text=_("Organisations that are not in the member directory, one per line."),
    )
    consulted_on = models.DateField(_("consulted on"))
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    what_changed = BoundedTextField(_("what changed as a result"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation of women's rights organisations")
        verbose_name_plural = _("consultations of women's rights organisations")
        ordering = ["consulted_on", "pk"]

    def __str__(self):
        return f"{self.activity} · {self.consulted_on}"

    @property
    def other_organisation_names(self):
        return [line.strip() for line in self.other_organisations.splitlines() if line.strip()]
