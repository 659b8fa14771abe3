"""Composition rules of a body, checked against the organisations holding its seats today.

A holder counts as a women's rights organisation when the organisation's kind is "women's rights
organisation", or when it holds a women's rights seat (eligibility for that seat requires the
kind anyway). `Organisation.works_with_womens_rights` is not used: working with women's rights
organisations does not make an organisation one, and Accountability Standard 3 asks steering
committees to seat the organisations themselves.

Shares are of the seats held today, so a vacancy neither helps nor breaks a target.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from menengage.networks.selectors import region_slug_for_country

from .models import Body, Seat

STEERING_COMMITTEE_WOMENS_RIGHTS_MINIMUM = 2
# Alliance regions counted as the Global South for the Board's target.
GLOBAL_SOUTH_REGIONS = frozenset(
    {"africa", "caribbean", "latin-america", "south-asia", "middle-east-north-africa"}
)
KIND_BY_CONSTITUENCY = {
    Seat.Constituency.WOMENS_RIGHTS: "womens_rights",
    Seat.Constituency.YOUTH: "youth",
    Seat.Constituency.LGBTIQ: "lgbtiq",
}


@dataclass(frozen=True)
class RuleCheck:
    """One composition rule and how the body stands against it today."""

    code: str
    label: str
    required: str
    actual: str
    ok: bool


def is_womens_rights(term):
    return (
        term.organisation.kind == "womens_rights"
        or term.seat.constituency == Seat.Constituency.WOMENS_RIGHTS
    )


def counts_for(term, constituency):
    """Does the holder of `term` count towards `constituency`?"""
    if constituency == Seat.Constituency.WOMENS_RIGHTS:
        return is_womens_rights(term)
    if constituency in KIND_BY_CONSTITUENCY:
        return (
            term.organisation.kind == KIND_BY_CONSTITUENCY[constituency]
            or term.seat.constituency == constituency
        )
    if constituency == Seat.Constituency.GLOBAL_SOUTH:
        return region_slug_for_country(term.organisation.country) in GLOBAL_SOUTH_REGIONS
    return term.seat.constituency == constituency


def composition_check(body, terms, targets):
    """The body's rules, each with what it requires and what the current `terms` give."""
    checks = []
    if body.kind == Body.Kind.STEERING_COMMITTEE:
        count = len({term.organisation_id for term in terms if is_womens_rights(term)})
        checks.append(
            RuleCheck(
                code="womens_rights_minimum",
                label=str(_("Women's rights organisations seated (Accountability Standard 3)")),
                required=str(
                    _("at least %(count)d") % {"count": STEERING_COMMITTEE_WOMENS_RIGHTS_MINIMUM}
                ),
                actual=str(count),
                ok=count >= STEERING_COMMITTEE_WOMENS_RIGHTS_MINIMUM,
            )
        )
    held = len(terms)
    for target in targets:
        matching = sum(1 for term in terms if counts_for(term, target.constituency))
        share = round(100 * matching / held) if held else 0
        checks.append(
            RuleCheck(
                code=f"share_{target.constituency}",
                label=str(
                    _("Share of seats held by: %(constituency)s")
                    % {"constituency": target.get_constituency_display()}
                ),
                required=str(_("at least %(percent)d %%") % {"percent": target.minimum_percent}),
                actual=str(
                    _("%(percent)d %% (%(count)d of %(held)d)")
                    % {"percent": share, "count": matching, "held": held}
                ),
                ok=held > 0 and matching * 100 >= target.minimum_percent * held,
            )
        )
    return checks
