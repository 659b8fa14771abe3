from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.errors import DomainError
from menengage.core.fields import BoundedTextField
from menengage.core.models import Term
from menengage.core.translation import TranslatedField, language_choices
from menengage.networks.models import Network

REPORTING_CURRENCY = "USD"


class Currency(models.TextChoices):
    """The ISO 4217 currencies the Alliance receives or spends money in."""

    USD = "USD", _("US dollar")
    EUR = "EUR", _("euro")
    GBP = "GBP", _("pound sterling")
    SEK = "SEK", _("Swedish krona")
    NOK = "NOK", _("Norwegian krone")
    DKK = "DKK", _("Danish krone")
    CHF = "CHF", _("Swiss franc")
    CAD = "CAD", _("Canadian dollar")
    AUD = "AUD", _("Australian dollar")
    JPY = "JPY", _("Japanese yen")
    ZAR = "ZAR", _("South African rand")
    KES = "KES", _("Kenyan shilling")
    INR = "INR", _("Indian rupee")
    BRL = "BRL", _("Brazilian real")
    MXN = "MXN", _("Mexican peso")


class YearFrozen(DomainError):
    """The financial year is published: its figures change only through amendments."""


POSITIVE = MinValueValidator(Decimal("0.01"), message=_("Amounts must be positive."))
NO_SPACES = RegexValidator(r"^\S*$", message=_("Identifiers cannot contain spaces."))


def _currency_field():
    return models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
        error_messages={
            "invalid_choice": _("%(value)s is not a known ISO 4217 currency code."),
        },
    )


def _money_constraints():
    return [
        models.CheckConstraint(
            condition=models.Q(amount__gt=0), name="%(app_label)s_%(class)s_amount_positive"
        ),
        models.CheckConstraint(
            condition=models.Q(currency__in=Currency.values),
            name="%(app_label)s_%(class)s_currency_known",
        ),
    ]


def _one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def validate_pdf(file):
    """An annual report must be a PDF, judged by its first bytes rather than its name."""
    if getattr(file, "_committed", False):
        return  # already stored, and checked when it was uploaded
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("The annual report must be a PDF file."), code="not_pdf")


