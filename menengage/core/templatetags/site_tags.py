"""Template tags for the base layout: the language switcher, alternates, error summary, figures."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst as capitalised
from django.utils.translation import get_language, get_language_info, override

from menengage.core.form_rendering import invalid_forms as find_invalid_forms
from menengage.core.numbers import grouped

register = template.Library()


def language_links(context):
    """This same page in every language: code, name, URL, whether current, whether missing.

    A Wagtail page supplies `page_translations` (language -> URL, or None where the page has
    no translation); the link then leads to the source page with a note. Other pages are the
    same view under another language prefix. Worked out once per request: the switcher and
    the alternates both ask.
    """
    request = context["request"]
    translations = context.get("page_translations")
    kept = getattr(request, "_language_links", None)
    if kept is not None and kept[0] is translations:
        return kept[1]
    current = get_language()
    source_url = context.get("page_source_url")
    same_page = None if translations is not None else _same_page_in(request)
    links = []
    for code, name in settings.LANGUAGES:
        if translations is not None:
            url = translations.get(code)
            missing = url is None
            if missing:
                url = f"{source_url}?untranslated={code}"
        else:
            url, missing = same_page(code), False
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "missing": missing,
                # A language's own name runs in its own direction inside a page of another.
                "dir": "rtl" if get_language_info(code)["bidi"] else "ltr",
            }
        )
    request._language_links = (translations, links)
    return links


def _same_page_in(request):
    """A function of a language code giving this request's address in that language: the view
    this request resolved to, reversed under the other language (as Django's translate_url,
    without resolving the address again for every language)."""
    full_path = request.get_full_path()
    match = getattr(request, "resolver_match", None)
    if match is None:
        return lambda code: translate_url(full_path, code)
    query = urlsplit(full_path).query

    def address(code):
        with override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return full_path
        return f"{path}?{query}" if query else path

    return address


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every other language."""
    return {"links": language_links(context)}


@register.inclusion_tag("core/alternates.html", takes_context=True)
def alternates(context):
    """`hreflang` alternates for search engines: every language the page exists in, and
    x-default. As in the sitemap, x-default is the address without a language prefix, which
    sends each visitor to their browser's language; an editorial page's address differs per
    language, so its x-default is the page in the site's default language (the home page's
    is `/`). Absolute addresses, as search engines require."""
    request = context["request"]
    links = [link for link in language_links(context) if not link["missing"]]
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    x_default = default["url"] if default else None
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if x_default and (context.get("page_translations") is None or x_default == prefix):
        x_default = x_default.replace(prefix, "/", 1)
    return {
        "links": [
            {"code": link["code"], "url": request.build_absolute_uri(link["url"])} for link in links
        ],
        "x_default": request.build_absolute_uri(x_default) if x_default else None,
    }


@register.simple_tag(takes_context=True)
def forms_with_errors(context):
    """The bound forms on this page that failed validation: the base template names them in
    the title and lists their errors in a summary at the top of the main content."""
    return find_invalid_forms(context)


class GroupedNumber(int):
    """A whole number that prints with its digits grouped by the active language's rules.

    It stays a number, so `{% blocktranslate count counter=total|number %}` still picks the
    plural form, and the message prints "5,000" / "5.000" without its text changing.
    """

    def __str__(self):
        return grouped(int(self))


@register.filter
def number(value):
    """A number in the active language, digits grouped by its rules: 5,000 / 5.000 / 5 000.

    Not USE_THOUSAND_SEPARATOR: that would group every year and id a template prints too.
    """
    if value is None or value == "":
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return GroupedNumber(value)
    return grouped(value)


@register.simple_tag
def options(choices, chosen=None, capfirst=False):
    """`{% options facets.theme filters.theme %}`: a filter's `<option>`s, each its value and
    label, its count in the active language when it has one, the chosen one selected (an
    option's own `selected` also counts). Written here rather than looped in each template: a
    search page draws some eighty options, and each took a dozen template nodes."""
    chosen = None if chosen is None else str(chosen)
    drawn = []
    for option in choices:
        value = str(option.value)
        label = capitalised(str(option.label)) if capfirst else str(option.label)
        count = getattr(option, "count", None)
        if count is not None and not callable(count):  # a NamedTuple's own count() is not one
            label = f"{label} ({number(count)})"
        selected = getattr(option, "selected", False) or value == chosen
        drawn.append(
            format_html(
                '<option value="{}"{}>{}</option>', value, " selected" if selected else "", label
            )
        )
    return mark_safe("".join(drawn))  # noqa: S308 - each part built by format_html


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered (and so already escaped) by the template: safe to print again as is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}...{% endcapture %}`: render once, print as often as needed.

    The base template renders the page's title and description blocks once this way, then
    prints them in <title>, the description and the social preview tags (a block can appear
    only once in a template).
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` as an absolute address on this site, as social previews require."""
    return context["request"].build_absolute_uri(path)
