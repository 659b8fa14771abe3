"""Translated content: one mechanism for every text people write in several languages.

A translated text is one JSON column keyed by language code, `{"en": "...", "es": "..."}`,
holding only the languages someone filled in. The languages are `settings.LANGUAGES`, read when
they are needed (never frozen at import), so a language is added in settings alone: no column
per language, no migration. (django-modeltranslation and django-translated-fields add a column
per language, which is exactly the migration we do not want.)

Reading `record.title` gives a `Translation`: a `str` that is the text in the active language,
else in the record's original language, else in any language filled in. That is the one
fallback rule. It also says which language it is in (`.language`), whether that is a fallback
(`.is_fallback`) and holds every translation (`["es"]`, `.get("es")`, `.items()`), so templates
can mark a fallback with `lang` (`{% translated record.title %}` from `translation_tags`).

Queries sort, filter and search in the active language with the same fallback
(`translated_text`, `translated_order`, `translated_search`); forms edit every language at once
(`TranslatedFormField`, one input per language); the admin filters records by the translation
they lack (`missing_translation_filter`).
"""

import functools
import json

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core import checks, exceptions
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower, NullIf
from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .fields import DOCUMENT_MAX_LENGTH, TEXT_MAX_LENGTH

# Up to this many characters a translation is one line (a name, a title); longer is a text.
LINE_MAX_LENGTH = 300

__all__ = [
    "DOCUMENT_MAX_LENGTH",
    "LINE_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "TranslatedSearchAdmin",
    "TranslatedText",
    "Translation",
    "TranslatedField",
    "TranslatedFormField",
    "TranslatedWidget",
    "active_language",
    "copy_language_columns",
    "remove_language_column",
    "language_choices",
    "language_name",
    "missing_translation_filter",
    "missing_translation_q",
    "site_languages",
    "translated_order",
    "translated_search",
    "translated_text",
    "translation_schema",
]


# --- The languages ----------------------------------------------------------------------------


_LANGUAGES_SEEN = (None, ())


def site_languages():
    """The codes of the site's languages, in settings order (`settings.LANGUAGES`, read now)."""
    global _LANGUAGES_SEEN  # noqa: PLW0603 - a one-entry memo: pages ask a thousand times
    languages = settings.LANGUAGES
    if _LANGUAGES_SEEN[0] is not languages:
        _LANGUAGES_SEEN = (languages, tuple(code for code, _name in languages))
    return _LANGUAGES_SEEN[1]


def language_name(code):
    """The name settings give language `code` (translated into the active language)."""
    return str(dict(settings.LANGUAGES).get(code, code))


def language_choices():
    """`settings.LANGUAGES` as field choices, read when asked (a callable for `choices=`)."""
    return list(settings.LANGUAGES)


def active_language():
    """The active site language; the default one outside a request or in another language."""
    languages = site_languages()
    language = get_language() or settings.LANGUAGE_CODE
    if language in languages:
        return language
    base = language.split("-")[0]
    return base if base in languages else settings.LANGUAGE_CODE


def _clean_texts(value):
    """`value` as `{code: text}` with only filled-in languages, whatever form it came in."""
    if value is None or value == "":
        return {}
    if isinstance(value, Translation):
        return value.as_dict()
    if isinstance(value, dict):
        return {
            str(code): str(text)
            for code, text in value.items()
            if text is not None and str(text).strip() != ""
        }
    raise exceptions.ValidationError(
        gettext("Enter the text once per language."), code="invalid_translations"
    )


# --- The value --------------------------------------------------------------------------------