class FinancialYear(models.Model):
    """One financial year of the Alliance's accounts: its period, its story and whether it is
    published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    title = TranslatedField(_("title"), max_length=200, blank=True)
    summary = TranslatedField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return address("transparency:year", year=self.year)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def default_title(self):
        return _("MenEngage Alliance finances %(year)s") % {"year": self.year}

    @property
    def heading(self):
        """The title in the active language (with the one fallback), else the default one."""
        return self.title or self.default_title

    def contains(self, day):
        return self.starts_on <= day <= self.ends_on

    def ensure_editable(self):
        """Refuse a change to the figures of a published year."""
        if self.is_published:
            raise YearFrozen(
                _(
                    "The financial year %(year)s is published and its figures are frozen: "
                    "record a correction as an amendment."
                )
                % {"year": self.year}
            )

    def clean(self):
        if not (self.starts_on and self.ends_on):
            return
        if self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("A financial year ends after it starts.")})
        if self.ends_on >= _one_year_after(self.starts_on):
            raise ValidationError({"ends_on": _("A financial year lasts at most one year.")})
        if self.year not in (self.starts_on.year, self.ends_on.year):
            raise ValidationError(
                {"year": _("The year must be the one in which the financial year starts or ends.")}
            )


class ExchangeRate(models.Model):
    """The rate used to convert one currency into US dollars for one financial year."""

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.CASCADE,
        related_name="exchange_rates",
    )
    currency = _currency_field()
    rate = models.DecimalField(
        _("US dollars per unit"),
        max_digits=14,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"), message=_("A rate must be positive."))],
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where the rate comes from, e.g. a yearly average."),
    )

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["financial_year", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "currency"],
                name="%(app_label)s_%(class)s_unique_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0), name="%(app_label)s_%(class)s_rate_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(currency=REPORTING_CURRENCY),
                name="%(app_label)s_%(class)s_not_reporting_currency",
            ),
        ]

    def __str__(self):
        return f"{self.financial_year} {self.currency} {self.rate}"

    def clean(self):
        if self.currency == REPORTING_CURRENCY:
            raise ValidationError(
                {"currency": _("US dollars are the reporting currency and need no rate.")}
            )


class Funder(models.Model):
    """A government, agency, foundation or group of donors that gives money to the Alliance."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        MULTILATERAL = "multilateral", _("multilateral agency")
        FOUNDATION = "foundation", _("foundation")
        INGO = "ingo", _("international NGO")
        INDIVIDUALS = "individuals", _("individual donors, taken together")
        MEMBERS = "members", _("member contributions")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    identifier = models.CharField(
        _("organisation identifier"),
        max_length=100,
        blank=True,
        validators=[NO_SPACES],
        help_text=_("Its IATI organisation identifier, if it has one (e.g. XM-DAC-41114)."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Line(models.Model):
    """An amount of money in its original currency, inside one financial year."""

    audit_name = ""
    date_field = None

    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[POSITIVE],
        help_text=_("In the original currency."),
    )
    currency = _currency_field()

    class Meta:
        abstract = True

    def clean(self):
        day = getattr(self, self.date_field, None) if self.date_field else None
        if day is None or not self.financial_year_id:
            return
        year = self.financial_year
        if not year.contains(day):
            raise ValidationError(
                {
                    self.date_field: _(
                        "The date must fall within the financial year %(year)s "
                        "(%(start)s to %(end)s)."
                    )
                    % {
                        "year": year.year,
                        "start": year.starts_on.isoformat(),
                        "end": year.ends_on.isoformat(),
                    }
                }
            )
        if day > timezone.localdate():
            raise ValidationError({self.date_field: _("The date cannot be in the future.")})


class Grant(Line):
    """Money received from a funder in one financial year: a grant, a gift or member dues."""

    audit_name = "grant"
    date_field = "received_on"

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    funder = models.ForeignKey(
        Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="grants"
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True, validators=[NO_SPACES])
    purpose = models.CharField(_("purpose"), max_length=300)
    received_on = models.DateField(_("received on"))
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("The funder decides what it may be spent on.")
    )

    class Meta:
        verbose_name = _("grant or incoming funds")
        verbose_name_plural = _("grants and incoming funds")
        ordering = ["received_on", "pk"]
        constraints = [
            *_money_constraints(),
            models.UniqueConstraint(
                fields=["financial_year", "reference"],
                condition=~models.Q(reference=""),
                name="%(app_label)s_%(class)s_unique_reference",
            ),
        ]

    def __str__(self):
        return f"{self.funder}: {self.purpose}"


class Category(models.TextChoices):
    """What a budget or expenditure line is for."""

    PROGRAMMES = "programmes", _("programmes")
    SECRETARIAT = "secretariat", _("secretariat")
    GOVERNANCE = "governance", _("governance")
    SYMPOSIUM = "symposium", _("symposium")
    SUB_GRANTS = "sub_grants", _("sub-grants to networks")


