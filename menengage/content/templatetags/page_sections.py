"""What the other capabilities hold about a network or an organisation, on its public page.

Networks and members sit below activities, events, the library and declarations (imports point
one way), so their pages cannot ask those apps themselves; this content tag reads each app
through its selectors, a bounded number of rows and queries each.

The drawn sections are kept in the process's cache per record and language, under the version
SECTIONS_VERSION that any write to what they show replaces (content.apps), and for at most
SECTIONS_SECONDS (an event stops coming when it ends); the rows are read only when the sections
are drawn again. Building the three queries (through a network's members and the networks
below it) and drawing their rows cost more than the rest of a network's page.
"""

from django import template
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from menengage.activities.selectors import activity_list_recent_for
from menengage.core import versions
from menengage.declarations.selectors import declarations_signed_by
from menengage.events.selectors import event_list_for_network
from menengage.library.selectors import resource_list_published_by

register = template.Library()

RECENT = 5
SECTIONS_SECONDS = 60
SECTIONS_VERSION = "page-sections"


def _drawn_once(record, **reads):
    """The template's context: `reads` run only if the sections are drawn again."""
    context = {name: SimpleLazyObject(read) for name, read in reads.items()}
    return {
        **context,
        "record": record,
        "cache_seconds": SECTIONS_SECONDS,
        "language": get_language(),
        "version": versions.current(SECTIONS_VERSION),
    }


@register.inclusion_tag("content/sections/network_sections.html")
def network_sections(network):
    """`{% network_sections network %}`: recent activities, next events and newest resources
    of the network's members. Three queries."""
    return _drawn_once(
        network,
        activities=lambda: activity_list_recent_for(network=network, limit=RECENT),
        events=lambda: event_list_for_network(network=network, limit=RECENT),
        resources=lambda: resource_list_published_by(network=network, limit=RECENT),
    )


@register.inclusion_tag("content/sections/organisation_sections.html")
def organisation_sections(organisation):
    """`{% organisation_sections organisation %}`: the organisation's recent activities, the
    declarations it signed and its newest resources. Three queries."""
    return _drawn_once(
        organisation,
        activities=lambda: activity_list_recent_for(organisation=organisation, limit=RECENT),
        sign_ons=lambda: declarations_signed_by(organisation=organisation),
        resources=lambda: resource_list_published_by(organisation=organisation, limit=RECENT),
    )