class Translation(str):
    """A translated text shown in one language, holding all of them.

    As a `str` it is the text in the active language, else in `original` (the record's own
    language), else in the first language filled in (settings order). Every use of the value as
    text (templates, f-strings, sorting, comparisons) therefore follows the one fallback rule.
    """

    def __new__(cls, texts=None, *, original=None, language=None):
        return cls.shown(_clean_texts(texts), original=original, language=language)

    @classmethod
    def shown(cls, texts, *, original=None, language=None):
        """The Translation of `texts`, a `{code: text}` dict as stored (not copied or cleaned:
        a page reads hundreds of these, so the model field's read skips `__new__`'s work)."""
        wanted = language or active_language()
        shown = None
        for code in (wanted, original, settings.LANGUAGE_CODE):
            if code and texts.get(code):
                shown = code
                break
        else:
            for code in (*site_languages(), *texts):
                if texts.get(code):
                    shown = code
                    break
        self = str.__new__(cls, texts[shown] if shown else "")
        self._texts = texts
        self.language = shown
        self.requested = wanted
        self.original = original or settings.LANGUAGE_CODE
        return self

    def __reduce__(self):
        return (_rebuild, (self._texts, self.original, self.requested))

    @property
    def is_fallback(self):
        """Is the text shown in a language other than the one asked for?"""
        return self.language is not None and self.language != self.requested

    def __getitem__(self, key):
        if isinstance(key, str):
            if key in self._texts:
                return self._texts[key]
            if key in site_languages():
                return ""
            # Templates try `value[name]` before `value.name`: only language codes are keys,
            # so `{{ title.language }}` and `{{ text.splitlines }}` reach the attributes.
            raise KeyError(key)
        return super().__getitem__(key)

    def get(self, code, default=""):
        """The text in language `code`, or `default` where it has none."""
        return self._texts.get(code, default)

    def items(self):
        """(code, text) for every language filled in: the site's languages first, in order."""
        order = {code: index for index, code in enumerate(site_languages())}
        return sorted(self._texts.items(), key=lambda item: order.get(item[0], len(order)))

    def languages(self):
        """The codes of the languages filled in."""
        return [code for code, _text in self.items()]

    def missing(self):
        """The site's languages this text has no translation in."""
        return [code for code in site_languages() if not self._texts.get(code)]

    def as_dict(self):
        """Every translation as a new `{code: text}` dict (what the database holds)."""
        return dict(self._texts)

    def in_language(self, code):
        """The same text shown in language `code` (with the same fallback)."""
        return Translation(self._texts, original=self.original, language=code)

    def __setitem__(self, code, text):
        # Changes the record's stored value too: `record.title["es"] = "..."` then `save()`.
        if text is None or str(text).strip() == "":
            self._texts.pop(code, None)
        else:
            self._texts[code] = str(text)

    def __repr__(self):
        return f"Translation({self._texts!r}, shown={self.language!r})"


def _rebuild(texts, original, requested):
    # Unpickled from a cache: the texts were a Translation's own, already clean.
    return Translation.shown(texts, original=original, language=requested)


# --- The model field --------------------------------------------------------------------------


