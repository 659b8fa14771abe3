"""Measurement instruments (the GEM Scale and its adaptations), members' programme
evaluations, their pseudonymous respondents and scored responses."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.errors import InvalidTransition
from menengage.core.models import Country, Term
from menengage.core.translation import Translation, site_languages
from menengage.core.vocabulary import VocabularyQuerySet
from menengage.members.models import Organisation


def in_language(texts):
    """A {language: text} mapping as a `Translation`: the active language with the one
    fallback rule of `core.translation` (these texts are written in the default language)."""
    return Translation(texts or {})


def check_texts(texts, *, field, required=True):
    """Errors for a {language: text} mapping: only site languages, English present."""
    if not isinstance(texts, dict) or any(
        code not in site_languages() or not isinstance(text, str) for code, text in texts.items()
    ):
        raise ValidationError(
            {
                field: _("Give the text as one entry per site language (%(languages)s).")
                % {"languages": ", ".join(site_languages())}
            }
        )
    if required and not (texts.get(settings.LANGUAGE_CODE) or "").strip():
        raise ValidationError({field: _("Give the text in English at least.")})


class Instrument(models.Model):
    """One version of a measurement scale, such as the GEM Scale or a member's adaptation of
    it: its items, answer scale, scoring rule and bands. A version never changes once
    responses use it; an adaptation is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        RETIRED = "retired", _("retired")

    family = models.SlugField(
        _("family"),
        max_length=40,
        help_text=_("Versions of one scale share a family (gem); pooled results stay within it."),
    )
    version = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    names = models.JSONField(_("name per language"), default=dict)
    descriptions = models.JSONField(_("description per language"), default=dict, blank=True)
    answer_scale = models.JSONField(
        _("answer scale"),
        default=list,
        help_text=_('Points and their labels: [{"value": 1, "labels": {"en": "agree"}}, ...].'),
    )
    min_share = models.DecimalField(
        _("share of items needed for a score"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "A respondent with fewer answered items (in the whole scale, or in a subscale) has "
            "no score; above it the score is prorated from the answered items."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the scale was published and validated.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "version"], name="%(app_label)s_%(class)s_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self):
        return address("evidence:instrument", family=self.family, version=self.version)

    @property
    def name(self):
        return in_language(self.names)

    @property
    def description(self):
        return in_language(self.descriptions)

    @property
    def points(self):
        return sorted(int(point["value"]) for point in self.answer_scale)

    def answer_label(self, value, language=None):
        for point in self.answer_scale:
            if int(point["value"]) == int(value):
                labels = point.get("labels", {})
                if language:
                    return labels.get(language) or labels.get(settings.LANGUAGE_CODE, "")
                return in_language(labels)
        return str(value)

    @property
    def is_in_use(self):
        return Response.objects.filter(respondent__evaluation__instrument=self).exists()

    def check_editable(self):
        """Refuse to change a version that responses already use: their scores and the
        pooled results would silently change with it."""
        if self.pk and self.is_in_use:
            raise InvalidTransition(
                _(
                    "Responses already use this version of the instrument, so it cannot "
                    "change. Publish an adaptation as a new version instead."
                )
            )

    def clean(self):
        check_texts(self.names, field="names")
        check_texts(self.descriptions, field="descriptions", required=False)
        values = []
        for point in self.answer_scale if isinstance(self.answer_scale, list) else [None]:
            if not isinstance(point, dict) or not isinstance(point.get("value"), int):
                raise ValidationError(
                    {"answer_scale": _("Each answer point needs a whole-number value.")}
                )
            check_texts(point.get("labels"), field="answer_scale")
            values.append(point["value"])
        if len(values) < 2 or len(set(values)) != len(values):
            raise ValidationError(
                {"answer_scale": _("An answer scale has at least two points, each different.")}
            )


class Subscale(models.Model):
    """A group of an instrument's items scored together (for the GEM Scale: violence,
    sexual relationships, reproductive health, domestic life, relations with other men)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="subscales"
    )
    code = models.SlugField(_("code"), max_length=40)
    names = models.JSONField(_("name per language"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("subscale")
        verbose_name_plural = _("subscales")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self.names)

    def clean(self):
        check_texts(self.names, field="names")


class Item(models.Model):
    """One statement of an instrument, its text per language written by the Alliance, its
    subscale and whether it is reverse-scored (so that a higher score is always more
    gender-equitable)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("The column name in uploads and XLSForms.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    subscale = models.ForeignKey(
        Subscale,
        verbose_name=_("subscale"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    reverse_scored = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_("Agreeing with this statement is the equitable answer."),
    )
    texts = models.JSONField(_("text per language"), default=dict)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.text}"

    @property
    def text(self):
        return in_language(self.texts)

    def clean(self):
        check_texts(self.texts, field="texts")
        if self.subscale_id and self.subscale.instrument_id != self.instrument_id:
            raise ValidationError({"subscale": _("Choose a subscale of the same instrument.")})


class Band(models.Model):
    """A named range of total scores (low, moderate, high equity) with its cut-offs."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="bands"
    )
    names = models.JSONField(_("name per language"), default=dict)
    min_score = models.DecimalField(_("lowest score"), max_digits=6, decimal_places=2)
    max_score = models.DecimalField(_("highest score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["min_score"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_score__gte=models.F("min_score")),
                name="%(app_label)s_%(class)s_ordered_cut_offs",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.min_score}-{self.max_score})"

    @property
    def name(self):
        return in_language(self.names)


class Design(models.TextChoices):
    PRE_POST = "pre_post", _("pre/post, single group")
    PRE_POST_COMPARISON = "pre_post_comparison", _("pre/post with a comparison group")


class Wave(models.TextChoices):
    BASELINE = "baseline", _("baseline")
    ENDLINE = "endline", _("endline")
    FOLLOW_UP = "follow_up", _("follow-up")


class Evaluation(models.Model):
    """A member organisation's evaluation of one of its programmes with an instrument:
    its design, waves, place, ethics approval and consent statement, and the results the
    services compute from its responses."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not published")
        PUBLISHED = "published", _("published")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity evaluated"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    title = models.CharField(
        _("programme"), max_length=200, help_text=_("The programme or activity evaluated.")
    )
    summary = models.TextField(_("summary"), blank=True)
    design = models.CharField(_("design"), max_length=30, choices=Design.choices)
    waves = models.JSONField(_("waves"), default=list)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    age_groups = models.ManyToManyField(
        Term,
        verbose_name=_("age groups"),
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.AGE_GROUP},
    )
    ethics_body = models.CharField(_("ethics approval by"), max_length=200)
    ethics_reference = models.CharField(_("approval reference"), max_length=100, blank=True)
    ethics_approved_on = models.DateField(_("approved on"))
    consent_statement = models.TextField(
        _("consent statement"),
        help_text=_(
            "What respondents were told and agreed to (Accountability Standard 9): purpose, "
            "voluntary participation, pseudonymous codes, who sees the data."
        ),
    )
    column_map = models.JSONField(
        _("column names"),
        default=dict,
        blank=True,
        help_text=_("Columns of your data collection tool's export, mapped to item codes."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The analysis of the responses, written by the services after each upload, so public
    # pages and the pooled analysis never rescore respondents.
    results = models.JSONField(_("results"), default=dict, blank=True, editable=False)
    matched = models.PositiveIntegerField(_("respondents matched"), default=0, editable=False)
    effect_size = models.FloatField(_("effect size (Hedges' g)"), null=True, editable=False)
    effect_variance = models.FloatField(_("variance of the effect size"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "instrument"], name="evidence_eval_public_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("evidence:evaluation", pk=self.pk)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def wave_labels(self):
        return [Wave(code).label for code in self.waves if code in Wave.values]

    def clean(self):
        if (
            not isinstance(self.waves, list)
            or any(code not in Wave.values for code in self.waves)
            or len(set(self.waves)) != len(self.waves)
        ):
            raise ValidationError({"waves": _("Choose waves from the list, each once.")})
        if Wave.BASELINE not in self.waves or len(self.waves) < 2:
            raise ValidationError(
                {"waves": _("An evaluation has a baseline and at least one later wave.")}
            )
        if self.ethics_approved_on and self.ethics_approved_on > timezone.localdate():
            raise ValidationError({"ethics_approved_on": _("Approval cannot be in the future.")})

    def check_publishable(self):
        if self.is_published:
            raise InvalidTransition(_("This evaluation is already published."))
        if self.effect_size is None:
            raise InvalidTransition(
                _("Upload responses for the baseline and a later wave before publishing.")
            )


class Respondent(models.Model):
    """A person who answered, known only by a pseudonymous code that matches their answers
    across waves; age group and gender only as they described themselves, both optional."""

    class Group(models.TextChoices):
        INTERVENTION = "intervention", _("programme group")
        COMPARISON = "comparison", _("comparison group")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="respondents",
    )
    code = models.CharField(_("pseudonymous code"), max_length=40)
    group = models.CharField(
        _("group"), max_length=20, choices=Group.choices, default=Group.INTERVENTION
    )
    age_group = models.ForeignKey(
        Term,
        verbose_name=_("age group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gender = models.CharField(
        _("gender, in their own words"), max_length=60, blank=True, help_text=_("Optional.")
    )

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return self.code


class Response(models.Model):
    """One respondent's answers in one wave, with the scores computed from them."""

    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    wave = models.CharField(_("wave"), max_length=20, choices=Wave.choices)
    answers = models.JSONField(_("answers"), default=dict)
    score = models.FloatField(_("score"), null=True, blank=True)
    subscale_scores = models.JSONField(_("subscale scores"), default=dict, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "wave"], name="%(app_label)s_%(class)s_one_per_wave"
            )
        ]

    def __str__(self):
        return f"{self.respondent_id} {self.wave}"
