"""`{% translated value %}`: a translated text, marked with `lang` where it falls back.

A builtin (settings.TEMPLATES), so every template can use it without `{% load %}`. Where the
text is shown in the active language it prints as plain text; where it falls back to another
language it is wrapped in an element with that `lang` (so a screen reader switches voice), and
a block of text (`block=True`, or `note=True` inline) also gets a visible "(in French)" note.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, truncatewords
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext

from menengage.core.translation import Translation, language_name

register = template.Library()


def fallback_note(value):
    """The visible note for text shown in another language: "(in French)"."""
    return gettext("(in %(language)s)") % {"language": language_name(value.language)}


@register.simple_tag
def translated(value, block=False, note=None, words=None):
    """`value` as HTML: `block` renders paragraphs (line breaks kept), `words` shortens it,
    `note` adds the visible fallback note (by default on blocks only)."""
    if value is None:
        return ""
    text = str(value)
    if words:
        text = truncatewords(text, words)
    html = linebreaks_filter(text, autoescape=True) if block else conditional_escape(text)
    if not isinstance(value, Translation) or not value.is_fallback:
        return html
    show_note = block if note is None else note
    if block:
        return format_html(
            '<div lang="{}">{}</div>{}',
            value.language,
            html,
            format_html(' <p class="meta translation-note">{}</p>', fallback_note(value))
            if show_note
            else "",
        )
    return format_html(
        '<span lang="{}">{}</span>{}',
        value.language,
        html,
        format_html(' <span class="meta translation-note">{}</span>', fallback_note(value))
        if show_note
        else "",
    )


@register.simple_tag
def translated_names(rows, tags=False):
    """The names of `rows` (terms, countries) as `{% translated %}` writes each, separated by
    commas; with `tags=True` each in a `<span class="tag">`, separated by spaces.

    One tag where templates looped over the rows with one `{% translated %}` each: a page of
    twenty activities names some hundred countries and themes.
    """
    names = ((translated(row.name),) for row in rows)
    if tags:
        return format_html_join(" ", '<span class="tag">{}</span>', names)
    return format_html_join(", ", "{}", names)


@register.filter
def lang_attr(value):
    """` lang="fr"` for an element holding `value` where it falls back, else nothing: for a
    heading or a link that should not be wrapped."""
    if isinstance(value, Translation) and value.is_fallback:
        return format_html(' lang="{}"', value.language)
    return ""
