"""`{% organisation_items organisations %}`: member organisations listed by name and country."""

from django import template
from django.utils.html import format_html_join

from menengage.core.templatetags.translation_tags import translated

register = template.Library()


@register.simple_tag
def organisation_items(organisations):
    """An `<li>` for each of `organisations`: its name, linking to its page, and its country.

    Drawn in Python rather than a template loop: a working group lists some 150 organisations,
    and the template language spent more on each item's five nodes than on everything else.
    """
    return format_html_join(
        "",
        '<li><a href="{}">{}</a> <small>({})</small></li>',
        (
            (
                organisation.get_absolute_url(),
                organisation.name,
                translated(organisation.country.name),
            )
            for organisation in organisations
        ),
    )
