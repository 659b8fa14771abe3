import json
import re

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.http import QueryDict

from menengage.core.models import Term
from menengage.members import selectors, views
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network

ACTIVE = Membership.Status.ACTIVE
JSON_LD = re.compile(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', re.S)


def register(staff, network, status=ACTIVE, themes=(), languages=(), age_groups=(), **fields):
    """An organisation registered through the service, with its terms attached."""
    slug = fields.pop("slug", None) or fields["name"].lower().replace(" ", "-")
    fields.setdefault("kind", "ngo")
    fields.setdefault("country_id", network.country_id or "KE")
    organisation = organisation_register(
        actor=staff, memberships=[(network, status)], slug=slug, **fields
    )
    organisation.themes.set(Term.objects.filter(vocabulary="theme", code__in=themes))
    organisation.languages.set(Term.objects.filter(vocabulary="language", code__in=languages))
    organisation.age_groups.set(Term.objects.filter(vocabulary="age_group", code__in=age_groups))
    return organisation


def listed(response):
    """The organisation names on a directory page, in order."""
    return re.findall(r'<h3><a href="/\w\w/members/[\w-]+/">([^<]+)</a>', response.text)


def option(response, name, value):
    """The text of the <option> with `value` inside the <select name=`name`>."""
    html = response.content.decode()
    select = re.search(rf'<select id="[\w-]+" name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', select).group(1)


@pytest.fixture
def alliance(staff, kenya):
    """Members in Kenya and Brazil, one in Africa directly, and two that are not members."""
    brazil = Network.objects.get(slug="brazil")
    africa = Network.objects.get(slug="africa")
    return {
        "fathers": register(
            staff,
            kenya,
            name="Nairobi Fathers Forum",
            acronym="NFF",
            city="Nairobi",
            description="Fathers' groups on caregiving.",
            themes=["care-fatherhood"],
            languages=["en", "sw"],
            age_groups=["adults"],
            website="https://fathers.example.org",
            founded=2004,
            public_email="hello@fathers.example.org",
            show_email=True,
            public_phone="+254 700 000 001",
            show_phone=False,
        ),
        "youth": register(
            staff,
            kenya,
            name="Kisumu Youth Voices",
            kind="youth",
            city="Kisumu",
            description="Young men against violence.",
            themes=["violence-prevention", "education"],
            languages=["en"],
            public_email="secret@youth.example.org",
            show_email=False,
        ),
        "rede": register(
            staff,
            brazil,
            name="Rede Homens pela Igualdade",
            kind="womens_rights",
            city="Recife",
            description="Campaigns against violence in the north-east.",
            themes=["violence-prevention"],
            languages=["pt"],
        ),
        "regional": register(
            staff,
            africa,
            name="Pan-African Allies",
            kind="ingo",
            country_id="ZA",
            city="Johannesburg",
            themes=["policy-advocacy"],
            languages=["en", "fr"],
        ),
        "applicant": register(
            staff, kenya, status=Membership.Status.APPLIED, name="Hopeful Applicant Group"
        ),
        "lapsed": register(staff, brazil, status=Membership.Status.LAPSED, name="Lapsed Coletivo"),
    }


@pytest.mark.django_db
def test_directory_lists_active_members_only(client, alliance):
    response = client.get("/en/members/")
    assert response.status_code == 200
    assert listed(response) == [
        "Kisumu Youth Voices",
        "Nairobi Fathers Forum",
        "Pan-African Allies",
        "Rede Homens pela Igualdade",
    ]
    assert "4 organisations found" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=fathers", ["Nairobi Fathers Forum"]),  # name, any case
        ("q=nff", ["Nairobi Fathers Forum"]),  # acronym
        ("q=recife", ["Rede Homens pela Igualdade"]),  # city
        ("q=young+MEN", ["Kisumu Youth Voices"]),  # description
        ("q=hopeful", []),  # an applicant is not a member yet
        ("region=africa", ["Kisumu Youth Voices", "Nairobi Fathers Forum", "Pan-African Allies"]),
        ("region=latin-america", ["Rede Homens pela Igualdade"]),
        ("region=kenya", []),  # a country network is not a region
        ("country=ZA", ["Pan-African Allies"]),
        ("country=ke", ["Kisumu Youth Voices", "Nairobi Fathers Forum"]),
        ("network=kenya", ["Kisumu Youth Voices", "Nairobi Fathers Forum"]),
        # A network's members include those of the networks below it, as its member count.
        ("network=africa", ["Kisumu Youth Voices", "Nairobi Fathers Forum", "Pan-African Allies"]),
        ("kind=youth", ["Kisumu Youth Voices"]),
        ("theme=violence-prevention", ["Kisumu Youth Voices", "Rede Homens pela Igualdade"]),
        ("language=sw", ["Nairobi Fathers Forum"]),
        ("language=en&theme=education", ["Kisumu Youth Voices"]),
        ("region=africa&kind=ngo&q=nairobi", ["Nairobi Fathers Forum"]),
        ("theme=no-such-theme", []),
    ],
)
@pytest.mark.django_db
def test_search_and_each_filter(client, alliance, query, expected):
    response = client.get(f"/en/members/?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.django_db
def test_bad_filter_values_are_ignored_not_a_500(client, alliance):
    response = client.get("/en/members/?kind=planet&sort=sideways&page=banana&q=" + "x" * 500)
    assert response.status_code == 200
    assert listed(response) == []  # the long query is cut, still searched
    response = client.get("/en/members/?kind=planet&sort=sideways&page=banana")
    assert len(listed(response)) == 4


@pytest.mark.django_db
def test_facet_counts_follow_the_other_filters_and_the_query(client, alliance):
    response = client.get("/en/members/")
    assert option(response, "kind", "ngo") == "NGO (1)"
    assert option(response, "kind", "youth") == "Youth group (1)"
    assert option(response, "kind", "un_agency") == "UN agency (0)"
    assert option(response, "region", "africa") == "MenEngage Africa (3)"
    assert option(response, "region", "latin-america") == "MenEngage Latin America (1)"
    assert option(response, "theme", "violence-prevention") == "Ending violence (2)"
    assert option(response, "language", "en") == "English (3)"

    response = client.get("/en/members/?region=africa&kind=ngo")
    # A facet ignores its own filter: the other kinds in Africa, the other regions' NGOs.
    assert option(response, "kind", "youth") == "Youth group (1)"
    assert option(response, "kind", "ingo") == "International NGO (1)"
    assert option(response, "region", "africa") == "MenEngage Africa (1)"
    assert option(response, "region", "latin-america") == "MenEngage Latin America (0)"
    assert option(response, "theme", "care-fatherhood") == "Care and fatherhood (1)"
    assert option(response, "theme", "violence-prevention") == "Ending violence (0)"
    assert option(response, "language", "sw") == "Swahili (1)"

    response = client.get("/en/members/?q=violence")
    assert option(response, "theme", "violence-prevention") == "Ending violence (2)"
    assert option(response, "language", "pt") == "Portuguese (1)"
    assert option(response, "language", "sw") == "Swahili (0)"
    assert option(response, "region", "africa") == "MenEngage Africa (1)"


@pytest.mark.django_db
def test_selected_filters_stay_selected(client, alliance):
    html = client.get("/en/members/?kind=youth&region=africa&country=KE&sort=-name").content
    html = html.decode()
    assert '<option value="youth" selected>' in html
    assert '<option value="africa" selected>' in html
    assert '<option value="KE" selected>' in html
    assert '<option value="-name" selected>' in html
    assert 'value="ZA"' in html and 'value="BR"' in html
    assert 'value="FR"' not in html  # no member there


@pytest.mark.django_db
def test_sorting(client, alliance, staff, kenya):
    register(staff, kenya, name="Aardvark Newcomers")  # registered last: the newest
    assert listed(client.get("/en/members/?sort=-name"))[:2] == [
        "Rede Homens pela Igualdade",
        "Pan-African Allies",
    ]
    assert listed(client.get("/en/members/?sort=newest"))[:2] == [
        "Aardvark Newcomers",
        "Pan-African Allies",
    ]
    assert listed(client.get("/en/members/?sort=name"))[0] == "Aardvark Newcomers"


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client, staff, kenya):
    for number in range(30):
        register(staff, kenya, name=f"Group {number:02d}", kind="youth")
    register(staff, kenya, name="Group 99 not youth")
    first = client.get("/en/members/?kind=youth&q=group")
    assert len(listed(first)) == 24
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?kind=youth&amp;q=group&amp;page=2" rel="next"' in html
    second = client.get("/en/members/?kind=youth&q=group&page=2")
    assert listed(second) == [f"Group {number:02d}" for number in range(24, 30)]
    assert 'href="?kind=youth&amp;q=group&amp;page=1" rel="prev"' in second.content.decode()
    beyond = client.get("/en/members/?kind=youth&q=group&page=40")
    assert listed(beyond) == listed(second)  # past the end: the last page