class CategorisedLine(Line):
    """A budget or spending amount by category, theme and region."""

    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    theme = models.ForeignKey(
        Term,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Term.Vocabulary.THEME},
        help_text=_("For programme lines."),
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("region or country network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [Network.Kind.REGIONAL, Network.Kind.COUNTRY]},
        help_text=_("Empty for Alliance-wide work."),
    )
    description = TranslatedField(_("description"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return " · ".join(
            str(part)
            for part in (self.get_category_display(), self.theme, self.network, self.description)
            if part
        )

    @property
    def region(self):
        return _region_of(self.network)

    def clean(self):
        super().clean()
        if self.theme_id and self.category != Category.PROGRAMMES:
            raise ValidationError({"theme": _("Only programme lines have a theme.")})
        if self.theme_id and self.theme.vocabulary != Term.Vocabulary.THEME:
            raise ValidationError({"theme": _("Choose a theme.")})
        if self.network_id and self.network.kind == Network.Kind.GLOBAL:
            raise ValidationError({"network": _("Leave the network empty for Alliance-wide work.")})


def _region_of(network):
    """The regional network a network belongs to; None for Alliance-wide."""
    if network is None or network.kind == Network.Kind.GLOBAL:
        return None
    return network if network.kind == Network.Kind.REGIONAL else network.parent


class BudgetLine(CategorisedLine):
    """An amount budgeted for one financial year."""

    audit_name = "budget_line"

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category", "pk"]
        constraints = _money_constraints()


class ExpenditureLine(CategorisedLine):
    """An amount spent in one financial year (sub-grants are recorded as sub-grants)."""

    audit_name = "expenditure_line"

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.PROTECT,
        related_name="expenditure_lines",
    )

    class Meta:
        verbose_name = _("expenditure line")
        verbose_name_plural = _("expenditure lines")
        ordering = ["category", "pk"]
        constraints = [
            *_money_constraints(),
            models.CheckConstraint(
                condition=~models.Q(category=Category.SUB_GRANTS),
                name="%(app_label)s_%(class)s_not_sub_grant",
            ),
        ]

    def clean(self):
        if self.category == Category.SUB_GRANTS:
            raise ValidationError(
                {
                    "category": _(
                        "Record money given to networks as a sub-grant, so that it is counted once."
                    )
                }
            )
        super().clean()


class SubGrant(Line):
    """Money the Alliance passed on to a regional or country network in one financial year."""

    audit_name = "sub_grant"
    date_field = "disbursed_on"

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.PROTECT,
        related_name="sub_grants",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [Network.Kind.REGIONAL, Network.Kind.COUNTRY]},
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True, validators=[NO_SPACES])
    purpose = models.CharField(_("purpose"), max_length=300)
    disbursed_on = models.DateField(_("disbursed on"))

    class Meta:
        verbose_name = _("sub-grant")
        verbose_name_plural = _("sub-grants")
        ordering = ["disbursed_on", "pk"]
        constraints = [
            *_money_constraints(),
            models.UniqueConstraint(
                fields=["financial_year", "reference"],
                condition=~models.Q(reference=""),
                name="%(app_label)s_%(class)s_unique_reference",
            ),
        ]

    def __str__(self):
        return f"{self.network}: {self.purpose}"

    @property
    def region(self):
        return _region_of(self.network)

    def clean(self):
        super().clean()
        if self.network_id and self.network.kind == Network.Kind.GLOBAL:
            raise ValidationError(
                {"network": _("A sub-grant goes to a regional or country network.")}
            )


LINE_MODELS = (Grant, BudgetLine, ExpenditureLine, SubGrant)


class Amendment(models.Model):
    """A correction to an amount in a published year, shown publicly with its reason."""

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    grant = models.ForeignKey(
        Grant,
        verbose_name=_("grant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    expenditure_line = models.ForeignKey(
        ExpenditureLine,
        verbose_name=_("expenditure line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    sub_grant = models.ForeignKey(
        SubGrant,
        verbose_name=_("sub-grant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    made_on = models.DateField(_("date"))
    reason = BoundedTextField(_("reason"))
    amount_before = models.DecimalField(_("amount before"), max_digits=14, decimal_places=2)
    amount_after = models.DecimalField(
        _("amount after"), max_digits=14, decimal_places=2, validators=[POSITIVE]
    )
    currency = _currency_field()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    TARGETS = ("grant", "budget_line", "expenditure_line", "sub_grant")

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    grant__isnull=False,
                    budget_line__isnull=True,
                    expenditure_line__isnull=True,
                    sub_grant__isnull=True,
                )
                | models.Q(
                    grant__isnull=True,
                    budget_line__isnull=False,
                    expenditure_line__isnull=True,
                    sub_grant__isnull=True,
                )
                | models.Q(
                    grant__isnull=True,
                    budget_line__isnull=True,
                    expenditure_line__isnull=False,
                    sub_grant__isnull=True,
                )
                | models.Q(
                    grant__isnull=True,
                    budget_line__isnull=True,
                    expenditure_line__isnull=True,
                    sub_grant__isnull=False,
                ),
                name="%(app_label)s_%(class)s_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_after__gt=0),
                name="%(app_label)s_%(class)s_amount_positive",
            ),
        ]

    def __str__(self):
        return f"{self.financial_year} {self.made_on}: {self.line}"

    @property
    def line(self):
        for name in self.TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def line_kind(self):
        line = self.line
        return line._meta.verbose_name if line is not None else ""


class AnnualReport(models.Model):
    """The annual report of a financial year, in one language, as a PDF."""

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.CASCADE,
        related_name="annual_reports",
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices, default="en")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to="transparency/reports/",
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["financial_year", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "language"],
                name="%(app_label)s_%(class)s_one_per_language",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address(
            "transparency:annual_report", year=self.financial_year.year, language=self.language
        )

    def file_name(self):
        return f"menengage-annual-report-{self.financial_year.year}-{self.language}.pdf"


def default_period_end(starts_on):
    return _one_year_after(starts_on) - timedelta(days=1)
