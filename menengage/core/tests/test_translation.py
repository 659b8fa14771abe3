"""The one mechanism for translated content: value, fallback, field, form, tag and queries."""

import pickle

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import isolate_apps
from django.utils import translation

from menengage.core.models import AuditEvent
from menengage.core.translation import (
    TranslatedField,
    TranslatedFormField,
    Translation,
    active_language,
    missing_translation_q,
    site_languages,
    translated_order,
    translated_search,
    translated_text,
    translation_schema,
)

SEVEN = [
    ("en", "English"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("pt", "Portuguese"),
    ("ar", "Arabic"),
    ("sw", "Swahili"),
    ("it", "Italian"),
]


def test_languages_are_read_from_settings_when_asked():
    assert site_languages() == tuple(code for code, _name in settings.LANGUAGES)
    with override_settings(LANGUAGES=SEVEN):
        assert site_languages()[-1] == "it"
        with translation.override("it"):
            assert active_language() == "it"
    with translation.override("it"):
        # Not a site language: the default one.
        assert active_language() == "en"


def test_the_active_language_is_shown_and_not_marked_as_fallback():
    with translation.override("es"):
        title = Translation({"en": "Rio", "es": "Río"})
    assert title == "Río" and title.language == "es" and not title.is_fallback


def test_a_missing_translation_falls_back_to_the_records_original_language():
    with translation.override("es"):
        title = Translation({"en": "Call", "fr": "Appel"}, original="fr")
    assert title == "Appel" and title.language == "fr" and title.is_fallback


def test_without_the_original_it_falls_back_to_any_language_filled_in():
    with translation.override("es"):
        title = Translation({"pt": "Chamada"}, original="fr")
    assert title == "Chamada" and title.language == "pt"
    empty = Translation({})
    assert empty == "" and empty.language is None and not empty.is_fallback


def test_every_translation_can_be_read():
    title = Translation({"pt": "Chamada", "en": "Call", "es": " "})
    assert title["pt"] == title.get("pt") == "Chamada"
    assert title["es"] == "" and title.get("es", None) is None
    assert title.items() == [("en", "Call"), ("pt", "Chamada")]
    assert title.missing() == [code for code in site_languages() if code not in ("en", "pt")]
    assert title[0] == "C"  # still a string
    assert pickle.loads(pickle.dumps(title))  # noqa: S301 (the cache pickles).as_dict() == {"en": "Call", "pt": "Chamada"}


@isolate_apps("menengage.core")
def test_the_field_reads_a_translation_and_writes_a_dict_a_translation_or_text():
    class Story(models.Model):
        language = models.CharField(max_length=8, default="en")
        title = TranslatedField("title", max_length=20, original="language")

        class Meta:
            app_label = "core"

        def __str__(self):
            return str(self.title)

    story = Story(language="fr", title="Appel")
    assert story.title.as_dict() == {"fr": "Appel"}
    with translation.override("es"):
        assert story.title == "Appel" and story.title.is_fallback
    story.title["es"] = "Llamada"
    with translation.override("es"):
        assert story.title == "Llamada"
    story.title = {"en": "Call", "es": ""}
    field = Story._meta.get_field("title")
    assert field.value_from_object(story) == {"en": "Call"}
    assert field.get_prep_value(story.title) is not None


@isolate_apps("menengage.core")
def test_the_field_limits_each_translation_and_knows_only_site_languages():
    class Story(models.Model):
        title = TranslatedField("title", max_length=10)

        class Meta:
            app_label = "core"

        def __str__(self):
            return str(self.title)

    field = Story._meta.get_field("title")
    with pytest.raises(ValidationError, match="Spanish"):
        field.clean({"en": "short", "es": "x" * 11}, None)
    with pytest.raises(ValidationError):
        field.clean({"xx": "short"}, None)
    with pytest.raises(ValidationError):
        field.clean({}, None)  # not blank: at least one language
    assert field.clean({"en": "short", "es": "  "}, None) == {"en": "short"}
    with override_settings(LANGUAGES=SEVEN):
        assert field.clean({"it": "breve"}, None) == {"it": "breve"}


@isolate_apps("menengage.core")
def test_the_field_deconstructs_for_migrations():
    class Story(models.Model):
        title = TranslatedField("title", max_length=150, original="language", blank=True)
        language = models.CharField(max_length=8)

        class Meta:
            app_label = "core"

        def __str__(self):
            return str(self.title)

    _name, path, _args, kwargs = Story._meta.get_field("title").deconstruct()
    assert path == "menengage.core.translation.TranslatedField"
    assert kwargs == {
        "verbose_name": "title",
        "max_length": 150,
        "original": "language",
        "blank": True,
    }


class StoryForm(forms.Form):
    title = TranslatedFormField(max_length=10, label="Title")
    summary = TranslatedFormField(required=False)


def test_the_form_has_one_labelled_box_per_language():
    html = StoryForm().as_div()
    for code, name in (("en", "English"), ("es", "Spanish"), ("pt", "Portuguese")):
        assert f'lang="{code}"' in html and name in html
    assert 'name="title_en"' in html and 'maxlength="10"' in html
    assert "<textarea" in html  # the summary is a text, the title one line


def test_the_form_follows_the_languages_when_it_is_made_not_when_its_class_was():
    with override_settings(LANGUAGES=SEVEN):
        form = StoryForm({"title_it": "Chiamata"})
        assert 'name="title_it"' in form.as_div()
        assert form.is_valid(), form.errors
        assert form.cleaned_data["title"] == {"it": "Chiamata"}


def test_the_form_needs_one_language_and_names_the_one_too_long():
    assert not StoryForm({}).is_valid()
    form = StoryForm({"title_en": "Call", "title_fr": "Un appel trop long"})
    assert not form.is_valid() and "French" in str(form.errors)
    form = StoryForm({"title_es": " Llamada ", "title_en": ""})
    assert form.is_valid() and form.cleaned_data["title"] == {"es": "Llamada"}


def test_the_form_shows_the_stored_translations():
    form = StoryForm(initial={"title": Translation({"en": "Call", "pt": "Chamada"})})
    html = form.as_div()
    assert 'value="Call"' in html and 'value="Chamada"' in html


def render(source, **context):
    return Template(source).render(Context(context))


def test_the_tag_marks_a_fallback_with_its_language_and_a_note_on_blocks():
    with translation.override("es"):
        title = Translation({"en": "Call <b>"})
        assert render("{% translated t %}", t=title) == '<span lang="en">Call &lt;b&gt;</span>'
        block = render("{% translated t block=True %}", t=title)
        assert block.startswith('<div lang="en"><p>Call &lt;b&gt;</p></div>')
        assert "translation-note" in block
        assert render("<h1{{ t|lang_attr }}>", t=title) == '<h1 lang="en">'
        shown = Translation({"en": "Call", "es": "Llamada"})
        assert render("{% translated t %}", t=shown) == "Llamada"
        assert render("{% translated t %}", t="<i>") == "&lt;i&gt;"


def test_queries_order_and_search_in_the_active_language_with_the_fallback(db):
    for label, texts in (("a", {"en": "Zebra", "es": "Abeja"}), ("b", {"en": "Mouse"})):
        AuditEvent.objects.create(
            verb="test", target_type="t", target_id=label, target_label=label, after=texts
        )
    events = AuditEvent.objects.filter(verb="test")
    with translation.override("es"):
        assert [e.target_id for e in events.order_by(translated_order("after"))] == ["a", "b"]
        shown = events.annotate(shown=translated_text("after")).order_by("target_id")
        assert [e.shown for e in shown] == ["Abeja", "Mouse"]
    with translation.override("en"):
        assert [e.target_id for e in events.order_by(translated_order("after"))] == ["b", "a"]
    assert [e.target_id for e in events.filter(translated_search("after", "abej"))] == ["a"]
    assert [e.target_id for e in events.filter(missing_translation_q("after", "es"))] == ["b"]


def test_the_api_schema_has_one_optional_string_per_language():
    from pydantic import TypeAdapter

    with override_settings(LANGUAGES=SEVEN):
        adapter = TypeAdapter(translation_schema())
    schema = adapter.json_schema()
    assert list(schema["properties"]) == [code for code, _name in SEVEN]
    assert not schema.get("required")
    assert adapter.validate_python({"it": "Ciao"}) == {"it": "Ciao"}
