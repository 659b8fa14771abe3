from functools import partialmethod

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import override_settings
from django.utils import translation

from menengage.library.models import Resource


def _project_fields_with_choices():
    for model in apps.get_models():
        if model.__module__.startswith("menengage."):
            for field in model._meta.concrete_fields:
                if field.choices and field.model is model:
                    yield model, field


def test_every_label_is_djangos_own_in_every_language():
    """What Django's method gives: each choice and a value that is not one, in each language."""
    checked = 0
    for model, field in _project_fields_with_choices():
        method = getattr(model, f"get_{field.name}_display")
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for value in [value for value, _label in field.flatchoices] + ["not-a-choice"]:
                    record = model(**{field.attname: value})
                    assert method(record) == models.Model._get_FIELD_display(record, field)
                    checked += 1
    assert checked > 500


def test_the_project_models_use_it():
    kept = [
        (model.__name__, field.name)
        for model, field in _project_fields_with_choices()
        if isinstance(model.__dict__.get(f"get_{field.name}_display"), partialmethod)
    ]
    assert kept == []


def test_only_the_label_shown_is_translated(monkeypatch):
    record = Resource(kind=Resource.Kind.REPORT)
    translated = []
    gettext = translation._trans.gettext
    monkeypatch.setattr(translation._trans, "gettext", lambda s: translated.append(s) or gettext(s))
    with translation.override("fr"):
        assert record.get_kind_display() == str(Resource.Kind.REPORT.label)
    assert len(translated) == 2  # the label, and once more by the line above
    translated.clear()
    models.Model._get_FIELD_display(record, Resource._meta.get_field("kind"))
    assert len(translated) >= len(Resource.Kind.choices)


@override_settings(LANGUAGES=[*settings.LANGUAGES, ("yo", "Yorùbá")])
def test_choices_read_when_asked_are_read_each_time():
    assert Resource(language="yo").get_language_display() == "Yorùbá"
