"""`{% when event zone %}`: when an event happens, in a time zone."""

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def when(event, zone):
    """The event's start and end in `zone` with the zone's name, the start marked up as a
    `<time>` (in the site's time, as ISO 8601). A tag, not an included template: the event
    list draws it twenty times, and each inclusion cost more than the dates themselves."""
    start, end = timezone.localtime(event.starts_at, zone), timezone.localtime(event.ends_at, zone)
    return format_html(
        '<time datetime="{}">{}</time> – {} ({})',
        dateformat.format(timezone.localtime(event.starts_at), "c"),
        formats.date_format(start, "DATETIME_FORMAT"),
        formats.date_format(end, "DATETIME_FORMAT"),
        zone.key,
    )
