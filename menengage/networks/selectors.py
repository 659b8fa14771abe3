"""Reads for networks: everything here is public."""

from collections import defaultdict

from django.core.cache import caches
from django.db.models import Count, Prefetch, Q

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


def network_ids_within(**lookup):
    """networks_within read now, as a list of ids: a filter given the ids is planned for them
    (PostgreSQL guessed one network for a region of 27 and probed memberships row by row)."""
    return [row["pk"] for row in networks_within(**lookup)]


MEMBER_COUNTS_CACHE_SECONDS = 60
_MEMBER_COUNTS_KEY = "network-member-counts"


def member_counts():
    """{network id: its member organisations} for every network with members: an active
    membership in the network or a network below it, each organisation once.

    Exactly what the directory finds when filtered by the network. Counted in Python from the
    (network, organisation) pairs and the small network table, because a count per network in
    SQL is a correlated subquery over every membership (235 ms for the network list at ten
    times the Alliance on SQLite); kept a minute per process like the directory's counts, and
    forgotten at once when a membership is saved here (members.apps connects that).
    Memberships are reached through the reverse relation so this app need not import the
    members app (imports point members -> networks, never back).
    """
    counts = caches["fragments"].get(_MEMBER_COUNTS_KEY)
    if counts is None:
        membership = Network._meta.get_field("memberships").related_model
        parents = dict(Network.objects.values_list("pk", "parent_id"))
        pairs = (
            membership.objects.filter(status="active", organisation__isnull=False)
            .order_by()
            .values_list("network_id", "organisation_id")
        )
        members = defaultdict(set)
        for network, organisation in pairs.iterator(chunk_size=5000):
            while network is not None:
                members[network].add(organisation)
                network = parents.get(network)
        counts = {network: len(organisations) for network, organisations in members.items()}
        caches["fragments"].set(_MEMBER_COUNTS_KEY, counts, MEMBER_COUNTS_CACHE_SECONDS)
    return counts


def member_counts_forget(**_signal):
    """Drop the kept member counts (a membership changed)."""
    caches["fragments"].delete(_MEMBER_COUNTS_KEY)


def with_member_counts(networks):
    """`networks` as a list, each with its `member_count`."""
    counts = member_counts()
    networks = list(networks)
    for network in networks:
        network.member_count = counts.get(network.pk, 0)
    return networks


def network_list(*, kind=None, region=None, search=None, ordering="name"):
    """Networks with their country and parent, filtered and sorted, with member counts (a
    list: the Alliance has about a hundred networks)."""
    networks = Network.objects.select_related("country", "parent")
    if kind:
        networks = networks.filter(kind=kind)
    if region:
        networks = networks.filter(Q(slug=region) | Q(parent__slug=region))
    if search:
        networks = networks.filter(translated_search("name", search))
    descending = ordering.startswith("-")
    field = ordering.lstrip("-")
    if field == "name":
        return with_member_counts(
            networks.order_by(translated_order("name", descending=descending), "pk")
        )
    if field == "member_count":
        # Counted in Python, so sorted here; the primary key breaks ties as in SQL.
        counted = with_member_counts(networks.order_by("pk"))
        return sorted(counted, key=lambda network: network.member_count, reverse=descending)
    return with_member_counts(networks.order_by(ordering, "pk"))


def network_list_by_region():
    """The regional networks, each with its country networks and their member counts."""
    # What the list names of a country network: its link and name (not its country's row).
    countries = Network.objects.filter(kind=Network.Kind.COUNTRY).only(
        "pk", "slug", "name", "parent"
    )
    regions = with_member_counts(
        Network.objects.filter(kind=Network.Kind.REGIONAL)
        .annotate(country_network_count=Count("children"))
        .prefetch_related(
            Prefetch(
                "children",
                queryset=countries.order_by(translated_order("name")),
                to_attr="country_networks",
            )
        )
        .order_by("is_forming", translated_order("name"))
    )
    for region in regions:
        with_member_counts(region.country_networks)
    return regions


def network_get(*, slug):
    """One network with its parent and its child networks (as `child_networks`, with
    their member counts); raises Network.DoesNotExist."""
    children = Network.objects.select_related("country").order_by(translated_order("name"))
    network = (
        Network.objects.select_related("country", "parent")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="child_networks"))
        .get(slug=slug)
    )
    with_member_counts([network, *network.child_networks])
    return network


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
    """How many regional and country networks the Alliance has (forming ones excluded), for
    the home page: counted at most a minute ago, like the member counts beside them."""
    counts = caches["fragments"].get("network-counts")
    if counts is None:
        counts = Network.objects.filter(is_forming=False).aggregate(
            regional=Count("pk", filter=Q(kind=Network.Kind.REGIONAL)),
            country=Count("pk", filter=Q(kind=Network.Kind.COUNTRY)),
        )
        caches["fragments"].set("network-counts", counts, MEMBER_COUNTS_CACHE_SECONDS)
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
