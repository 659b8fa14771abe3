from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from menengage.core.errors import InvalidTransition
from menengage.core.models import Country
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

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


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

    TRANSITIONS = {
        Status.APPLIED: {Status.UNDER_REVIEW, Status.WITHDRAWN},
        Status.UNDER_REVIEW: {Status.ACTIVE, Status.WITHDRAWN, Status.REMOVED},
        Status.ACTIVE: {Status.LAPSED, Status.SUSPENDED, Status.WITHDRAWN, Status.REMOVED},
        Status.LAPSED: {Status.ACTIVE},
        Status.SUSPENDED: {Status.ACTIVE, Status.REMOVED},
        Status.WITHDRAWN: {Status.ACTIVE},
        Status.REMOVED: set(),
    }

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
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
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network"],
                name="%(app_label)s_%(class)s_one_per_network",
            )
        ]
        indexes = [
            models.Index(fields=["network", "status"], name="members_membership_network_idx")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.network}"

    def check_transition(self, to):
        """Raise InvalidTransition unless the status may move to `to`."""
        if to not in self.TRANSITIONS[self.Status(self.status)]:
            raise InvalidTransition(
                _("A membership cannot go from %(current)s to %(target)s.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )
