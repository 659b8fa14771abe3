"""The public site in every language of the demo text: home, about, beliefs, principles and
stories."""

import datetime

from django.conf import settings
from wagtail.models import Locale, Page, Site

from menengage.core.demo_pictures import scene_image

from .demo_text import TEXT
from .models import HomePage, PrinciplesPage, StandardPage, StoryIndexPage, StoryPage

SOURCE = settings.LANGUAGE_CODE


def _stream(blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


# What each story's drawing shows, for people who cannot see it.
PICTURE_ALT = {
    "en": "A drawing of people gathered in a circle around a table",
    "es": "Un dibujo de personas reunidas en círculo alrededor de una mesa",
    "fr": "Un dessin de personnes réunies en cercle autour d'une table",
    "pt": "Um desenho de pessoas reunidas em círculo em volta de uma mesa",
}


def _fill(page, text, picture=None, language=SOURCE):
    """Set a page's fields from one language's text for it, with `picture` after the first
    paragraph of the body."""
    page.title = text["title"]
    page.intro = text.get("intro", "")
    if "slug" in text:
        page.slug = text["slug"]
    if "body" in text:
        blocks = list(text["body"])
        if picture is not None:
            alt = PICTURE_ALT.get(language, PICTURE_ALT["en"])
            blocks.insert(1, ("picture", {"image": picture.pk, "alt": alt, "caption": ""}))
        page.body = _stream(blocks)
    if "principles" in text:
        page.principles = _stream(("principle", item) for item in text["principles"])
    if "date" in text:
        page.date = datetime.date.fromisoformat(text["date"])
        page.place = text.get("place", "")
    return page


def _publish(page):
    page.save_revision().publish()
    return page


def _translate(page, language, text, picture=None):
    """Copy `page` into `language`, fill it with that language's text and publish it."""
    locale = Locale.objects.get(language_code=language)
    copy = page.copy_for_translation(locale)
    return _publish(_fill(copy.specific, text, picture, language))


def build_site(text=TEXT, pictures=False):
    """Replace Wagtail's welcome page with the Alliance's site, in every language of `text`;
    with `pictures`, each story gets a drawing (the demo's; the test site goes without)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children().exclude(content_type__model="homepage"):
        welcome.delete()
    source = text[SOURCE]
    home = root.add_child(instance=_fill(HomePage(slug="home"), source["home"]))
    _publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    pages = {"home": home}
    for key, model in [
        ("about", StandardPage),
        ("beliefs", StandardPage),
        ("principles", PrinciplesPage),
        ("stories", StoryIndexPage),
    ]:
        page = home.add_child(instance=_fill(model(show_in_menus=True), source[key]))
        pages[key] = _publish(page)
    stories, drawings = [], []
    for number, story_text in enumerate(source["story_list"]):
        drawing = scene_image(story_text["title"], seed=number) if pictures else None
        story = pages["stories"].add_child(instance=_fill(StoryPage(), story_text, drawing))
        stories.append(_publish(story))
        drawings.append(drawing)

    for language, texts in text.items():
        if language == SOURCE:
            continue
        for key in ["home", "about", "beliefs", "principles", "stories"]:
            _translate(pages[key], language, texts[key])
        for story, drawing, story_text in zip(
            stories, drawings, texts.get("story_list", []), strict=False
        ):
            if story_text:
                _translate(story, language, story_text, drawing)
    return home


def load(demo):
    build_site(pictures=True)
    demo.say(f"public site in {len(TEXT)} languages")
