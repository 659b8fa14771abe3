"""What the other capabilities hold about a network or an organisation, on its public page.

Networks and members sit below activities, events, the library and declarations (imports point
one way), so their pages cannot ask those apps themselves; this content tag reads each app
through its selectors, a bounded number of rows and queries each.
"""

from django import template

from menengage.activities.selectors import activity_list_recent_for
from menengage.declarations.selectors import declarations_signed_by
from menengage.events.selectors import event_list_for_network
from menengage.library.selectors import resource_list_published_by

register = template.Library()

RECENT = 5


@register.inclusion_tag("content/sections/network_sections.html")
def network_sections(network):
    """`{% network_sections network %}`: recent activities, next events and newest resources
    of the network's members. Three queries."""
    return {
        "network": network,
        "activities": activity_list_recent_for(network=network, limit=RECENT),
        "events": event_list_for_network(network=network, limit=RECENT),
        "resources": resource_list_published_by(network=network, limit=RECENT),
    }


@register.inclusion_tag("content/sections/organisation_sections.html")
def organisation_sections(organisation):
    """`{% organisation_sections organisation %}`: the organisation's recent activities, the
    declarations it signed and its newest resources. Three queries."""
    return {
        "organisation": organisation,
        "activities": activity_list_recent_for(organisation=organisation, limit=RECENT),
        "sign_ons": declarations_signed_by(organisation=organisation),
        "resources": resource_list_published_by(organisation=organisation, limit=RECENT),
    }
