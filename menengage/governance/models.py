"""Governing bodies, their seats, and who holds each seat for which term."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    """A board, steering committee, committee or working group of a network."""

    class Kind(models.TextChoices):
        BOARD = "board", _("board")
        STEERING_COMMITTEE = "steering_committee", _("steering committee")
        COMMITTEE = "committee", _("committee")
        WORKING_GROUP = "working_group", _("working group")

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    publishes_decisions = models.BooleanField(_("publishes its decisions"), default=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Seat(models.Model):
    """One place on a body, for a constituency."""

    class Constituency(models.TextChoices):
        REGION = "region", _("region")
        WOMENS_RIGHTS = "womens_rights", _("women's rights organisation")
        YOUTH = "youth", _("youth")
        LGBTIQ = "lgbtiq", _("LGBTIQ")
        GLOBAL_SOUTH = "global_south", _("Global South")
        AT_LARGE = "at_large", _("at large")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="seats"
    )
    constituency = models.CharField(_("constituency"), max_length=20, choices=Constituency.choices)
    # For a regional seat: the region it represents.
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "pk"]

    def __str__(self):
        return self.label or self.get_constituency_display()


class Term(models.Model):
    """An organisation, and its named delegate, holding a seat from one date to another."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="terms"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="seat_terms",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="seat_terms",
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.organisation} — {self.seat}"