class TranslationDescriptor(DeferredAttribute):
    """Reads the stored `{code: text}` as a `Translation`; writes a dict, a Translation or a
    plain string (taken as the record's original language)."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        texts = super().__get__(instance, cls)
        if not isinstance(texts, dict):
            texts = _clean_texts(texts)
            instance.__dict__[self.field.attname] = texts
        # The stored dict itself, so writes through the Translation land in it.
        return Translation.shown(texts, original=self.field.original_of(instance))

    def __set__(self, instance, value):
        if isinstance(value, str) and not isinstance(value, Translation):
            value = {self.field.original_of(instance): value} if value.strip() else {}
        else:
            value = _clean_texts(value)
        instance.__dict__[self.field.attname] = value


class TranslatedField(models.JSONField):
    """A text written in several languages, stored as `{code: text}` with the filled ones only.

    `max_length` limits each translation (a line up to `LINE_MAX_LENGTH` is edited in an input,
    longer in a text area; `TEXT_MAX_LENGTH` by default, `DOCUMENT_MAX_LENGTH` for documents).
    `original` names the model field holding the record's own language, where the fallback
    goes first; without it that is `settings.LANGUAGE_CODE`. Not `blank`: at least one language.
    """

    descriptor_class = TranslationDescriptor
    empty_values = [None, "", {}, [], ()]

    def __init__(
        self, verbose_name=None, name=None, *, max_length=TEXT_MAX_LENGTH, original=None, **kwargs
    ):
        self.original = original
        kwargs.setdefault("default", dict)
        super().__init__(verbose_name, name, **kwargs)
        # JSONField takes no max_length; the limit is per translation.
        self.max_length = max_length

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_length"] = self.max_length
        if self.original:
            kwargs["original"] = self.original
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.original and self.original not in {f.name for f in self.model._meta.fields}:
            errors.append(
                checks.Error(
                    f"TranslatedField.original names {self.original!r}, not a field of the model.",
                    obj=self,
                    id="core.E101",
                )
            )
        return errors

    @property
    def is_line(self):
        return self.max_length <= LINE_MAX_LENGTH

    def original_of(self, instance):
        """The record's own language: the `original` field's value, else the default one."""
        code = getattr(instance, self.original, None) if self.original else None
        return code or settings.LANGUAGE_CODE

    def get_prep_value(self, value):
        if isinstance(value, Translation):
            value = value.as_dict()
        return super().get_prep_value(value)

    def to_python(self, value):
        return _clean_texts(value)

    def value_from_object(self, obj):
        return dict(obj.__dict__.get(self.attname) or {})

    def value_to_string(self, obj):
        return self.value_from_object(obj)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        errors = []
        for code, text in _clean_texts(value).items():
            if code not in site_languages():
                errors.append(
                    exceptions.ValidationError(
                        gettext("%(code)s is not one of the site's languages.") % {"code": code},
                        code="unknown_language",
                    )
                )
            elif len(text) > self.max_length:
                errors.append(
                    exceptions.ValidationError(
                        ngettext(
                            "%(language)s: at most %(limit)d character (it has %(count)d).",
                            "%(language)s: at most %(limit)d characters (it has %(count)d).",
                            self.max_length,
                        )
                        % {
                            "language": language_name(code),
                            "limit": self.max_length,
                            "count": len(text),
                        },
                        code="max_length",
                    )
                )
        if errors:
            raise exceptions.ValidationError(errors)

    def formfield(self, **kwargs):
        # The admin and ModelForms may offer JSON's form class or a text widget; a translated
        # text is always edited one box per language.
        return TranslatedFormField(
            max_length=self.max_length,
            required=not self.blank,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=kwargs.get("help_text", self.help_text),
            initial=kwargs.get("initial"),
            disabled=kwargs.get("disabled", False),
        )


# --- Forms ------------------------------------------------------------------------------------


class TranslatedWidget(forms.MultiWidget):
    """One input (or text area) per site language, each labelled with the language's name and
    marked with its `lang`, so spell-checkers and screen readers use the right language."""

    template_name = "core/widgets/translated.html"
    use_fieldset = True

    def __init__(self, languages=None, *, multiline=False, max_length=None, attrs=None):
        self.languages = tuple(languages or site_languages())
        self.multiline = multiline
        self.max_length = max_length
        widgets = {}
        for code in self.languages:
            widget_attrs = {"lang": code}
            if max_length:
                widget_attrs["maxlength"] = str(max_length)
            if multiline:
                widget_attrs["rows"] = "4"
                widgets[code] = forms.Textarea(attrs=widget_attrs)
            else:
                widgets[code] = forms.TextInput(attrs=widget_attrs)
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str) and not isinstance(value, Translation):
            # A JSON string from the admin's history or an initial given as text.
            try:
                value = json.loads(value)
            except ValueError:
                value = {settings.LANGUAGE_CODE: value}
        texts = _clean_texts(value) if isinstance(value, dict | Translation) else {}
        return [texts.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            subwidget["language"] = code
            subwidget["language_name"] = language_name(code)
        return context


class TranslatedFormField(forms.MultiValueField):
    """Edits a translated text: one box per site language; gives `{code: text}` (filled ones).

    Required means at least one language is filled in, not all: a record starts in one language
    and gains translations later. The boxes follow `settings.LANGUAGES` as it is when the form
    is made, not when the form class was defined.
    """

    def __init__(self, *, max_length=TEXT_MAX_LENGTH, languages=None, **kwargs):
        self.max_length = max_length
        self.languages = tuple(languages or site_languages())
        fields = [
            forms.CharField(required=False, max_length=max_length, strip=True)
            for _code in self.languages
        ]
        kwargs.pop("widget", None)
        widget = TranslatedWidget(
            self.languages, multiline=max_length > LINE_MAX_LENGTH, max_length=max_length
        )
        super().__init__(fields, widget=widget, require_all_fields=False, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        if self.languages != site_languages():
            # Settings changed since the form class was made: rebuild the boxes.
            fresh = type(self)(
                max_length=self.max_length,
                required=self.required,
                label=self.label,
                help_text=self.help_text,
                initial=self.initial,
                disabled=self.disabled,
            )
            return fresh
        return result

    def compress(self, data_list):
        return {
            code: text.strip()
            for code, text in zip(self.languages, data_list or [], strict=False)
            if text and text.strip()
        }

    def clean(self, value):
        try:
            return super().clean(value)
        except exceptions.ValidationError as error:
            # Name the language whose box is too long, not just "ensure at most N characters".
            if isinstance(value, list | tuple):
                for code, text in zip(self.languages, value, strict=False):
                    if text and len(text.strip()) > self.max_length:
                        raise exceptions.ValidationError(
                            ngettext(
                                "%(language)s: at most %(limit)d character (it has %(count)d).",
                                "%(language)s: at most %(limit)d characters (it has %(count)d).",
                                self.max_length,
                            )
                            % {
                                "language": language_name(code),
                                "limit": self.max_length,
                                "count": len(text.strip()),
                            },
                            code="max_length",
                        ) from error
            raise

    def has_changed(self, initial, data):
        initial_texts = _clean_texts(initial) if isinstance(initial, dict | Translation) else {}
        if isinstance(data, list | tuple):
            data = self.compress(list(data))
        elif not isinstance(data, dict):
            data = {}
        return initial_texts != data


# --- Queries ----------------------------------------------------------------------------------


class TranslatedText(models.Expression):
    """An expression: a translated field's text in `language` (the active one when the query
    is built), else in the record's original language (the model field named `original`, if
    any), else in the default language, else in any site language. Works on SQLite and
    PostgreSQL, and in `Meta.ordering` (the language is chosen per query, not per class)."""

    output_field = models.TextField()

    def __init__(self, field, *, language=None, original=None):
        super().__init__(output_field=models.TextField())
        self.text = models.F(field) if isinstance(field, str) else field
        self.original_language = models.F(original) if isinstance(original, str) else original
        self.language = language

    def __repr__(self):
        # Stable, so that a query's parts can key what is kept of it (core.forms).
        return (
            f"{type(self).__name__}({self.text!r}, language={self.language!r}, "
            f"original={self.original_language!r})"
        )

    def get_source_expressions(self):
        return (
            [self.text, self.original_language]
            if self.original_language is not None
            else [self.text]
        )

    def set_source_expressions(self, exprs):
        self.text = exprs[0]
        self.original_language = exprs[1] if len(exprs) > 1 else None

    def resolve_expression(self, *args, **kwargs):
        wanted = self.language or active_language()
        languages = site_languages()
        field = self.text.name

        def key(code):
            return NullIf(KeyTextTransform(code, field), Value(""))

        choices = [key(wanted)]
        if self.original_language is not None:
            choices.append(
                Case(
                    *[
                        When(**{self.original_language.name: code}, then=key(code))
                        for code in languages
                    ],
                    default=Value(None),
                    output_field=models.TextField(),
                )
            )
        order = [settings.LANGUAGE_CODE, *languages]
        choices += [key(code) for code in dict.fromkeys(order) if code != wanted]
        expression = Coalesce(*choices, Value(""), output_field=models.TextField())
        return expression.resolve_expression(*args, **kwargs)

    def as_sql(self, compiler, connection):  # pragma: no cover - always resolved first
        raise NotImplementedError("TranslatedText is replaced when the query is resolved.")


def translated_text(field, *, language=None, original=None):
    """`TranslatedText`: `field`'s text in the active language with the one fallback."""
    return TranslatedText(field, language=language, original=original)


