"""Template tags for the base layout: the language switcher and formatted figures."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every other language.

    A Wagtail page supplies `page_translations` (language -> URL, or None where the page has
    no translation); the link then leads to the source page with a note. Other pages are the
    same view under another language prefix.
    """
    request = context["request"]
    current = get_language()
    translations = context.get("page_translations")
    source_url = context.get("page_source_url")
    links = []
    for code, name in settings.LANGUAGES:
        if translations is not None:
            url = translations.get(code)
            missing = url is None
            if missing:
                url = f"{source_url}?untranslated={code}"
        else:
            url, missing = translate_url(request.get_full_path(), code), False
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "missing": missing}
        )
    return {"links": links}
