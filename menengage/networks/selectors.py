"""Reads for networks: everything here is public."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from menengage.core.translation import translated_order, translated_search

from .models import Network


def _active_members():
    """A per-network count of active memberships, as a correlated subquery.

    Memberships point at networks; the model is reached through the reverse relation so this
    app need not import the members app (imports point members -> networks, never back). A
    subquery on the (network, status) index stays fast where a JOIN with GROUP BY over every
    membership did not (68 ms for the API list at --scale 10).
    """
    membership = Network._meta.get_field("memberships").related_model
    counts = (
        membership.objects.filter(network=OuterRef("pk"), status="active")
        .order_by()
        .values("network")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def network_list(*, kind=None, region=None, search=None, ordering="name"):
    """Networks with their country and parent, filtered and sorted, with active member counts."""
    networks = Network.objects.select_related("country", "parent").annotate(
        member_count=_active_members()
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
    """The regional networks, each with its country networks and their active member counts."""
    countries = Network.objects.filter(kind=Network.Kind.COUNTRY).select_related("country")
    countries = countries.annotate(member_count=_active_members()).order_by(
        translated_order("name")
    )
    return (
        Network.objects.filter(kind=Network.Kind.REGIONAL)
        .annotate(member_count=_active_members(), country_network_count=Count("children"))
        .prefetch_related(Prefetch("children", queryset=countries, to_attr="country_networks"))
        .order_by("is_forming", translated_order("name"))
    )


def network_get(*, slug):
    """One network with its parent and its child networks; raises Network.DoesNotExist."""
    children = Network.objects.select_related("country").annotate(member_count=_active_members())
    return (
        Network.objects.select_related("country", "parent")
        .annotate(member_count=_active_members())
        .prefetch_related(
            Prefetch("children", queryset=children.order_by(translated_order("name")))
        )
        .get(slug=slug)
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
