from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value):
    """A share (0.42) as a percentage with one decimal, in the active language (42.0 %)."""
    if value is None:
        return ""
    return f"{floatformat(value * 100, 1)} %"