def translated_order(field, *, descending=False, original=None):
    """An `order_by` term: by `field` in the active language (with the fallback), ignoring case."""
    expression = Lower(translated_text(field, original=original))
    return expression.desc() if descending else expression.asc()


def translated_search(field, query):
    """A `Q` matching records whose `field` contains `query` (ignoring case) in any language:
    a visitor searching in Spanish still finds the record written only in English."""
    condition = Q()
    for code in site_languages():
        condition |= Q(**{f"{field}__{code}__icontains": query})
    return condition


# --- The admin --------------------------------------------------------------------------------


def missing_translation_filter(field, title=None):
    """An admin list filter: records whose `field` has no translation in a chosen language.

    The same class serves Wagtail's listings (it is a Django `SimpleListFilter`)."""

    class MissingTranslationFilter(admin.SimpleListFilter):
        parameter_name = f"missing_{field}"

        def __init__(self, *args, **kwargs):
            self.title = title or _("missing translation")
            super().__init__(*args, **kwargs)

        def lookups(self, request, model_admin):
            return [
                (code, gettext("Missing: %(language)s") % {"language": language_name(code)})
                for code in site_languages()
            ]

        def queryset(self, request, queryset):
            code = self.value()
            if code not in site_languages():
                return queryset
            return queryset.filter(missing_translation_q(field, code))

    MissingTranslationFilter.__name__ = f"Missing{field.title().replace('_', '')}TranslationFilter"
    return MissingTranslationFilter