def forget_filters_fragment(query, language="en", sort="name"):
    """Drop the directory's cached filters fragment for `query`, so its facets are built."""
    filters = views._directory_filters(QueryDict(query))
    caches["fragments"].delete(
        make_template_fragment_key("directory_filters", [language, filters, sort])
    )


@pytest.mark.django_db
def test_directory_query_count_does_not_grow_with_rows(
    client, staff, kenya, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(selectors, "DIRECTORY_FACETS_CACHE_SECONDS", 0)  # count every facet
    monkeypatch.setattr(selectors, "MEMBER_MAP_CACHE_SECONDS", 0)  # draw the map each time
    brazil = Network.objects.get(slug="brazil")
    register(staff, kenya, name="Only One", themes=["srhr"], languages=["en"])
    # Warm the per-language menu and the map's day-long background of country dots.
    client.get("/en/members/")
    # The filters' fragment is kept too: forget it so each request builds every facet.
    forget_filters_fragment("region=africa&theme=srhr")
    # 14: the region's networks are read as ids by the list, the facets and the map (one
    # small query each), so the database plans each filter for the ids it will find.
    with django_assert_max_num_queries(14) as few:
        client.get("/en/members/?region=africa&theme=srhr")
    for number in range(40):
        network = brazil if number % 2 else kenya
        register(
            staff,
            network,
            name=f"Many {number}",
            themes=["srhr", "hiv"],
            languages=["en", "pt"],
            age_groups=["youth"],
        )
    forget_filters_fragment("region=africa&theme=srhr")
    with django_assert_max_num_queries(14) as many:
        response = client.get("/en/members/?region=africa&theme=srhr")
    assert len(listed(response)) == 21
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_facet_counts_are_cached_briefly_and_the_list_is_live(
    client, alliance, staff, kenya, django_assert_max_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the counts kept beneath the page, drawn each time
    client.get("/en/members/?theme=care-fatherhood")
    register(staff, kenya, name="Second Fathers Group", themes=["care-fatherhood"])
    with django_assert_max_num_queries(8):  # no facet aggregates this time
        response = client.get("/en/members/?theme=care-fatherhood")
    assert listed(response) == ["Nairobi Fathers Forum", "Second Fathers Group"]
    assert option(response, "theme", "care-fatherhood") == "Care and fatherhood (1)"
    caches["fragments"].clear()
    response = client.get("/en/members/?theme=care-fatherhood")
    assert option(response, "theme", "care-fatherhood") == "Care and fatherhood (2)"


@pytest.mark.django_db
def test_organisation_page_shows_the_public_profile(client, alliance):
    response = client.get("/en/members/nairobi-fathers-forum/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nairobi Fathers Forum <small>(NFF)</small></h1>" in html
    for text in (
        "Kenya",
        "Nairobi",
        "2004",
        "https://fathers.example.org",
        "Care and fatherhood",
        "Swahili",
        "Adults (25-59)",
        'href="/en/networks/kenya/">MenEngage Kenya</a>',
        'href="mailto:hello@fathers.example.org"',
    ):
        assert text in html, text
    assert "+254 700 000 001" not in html  # the telephone is not shown


@pytest.mark.django_db
def test_hidden_email_is_not_on_the_page_nor_in_the_structured_data(client, alliance):
    html = client.get("/en/members/kisumu-youth-voices/").content.decode()
    assert "secret@youth.example.org" not in html
    data = json.loads(JSON_LD.search(html).group(2))
    assert "email" not in data


@pytest.mark.django_db
def test_signed_in_outsider_sees_only_the_public_profile(signed_in, outsider, alliance):
    client = signed_in(outsider)
    response = client.get("/en/members/kisumu-youth-voices/")
    assert response.status_code == 200
    assert "secret@youth.example.org" not in response.text
    assert client.get("/en/members/hopeful-applicant-group/").status_code == 404
    assert "Hopeful Applicant Group" not in client.get("/en/members/").text


@pytest.mark.django_db
def test_structured_data_is_an_ngo_with_the_page_nonce(client, alliance):
    response = client.get("/en/members/nairobi-fathers-forum/")
    html = response.content.decode()
    match = JSON_LD.search(html)
    nonce, data = match.group(1), json.loads(match.group(2))
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    assert data["@type"] == "NGO"
    assert data["name"] == "Nairobi Fathers Forum"
    assert data["url"] == "https://fathers.example.org"
    assert data["address"]["addressCountry"] == "KE"
    assert data["email"] == "hello@fathers.example.org"
    assert "telephone" not in data


@pytest.mark.django_db
def test_structured_data_cannot_close_its_script_element(client, staff, kenya):
    register(staff, kenya, name="Sneaky </script><script>alert(1)</script>", slug="sneaky")
    html = client.get("/en/members/sneaky/").content.decode()
    assert "<script>alert(1)" not in html
    assert (
        json.loads(JSON_LD.search(html).group(2))["name"]
        == "Sneaky </script><script>alert(1)</script>"
    )


@pytest.mark.django_db
def test_shown_telephone_is_on_the_page(client, staff, kenya):
    register(staff, kenya, name="Phone Group", public_phone="+254 700 111", show_phone=True)
    html = client.get("/en/members/phone-group/").content.decode()
    assert "+254 700 111" in html


@pytest.mark.parametrize("slug", ["hopeful-applicant-group", "lapsed-coletivo", "atlantis"])
@pytest.mark.django_db
def test_non_members_and_unknown_slugs_are_not_found(client, alliance, slug):
    assert client.get(f"/en/members/{slug}/").status_code == 404


@pytest.mark.django_db
def test_organisation_page_query_count_is_bounded(client, alliance, django_assert_max_num_queries):
    client.get("/en/members/nairobi-fathers-forum/")  # warm the menu cache
    # The page's own five, and one each for its activities, sign-ons and resources.
    with django_assert_max_num_queries(8):
        assert client.get("/en/members/nairobi-fathers-forum/").status_code == 200


@pytest.mark.parametrize(
    ("language", "theme", "country"),
    [
        ("es", "Fin de la violencia", "Brasil"),
        ("fr", "Fin des violences", "Brésil"),
        ("pt", "Fim da violência", "Brasil"),
    ],
)
@pytest.mark.django_db
def test_pages_in_each_language(client, alliance, language, theme, country):
    response = client.get(f"/{language}/members/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert theme in html
    assert 'href="/en/members/"' in html  # the language switcher
    response = client.get(f"/{language}/members/rede-homens-pela-igualdade/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert theme in html and country in html


@pytest.mark.django_db
def test_main_menu_links_to_the_directory(client):
    html = client.get("/en/members/").content.decode()
    assert '<a href="/en/members/" aria-current="page">Members</a>' in html
