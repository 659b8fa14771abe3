"""What search engines read: sitemap.xml, robots.txt, hreflang alternates, the favicon."""

import re

import pytest
from django.conf import settings

from menengage.core.crawlers import PublicSitemap
from menengage.core.translation import site_languages
from menengage.library import services as library_services
from menengage.members.models import Membership
from menengage.members.services import organisation_register

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def member(staff, kenya):
    return organisation_register(
        actor=staff,
        memberships=[(kenya, Membership.Status.ACTIVE)],
        name="Men for Care Kenya",
        slug="men-for-care-kenya",
        kind="ngo",
        country_id="KE",
    )


@pytest.fixture
def applicant(staff, kenya):
    return organisation_register(
        actor=staff,
        memberships=[(kenya, Membership.Status.APPLIED)],
        name="Still Applying",
        slug="still-applying",
        kind="ngo",
        country_id="KE",
    )


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for private in ("/admin/", "/en/accounts/", "/pt/concerns/follow-up/", "/fr/portal/"):
        assert f"Disallow: {private}\n" in text
    assert "Disallow: /\n" not in text


@pytest.mark.django_db
def test_the_favicon_is_our_own_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/en/members/").content.decode()


@pytest.mark.django_db
def test_the_sitemap_lists_public_records_in_every_language_and_not_private_ones(
    client, member, applicant
):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-members.xml" in index
    xml = client.get("/sitemap-members.xml").content.decode()
    for code in LANGUAGES:
        assert f"<loc>http://testserver/{code}/members/men-for-care-kenya/</loc>" in xml
        assert (
            f'hreflang="{code}" href="http://testserver/{code}/members/men-for-care-kenya/"' in xml
        )
    assert 'hreflang="x-default" href="http://testserver/members/men-for-care-kenya/"' in xml
    assert "still-applying" not in xml


@pytest.mark.django_db
def test_the_sitemap_has_editorial_pages_and_section_pages(client):
    pages = client.get("/sitemap-pages.xml").content.decode()
    for code in LANGUAGES:
        assert f"<loc>http://testserver/{code}/</loc>" in pages
    sections = client.get("/sitemap-sections.xml").content.decode()
    assert "<loc>http://testserver/es/library/</loc>" in sections


@pytest.mark.django_db
def test_the_sitemap_is_paginated_and_fetches_only_the_page_it_shows(
    client, staff, monkeypatch, django_assert_max_num_queries
):
    languages = site_languages()
    per_page = len(languages) + len(languages) // 2  # one and a half resources' addresses
    monkeypatch.setattr(PublicSitemap, "limit", per_page)
    for number in range(5):
        library_services.resource_create(
            actor=staff, language="en", kind="toolkit", title={"en": f"Toolkit {number}"}
        )
    draft = library_services.resource_create(
        actor=staff, language="en", kind="toolkit", title={"en": "Draft"}
    )
    draft.status = "draft"
    draft.save(update_fields=["status"])
    index = client.get("/sitemap.xml").content.decode()
    pages = -(-5 * len(languages) // per_page)  # five resources, each in every language
    assert f"sitemap-library.xml?p={pages}" in index
    assert f"sitemap-library.xml?p={pages + 1}" not in index
    with django_assert_max_num_queries(4):
        second = client.get("/sitemap-library.xml?p=2").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", second)
    assert len(locations) == per_page
    # The second page starts inside the second resource, at its middle language.
    assert locations[0].startswith(f"http://testserver/{languages[len(languages) // 2]}/")
    assert client.get("/sitemap-library.xml?p=9").status_code == 404


@pytest.mark.django_db
def test_every_page_names_its_translations_for_search_engines(client):
    html = client.get("/fr/members/?region=africa").content.decode()
    for code in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/members/'
            in html
        )
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/members/' in html
    assert '<meta name="description" content="' in html


@pytest.mark.django_db
def test_the_home_page_x_default_lets_the_browser_choose(client):
    html = client.get("/es/").content.decode()
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert '<link rel="alternate" hreflang="pt" href="http://testserver/pt/">' in html
