from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from menengage.core.addresses import address
from menengage.core.models import Country
from menengage.core.translation import TranslatedField, translated_order


class Network(models.Model):
    """The Alliance itself, one of its regional networks, or a country network inside a region."""

    class Kind(models.TextChoices):
        GLOBAL = "global", _("global alliance")
        REGIONAL = "regional", _("regional network")
        COUNTRY = "country", _("country network")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="networks",
    )
    name = TranslatedField(_("name"), max_length=150)
    summary = TranslatedField(_("summary"), blank=True)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    host_organisation = models.CharField(_("host organisation"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    priorities = TranslatedField(
        _("priorities"),
        blank=True,
        help_text=_("What the network works on now, one priority per line."),
    )
    is_forming = models.BooleanField(
        _("forming"), default=False, help_text=_("A network that is being set up.")
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = [translated_order("name")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="country") | models.Q(country__isnull=False),
                name="%(app_label)s_%(class)s_country_network_has_country",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="global") | models.Q(parent__isnull=False),
                name="%(app_label)s_%(class)s_has_parent_unless_global",
            ),
        ]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return address("networks:detail", slug=self.slug)

    def clean(self):
        expected_parent = {
            self.Kind.REGIONAL: self.Kind.GLOBAL,
            self.Kind.COUNTRY: self.Kind.REGIONAL,
        }
        wanted = expected_parent.get(self.kind)
        if wanted and self.parent_id and self.parent.kind != wanted:
            raise ValidationError(
                {
                    "parent": _("A %(kind)s belongs to a %(parent)s.")
                    % {"kind": self.get_kind_display(), "parent": self.Kind(wanted).label}
                }
            )
