"""The main menu: the home page of the active language and its children shown in menus."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

register = template.Library()

MENU_CACHE_SECONDS = 300


def menu_items(language):
    """(title, url) pairs for the menu in `language`; cached, cleared when pages publish."""
    key = f"main-menu:{language}"
    items = cache.get(key)
    if items is None:
        locale = Locale.objects.filter(language_code=language).first()
        pages = Page.objects.live().in_menu().filter(depth=3, locale=locale).order_by("path")
        items = [(page.title, page.url) for page in pages]
        cache.set(key, items, MENU_CACHE_SECONDS)
    return items


def menu_forget():
    cache.delete_many([f"main-menu:{code}" for code, _name in settings.LANGUAGES])


@register.inclusion_tag("content/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    language = get_language()
    items = [(_("Home"), f"/{language}/"), *menu_items(language)]
    items.append((_("Members"), reverse("members:directory")))
    items.append((_("Networks"), reverse("networks:index")))
    items.append((_("Governance"), reverse("governance:index")))
    items.append((_("Events"), reverse("events:list")))
    items.append((_("Activities"), reverse("activities:list")))
    items.append((_("Declarations"), reverse("declarations:index")))
    items.append((_("Library"), reverse("library:index")))
    items.append((_("Evidence"), reverse("evidence:index")))
    return {"items": items, "current": request.path}
