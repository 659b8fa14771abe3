"""Amounts formatted for the visitor's language: 1,234.50 in English, 1 234,50 in French."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from menengage.core.numbers import grouped

register = template.Library()


def format_amount(value, places=2):
    """`value` rounded half up to `places` decimals, grouped in thousands, in the active
    language; a dash for a missing amount."""
    if value is None or value == "":
        return "—"
    exponent = Decimal(1).scaleb(-int(places))
    rounded = Decimal(value).quantize(exponent, ROUND_HALF_UP)
    return grouped(rounded, int(places))


@register.filter
def money(value, places=2):
    return format_amount(value, places)


@register.filter
def rate(value):
    """An exchange rate with as many decimals as it was recorded with, at least two."""
    if value is None:
        return "—"
    value = Decimal(value).normalize()
    places = max(2, -value.as_tuple().exponent)
    return grouped(value, places)
