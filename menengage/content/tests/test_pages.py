import re

import pytest
from django.conf import settings
from django.core.cache import caches
from wagtail.models import Locale, Page

from menengage.content.models import HomePage, StoryPage
from menengage.members.models import Membership
from menengage.members.services import organisation_register

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def public_urls():
    urls = [page.url for page in Page.objects.live().filter(depth__gte=2)]
    for language in LANGUAGES:
        urls += [
            f"/{language}/networks/",
            f"/{language}/networks/kenya/",
            f"/{language}/accounts/sign-in/",
            f"/{language}/accounts/password/reset/",
        ]
    return urls


@pytest.mark.django_db
def test_every_public_page_renders_in_every_language(client):
    urls = public_urls()
    assert len(urls) >= 4 * 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        language = url.split("/")[1]
        assert re.search(f'<html lang="{language}"( dir="rtl")?>', response.content.decode()), url


@pytest.mark.django_db
def test_root_redirects_by_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response.headers["Location"] == "/pt/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").headers["Location"] == "/en/"


@pytest.mark.django_db
def test_home_figures_are_computed_from_the_data(client, staff, kenya):
    before = client.get("/en/").context["figures"]
    organisation_register(
        actor=staff,
        name="New Member",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    organisation_register(
        actor=staff,
        name="Applicant",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.APPLIED)],
    )
    caches["fragments"].clear()  # the figures are kept for a minute
    after = client.get("/en/").context["figures"]
    assert after["organisations"] == before["organisations"] + 1
    assert after["regional"] == 6
    assert after["country"] > 60


@pytest.mark.django_db
def test_home_page_is_translated(client):
    spanish = client.get("/es/").content.decode()
    assert '<html lang="es">' in spanish
    assert HomePage.objects.get(locale__language_code="es").title in spanish
    assert "Saltar al contenido principal" in spanish


@pytest.mark.django_db
def test_language_switcher_leads_to_the_same_page_in_other_languages(client):
    about = Page.objects.get(locale__language_code="en", depth=3, slug="about")
    html = client.get(about.url).content.decode()
    for language in set(LANGUAGES) - {"en"}:
        translated = about.get_translation(Locale.objects.get(language_code=language))
        assert f'href="{translated.url}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [
        ("ar", "رجال وفتيان من أجل العدالة بين الجنسين", ' dir="rtl"'),
        ("sw", "Wanaume na wavulana kwa haki ya kijinsia", ""),
    ],
)
def test_the_public_pages_are_written_in_arabic_and_swahili(client, language, title, direction):
    home = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}"{direction}>' in home
    assert title in home
    pages = Page.objects.live().filter(locale__language_code=language, depth__gte=3)
    assert {page.specific_class.__name__ for page in pages} >= {
        "StandardPage",
        "PrinciplesPage",
        "StoryIndexPage",
        "StoryPage",
    }
    for page in pages:
        html = client.get(page.url).content.decode()
        assert f'<html lang="{language}"{direction}>' in html, page.url
        assert page.title in html, page.url


@pytest.mark.django_db
def test_missing_translation_leads_to_the_source_with_a_note(client):
    english_only = [
        story
        for story in StoryPage.objects.filter(locale__language_code="en")
        if not story.get_translations().filter(locale__language_code="pt").exists()
    ]
    assert english_only, "the demo keeps one story untranslated in Portuguese"
    story = english_only[0]
    html = client.get(story.url).content.decode()
    link = re.search(r'<a href="([^"]+)" hreflang="pt"', html).group(1)
    assert link == f"{story.url}?untranslated=pt"
    noted = client.get(link).content.decode()
    assert "Esta página ainda não está disponível" in noted


@pytest.mark.django_db
def test_unknown_page_is_a_translated_404(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_home_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/en/")
    with django_assert_max_num_queries(15):
        client.get("/en/")
