"""Reads for networks: everything here is public."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import role_holders
from menengage.core.translation import translated_order, translated_search

from .models import Network


def networks_within(**lookup):
    """The ids of the networks matching `lookup` and of every network below them.

    A network's members are those of the network itself and of the networks under it: a
    region's include its country networks', the Alliance's include everyone's. The hierarchy
    is three levels deep (global, regional, country), so two parent steps reach every network
    below. This is the one definition of "in a network" that member counts, the directory's
    network and region filters and the member map share.
    """
    within = Q()
    for prefix in ("", "parent__", "parent__parent__"):
        within |= Q(**{f"{prefix}{key}": value for key, value in lookup.items()})
    return Network.objects.filter(within).order_by().values("pk")


def _member_organisations():
    """A per-network count of member organisations (an active membership in the network or a
    network below it, each organisation once), as a correlated subquery.

    Exactly what the directory finds when filtered by the network. Memberships are reached
    through the reverse relation so this app need not import the members app (imports point
    members -> networks, never back). The networks below come from the small network table,
    so the count reads the (network, status) index rather than joining every membership.
    """
    membership = Network._meta.get_field("memberships").related_model
    counts = (
        membership.objects.filter(
            network__in=networks_within(pk=OuterRef(OuterRef("pk"))),
            status="active",
            organisation__isnull=False,
        )
        .order_by()
        .values("status")  # a single group: the filter fixes the status
        .annotate(count=Count("organisation", distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def network_list(*, kind=None, region=None, search=None, ordering="name"):
    """Networks with their country and parent, filtered and sorted, with member counts."""
    networks = Network.objects.select_related("country", "parent").annotate(
        member_count=_member_organisations()
    )
    if kind:
        networks = networks.filter(kind=kind)
    if region:
        networks = networks.filter(Q(slug=region) | Q(parent__slug=region))
    if search:
        networks = networks.filter(translated_search("name", search))
    descending = ordering.startswith("-")
    if ordering.lstrip("-") == "name":
        return networks.order_by(translated_order("name", descending=descending), "pk")
    return networks.order_by(ordering, "pk")


def network_list_by_region():
    """The regional networks, each with its country networks and their member counts."""
    countries = Network.objects.filter(kind=Network.Kind.COUNTRY).select_related("country")
    countries = countries.annotate(member_count=_member_organisations()).order_by(
        translated_order("name")
    )
    return (
        Network.objects.filter(kind=Network.Kind.REGIONAL)
        .annotate(member_count=_member_organisations(), country_network_count=Count("children"))
        .prefetch_related(Prefetch("children", queryset=countries, to_attr="country_networks"))
        .order_by("is_forming", translated_order("name"))
    )


def network_get(*, slug):
    """One network with its parent and its child networks; raises Network.DoesNotExist."""
    children = Network.objects.select_related("country").annotate(
        member_count=_member_organisations()
    )
    return (
        Network.objects.select_related("country", "parent")
        .annotate(member_count=_member_organisations())
        .prefetch_related(
            Prefetch("children", queryset=children.order_by(translated_order("name")))
        )
        .get(slug=slug)
    )


def network_coordinator_contacts(*, network):
    """The coordinators of `network` who published a contact, with only what they published:
    name, public e-mail and telephone (pronouns stay private: the contact form does not offer
    to publish them). One query."""
    coordinators = role_holders(RoleAssignment.Role.COORDINATOR, network)
    return list(
        coordinators.exclude(public_email="", public_phone="")
        .order_by("name", "pk")
        .values("name", "public_email", "public_phone")
    )


def network_counts():
    """How many regional and country networks the Alliance has (forming ones excluded)."""
    counts = Network.objects.filter(is_forming=False).aggregate(
        regional=Count("pk", filter=Q(kind=Network.Kind.REGIONAL)),
        country=Count("pk", filter=Q(kind=Network.Kind.COUNTRY)),
    )
    return counts


# Alliance regions by UN M49 code. The Caribbean is cut out of M49's "Latin America and the
# Caribbean" by country, as are the Western Asian countries that belong to MenEngage Europe.
CARIBBEAN = frozenset(
    "AG AI AW BB BL BQ BS BZ CU CW DM DO GD GP GY HT JM KN KY LC MF MQ MS PR SR SX TC TT VC VG VI".split()  # noqa: SIM905, E501
)
EUROPEAN_WESTERN_ASIA = frozenset(("AM", "AZ", "CY", "GE", "TR"))
REGION_BY_SUBREGION = {
    "015": "middle-east-north-africa",
    "145": "middle-east-north-africa",
    "202": "africa",
    "021": "north-america",
    "034": "south-asia",
    "143": "europe",
}
REGION_BY_REGION = {"150": "europe", "002": "africa"}


def region_slug_for_country(country):
    """The slug of the Alliance region a country belongs to, or None outside every region."""
    if country.code in CARIBBEAN:
        return "caribbean"
    if country.code in EUROPEAN_WESTERN_ASIA:
        return "europe"
    if country.subregion == "419":
        return "latin-america"
    return REGION_BY_SUBREGION.get(country.subregion) or REGION_BY_REGION.get(country.region)


def network_for_country(country):
    """Where a member in `country` joins: its country network, its region, or the Alliance."""
    network = Network.objects.filter(kind=Network.Kind.COUNTRY, country=country).first()
    if network:
        return network
    slug = region_slug_for_country(country)
    if slug:
        return Network.objects.get(slug=slug)
    return Network.objects.get(kind=Network.Kind.GLOBAL)