class TranslatedSearchAdmin(admin.ModelAdmin):
    """A model admin whose search box also looks in translated fields, in every language
    (`translated_search_fields`), which a plain `search_fields` entry cannot do on a JSON
    column (SQLite stores non-ASCII letters escaped)."""

    translated_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term or not self.translated_search_fields:
            return found, may_have_duplicates
        condition = Q(pk__in=found.values("pk"))
        for field in self.translated_search_fields:
            condition |= translated_search(field, search_term)
        return queryset.filter(condition), may_have_duplicates


def missing_translation_q(field, code):
    """A `Q` for records whose `field` has no text in language `code`."""
    return Q(**{f"{field}__{code}__isnull": True}) | Q(**{f"{field}__{code}": ""})


# --- The API ----------------------------------------------------------------------------------


def translation_schema():
    """The API type of a translated value: an object with one optional string per site
    language (`{"en": "...", "es": "..."}`, only the languages written), its OpenAPI schema
    built from settings when it is called (when the API is built). A language added to
    settings later still passes through, as a further string property."""
    return _translation_schema(tuple((code, str(name)) for code, name in settings.LANGUAGES))


@functools.cache
def _translation_schema(languages):
    from typing import Annotated

    from pydantic import WithJsonSchema

    schema = {
        "type": "object",
        "description": "The text in each language it is written in, by language code",
        "properties": {code: {"type": "string", "title": name} for code, name in languages},
        "additionalProperties": {"type": "string"},
    }
    return Annotated[dict[str, str], WithJsonSchema(schema)]


# --- Migrations -------------------------------------------------------------------------------


def remove_language_column(model_name, name):
    """A `RemoveField` for an old `<field>_<code>` column whose reversal can put a required
    column back on a table that has rows: it comes back empty, and the reversed
    `copy_language_columns` that runs next fills it."""
    from django.db import migrations

    class RemoveLanguageColumn(migrations.RemoveField):
        def database_backwards(self, app_label, schema_editor, from_state, to_state):
            to_model = to_state.apps.get_model(app_label, self.model_name)
            if self.allow_migrate_model(schema_editor.connection.alias, to_model):
                from_model = from_state.apps.get_model(app_label, self.model_name)
                field = to_model._meta.get_field(self.name)
                blank, field.blank = field.blank, True  # effective default: empty text
                try:
                    schema_editor.add_field(from_model, field)
                finally:
                    field.blank = blank

    return RemoveLanguageColumn(model_name=model_name, name=name)


def copy_language_columns(model_name, field, codes, *, app_label):
    """A `RunPython` for a migration that replaces `<field>_<code>` columns by one translated
    field `field`: copies every non-empty column into it, and back when reversed.

    `codes` are the suffixes of the old columns (a historical fact of that migration, which is
    why it is listed there and not read from settings)."""
    from django.db import migrations

    columns = [f"{field}_{code}" for code in codes]

    def in_batches(model, names, update, fields):
        # Only the columns needed (with the record's language, which reading a translated
        # field asks for), a few hundred rows at a time: a large table need not fit in memory.
        original = getattr(model._meta.get_field(field), "original", None)
        needed = ["pk", *names, *([original] if original else [])]
        batch = []
        for record in model.objects.only(*needed).iterator(chunk_size=BATCH):
            update(record)
            batch.append(record)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, fields)
                batch = []
        if batch:
            model.objects.bulk_update(batch, fields)

    def forwards(apps, schema_editor):
        def update(record):
            texts = {}
            for code in codes:
                text = getattr(record, f"{field}_{code}", "") or ""
                if text.strip():
                    texts[code] = text
            setattr(record, field, texts)

        in_batches(apps.get_model(app_label, model_name), columns, update, [field])
        _check_constraints_now(schema_editor)

    def backwards(apps, schema_editor):
        def update(record):
            texts = getattr(record, field) or {}
            for code in codes:
                setattr(record, f"{field}_{code}", texts.get(code, ""))

        in_batches(apps.get_model(app_label, model_name), [field], update, columns)
        _check_constraints_now(schema_editor)

    return migrations.RunPython(forwards, backwards)


BATCH = 500


def _check_constraints_now(schema_editor):
    """On PostgreSQL, rows just updated leave deferred foreign-key checks pending until the
    migration's transaction commits, and an ALTER TABLE on those tables then fails ("pending
    trigger events"): run the checks now, so the old columns can be dropped in the same
    migration."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
