"""The member map: active member organisations per country on a small server-drawn world map."""

import math
from typing import NamedTuple

from django import template
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language

from menengage.members import selectors

register = template.Library()

# An equirectangular projection onto a 360 x 180 view box: one unit per degree.
SMALLEST_RADIUS = 1.5
LARGEST_RADIUS = 9


class MapCircle(NamedTuple):
    country: selectors.MapCountry
    x: str
    y: str
    r: str


def _number(value):
    """`value` to one decimal, without a trailing ".0" or a "-0": SVG needs no more, and
    formatting here keeps the active language's decimal comma out of the coordinates."""
    return f"{round(value, 1) + 0.0:g}"


def _x(longitude):
    return _number(longitude + 180)


def _y(latitude):
    return _number(90 - latitude)


def land_path(points):
    """One path of zero-length strokes, drawn as dots by round line caps: a tenth of the bytes
    of a circle per country."""
    return "".join(f"M{_x(longitude)} {_y(latitude)}h0" for latitude, longitude in points)


def circles(countries):
    """A circle per placed country, its area proportional to the count, the largest drawn first
    so that smaller neighbours stay on top and can be pointed at."""
    placed = [country for country in countries if country.latitude is not None]
    if not placed:
        return []
    largest = max(country.count for country in placed)
    return [
        MapCircle(
            country,
            _x(country.longitude),
            _y(country.latitude),
            _number(max(SMALLEST_RADIUS, LARGEST_RADIUS * math.sqrt(country.count / largest))),
        )
        for country in sorted(placed, key=lambda country: (-country.count, country.code))
    ]


class CountryMap:
    """What a map of counts per country shows (members here, activities on theirs), read only
    when the rendered map is not in the cache: `read_countries()` gives the counted countries."""

    def __init__(self, read_countries):
        self._read_countries = read_countries

    @cached_property
    def countries(self):
        return self._read_countries()

    @cached_property
    def circles(self):
        return circles(self.countries)

    @cached_property
    def land(self):
        return land_path(selectors.country_map_points())


@register.inclusion_tag("members/member_map.html")
def member_map(network=None, filters=None):
    """`{% member_map %}`; `{% member_map filters=filters %}` on the directory, so the map shows
    what the directory finds; `{% member_map network=network %}` for a network and those below.

    Each country links to the directory with the same filters and that country. The rendered
    map is cached as long as the counts: drawing some two hundred links and table rows costs
    more than reading the counts.
    """
    filters = {key: value for key, value in (filters or {}).items() if value and key != "country"}
    if network is not None:
        filters["network"] = network.slug
    query = urlencode(sorted(filters.items()))
    return {
        "map": CountryMap(lambda: selectors.member_map(filters=filters)),
        "cache_seconds": selectors.MEMBER_MAP_CACHE_SECONDS,
        "language": get_language(),
        "filters_key": query,
        "query": f"{query}&" if query else "",
        "suffix": f"-{network.slug}" if network else "",
    }
