"""The member map: counts per country, links to the directory, the table alternative."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from menengage.members import selectors
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network

ACTIVE = Membership.Status.ACTIVE
MAP = re.compile(r'<figure class="member-map">.*?</figure>', re.S)
CIRCLE = re.compile(
    r'<a href="([^"]+)"><title>([^<]+)</title>'
    r'<circle cx="(-?[\d.]+)" cy="(-?[\d.]+)" r="([\d.]+)"/></a>'
)
ROW = re.compile(
    r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td><a href="([^"]+)">[^<]+</a></td></tr>'
)
TAG = Template("{% load member_map_tags %}{% member_map %}")


def register(staff, *memberships, country, name):
    return organisation_register(
        actor=staff,
        name=name,
        slug=name.lower().replace(" ", "-"),
        kind="ngo",
        country_id=country,
        memberships=memberships,
    )


@pytest.fixture
def alliance(staff, kenya):
    """Three members in Kenya (one through the regional network only, one through both), one in
    Uganda, two in Brazil, one in Palestine, and three Kenyan organisations that are not
    members."""
    africa = Network.objects.get(slug="africa")
    brazil = Network.objects.get(slug="brazil")
    mena = Network.objects.get(slug="middle-east-north-africa")
    register(staff, (kenya, ACTIVE), country="KE", name="Nairobi Fathers")
    register(staff, (kenya, ACTIVE), (africa, ACTIVE), country="KE", name="Kisumu Youth")
    register(staff, (africa, ACTIVE), country="KE", name="Mombasa Men")
    register(staff, (kenya, Membership.Status.UNDER_REVIEW), country="KE", name="Eldoret Hopefuls")
    register(staff, (kenya, Membership.Status.LAPSED), country="KE", name="Nakuru Lapsed")
    register(staff, (kenya, Membership.Status.WITHDRAWN), country="KE", name="Thika Gone")
    register(staff, (africa, ACTIVE), country="UG", name="Kampala Caring Men")
    register(staff, (brazil, ACTIVE), country="BR", name="Rede Homens")
    register(staff, (brazil, ACTIVE), country="BR", name="Instituto Papai")
    register(staff, (mena, ACTIVE), country="PS", name="Ramallah Fathers")
    return {"africa": africa, "brazil": brazil}


def counts(countries):
    return {country.code: country.count for country in countries}


def member_map(response):
    return MAP.search(response.text).group(0)


def test_counts_only_active_members_once_each(alliance):
    countries = selectors.member_map()

    assert counts(countries) == {"KE": 3, "UG": 1, "BR": 2, "PS": 1}
    kenya = next(country for country in countries if country.code == "KE")
    assert (kenya.name, kenya.latitude, kenya.longitude) == ("Kenya", 1.0, 38.0)
    assert [country.name for country in countries] == sorted(country.name for country in countries)


def test_network_counts_its_own_members_and_those_below_it(alliance, kenya):
    assert counts(selectors.member_map(network=kenya)) == {"KE": 2}
    assert counts(selectors.member_map(network=alliance["africa"])) == {"KE": 3, "UG": 1}
    alliance_wide = Network.objects.get(kind=Network.Kind.GLOBAL)
    assert counts(selectors.member_map(network=alliance_wide)) == counts(selectors.member_map())


def test_counts_are_cached_per_language_and_network(alliance, staff, kenya):
    assert counts(selectors.member_map()) == {"KE": 3, "UG": 1, "BR": 2, "PS": 1}
    assert counts(selectors.member_map(network=kenya)) == {"KE": 2}
    with translation.override("es"):
        assert "Kenia" in [country.name for country in selectors.member_map()]

    register(staff, (kenya, ACTIVE), country="KE", name="Machakos Men")
    assert counts(selectors.member_map(network=kenya)) == {"KE": 2}
    caches["fragments"].clear()
    assert counts(selectors.member_map(network=kenya)) == {"KE": 3}


def test_each_circle_links_to_the_directory_filtered_by_its_country(alliance, client):
    response = client.get("/en/members/")

    circles = {href: title for href, title, *_position in CIRCLE.findall(member_map(response))}
    assert circles["/en/members/?country=KE"] == "Kenya: 3 member organisations"
    assert circles["/en/members/?country=UG"] == "Uganda: 1 member organisation"
    assert len(circles) == 4
    filtered = client.get("/en/members/?country=KE").text
    assert "Mombasa Men" in filtered
    assert "Eldoret Hopefuls" not in filtered


def test_circles_sit_on_the_country_and_grow_with_the_square_root(alliance, client):
    html = member_map(client.get("/en/members/"))

    place = {href[-2:]: (x, y, float(r)) for href, _title, x, y, r in CIRCLE.findall(html)}
    assert place["KE"][:2] == ("218", "89")
    assert place["PS"][:2] == ("215.2", "58.1")
    assert place["KE"][2] == pytest.approx(place["BR"][2] * (3 / 2) ** 0.5, abs=0.1)
    # The largest circle is drawn first so smaller ones stay on top.
    assert CIRCLE.search(html).group(1).endswith("KE")


def test_the_table_gives_the_same_counts_and_links(alliance, client):
    html = member_map(client.get("/en/members/"))

    assert "<details" in html and "<details open" not in html
    rows = {name: (count, href) for name, count, href in ROW.findall(html)}
    assert rows == {
        "Brazil": ("2", "/en/members/?country=BR"),
        "Kenya": ("3", "/en/members/?country=KE"),
        "Palestinian Territories": ("1", "/en/members/?country=PS"),
        "Uganda": ("1", "/en/members/?country=UG"),
    }
    circles = {href: title for href, title, *_position in CIRCLE.findall(html)}
    for name, (count, href) in rows.items():
        assert circles[href].startswith(f"{name}: {count} ")


def test_the_map_is_named_and_described_and_has_no_inline_style(alliance, client):
    html = member_map(client.get("/en/members/"))

    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert 'role="group"' in svg and 'viewBox="0 0 360 180"' in svg
    title_id = re.search(r'aria-labelledby="([\w-]+)"', svg).group(1)
    desc_id = re.search(r'aria-describedby="([\w-]+)"', svg).group(1)
    assert re.search(rf'<title id="{title_id}">World map of member organisations', html)
    assert re.search(rf'<desc id="{desc_id}">A circle marks each country', html)
    assert "style" not in html.replace('class="member-map', "")
    # The faint background: one dot per country with a position.
    dots = re.search(r'<path class="member-map__land" d="([^"]+)"/>', html).group(1)
    assert dots.count("h0") == len(selectors.country_map_points()) > 200


def test_query_count_is_bounded_and_independent_of_rows(alliance, staff, kenya):
    with CaptureQueriesContext(connection) as few:
        TAG.render(Context())
    for number in range(12):
        register(
            staff, (kenya, ACTIVE), country=["TZ", "RW", "ET"][number % 3], name=f"More {number}"
        )
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as many:
        html = TAG.render(Context())
    with CaptureQueriesContext(connection) as cached:
        TAG.render(Context())

    # The counts per country, the countries (named and ordered in Python, by collation), and
    # the background points; as many with 12 more members.
    assert len(few) == len(many) == 3
    assert len(CIRCLE.findall(html)) == 7
    assert len(cached) == 0


@pytest.mark.parametrize(
    ("language", "kenya_name"), [("es", "Kenia"), ("fr", "Kenya"), ("pt", "Quênia")]
)
def test_renders_in_every_language(alliance, client, language, kenya_name):
    html = member_map(client.get(f"/{language}/members/"))

    rows = {href: name for name, _count, href in ROW.findall(html)}
    assert rows[f"/{language}/members/?country=KE"] == kenya_name
    circles = {href: title for href, title, *_position in CIRCLE.findall(html)}
    # French sets a space before the colon.
    title = circles[f"/{language}/members/?country=KE"].replace(" :", ":")
    assert title.startswith(f"{kenya_name}: 3")
    # Coordinates keep a decimal point whatever the language's decimal separator.
    assert re.search(r'cx="215\.2" cy="58\.1"', html)


def test_home_page_and_network_page_show_the_map(alliance, client):
    home = member_map(client.get("/en/"))
    africa = member_map(client.get("/en/networks/africa/"))

    assert len(CIRCLE.findall(home)) == 4
    assert {href[-2:] for href, *_rest in CIRCLE.findall(africa)} == {"KE", "UG"}


def test_the_rendered_map_is_kept_per_language_and_network(
    alliance, client, staff, kenya, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the map kept beneath the page, drawn each time
    client.get("/en/members/")
    spanish = member_map(client.get("/es/members/"))
    register(staff, (kenya, ACTIVE), country="TZ", name="Arusha Men")
    kept = member_map(client.get("/en/members/"))

    assert "/es/members/?country=KE" in spanish and "/en/" not in spanish
    assert "country=TZ" not in kept
    caches["fragments"].clear()
    assert "country=TZ" in member_map(client.get("/en/members/"))


def test_no_map_without_members(db, client):
    assert not MAP.search(client.get("/en/members/").text)


def test_the_directory_map_follows_the_directory_filters(alliance, client, staff):
    register(staff, (alliance["brazil"], ACTIVE), country="BR", name="Rede Jovem")
    from menengage.members.models import Organisation

    Organisation.objects.filter(name="Rede Jovem").update(kind="youth")

    html = member_map(client.get("/en/members/?kind=youth&country=KE"))

    # The country filter is the map's own choice: every country that matches the rest shows.
    circles = {href: title for href, title, *_position in CIRCLE.findall(html)}
    assert circles == {"/en/members/?kind=youth&amp;country=BR": "Brazil: 1 member organisation"}
    regional = member_map(client.get("/en/members/?region=africa"))
    assert {href[-2:] for href, *_rest in CIRCLE.findall(regional)} == {"KE", "UG"}
    assert "?region=africa&amp;country=KE" in regional


def test_the_network_map_counts_what_the_directory_finds(alliance, client):
    africa = member_map(client.get("/en/networks/africa/"))

    rows = {name: (count, href) for name, count, href in ROW.findall(africa)}
    assert rows["Kenya"] == ("3", "/en/members/?network=africa&amp;country=KE")
    listed = client.get("/en/members/?network=africa&country=KE").text
    assert "3 organisations found" in listed
