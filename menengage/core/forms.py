"""Form fields every app shares, so hostile input is refused the same way everywhere.

A choice of rows checks that each id is one a database can hold before querying: an id such as
99999999999999999999999 is refused as an invalid choice (Django's own, translated message)
instead of overflowing the database driver.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from . import versions
from .collation import collation_key
from .countries import countries_by_name, countries_to_offer
from .translation import active_language

# The largest id any database here stores: a signed 64-bit integer.
ROW_ID_MAX = 2**63 - 1


def row_id_in_range(value):
    """Whether `value` is a whole number a database id can be (or not a number at all, which
    the field's own conversion refuses)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True
    return -ROW_ID_MAX - 1 <= number <= ROW_ID_MAX


def _integer_key(field):
    model = field.queryset.model
    target = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    return target.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "ForeignKey",
    }


class ModelChoiceField(forms.ModelChoiceField):
    """A choice of one row; an impossible id is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and _integer_key(self) and not row_id_in_range(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several rows; an impossible id is an invalid choice."""

    def _check_values(self, value):
        if isinstance(value, (list, tuple)) and _integer_key(self):
            for item in value:
                if not row_id_in_range(item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


class CollatedChoiceIterator(ModelChoiceIterator):
    """The rows in the alphabetical order of their labels in the active language (the
    database orders by code point and knows no translated names)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = sorted(
            self.queryset, key=lambda row: collation_key(self.field.label_from_instance(row))
        )
        for row in rows:
            yield self.choice(row)


class KeptChoiceIterator(ModelChoiceIterator):
    """The choices of a short public list (networks, terms, countries) as (value, label), kept
    by the process per query and language under the public-content version (core.versions),
    which every write to the content replaces: building a model instance per row on every form
    was a third of what the concern form cost, and loading and collating the 250 countries more
    than the rest of the join form. The options carry no instance."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        field, query = self.field, self.queryset.query
        key = (  # the query's parts, not its SQL: compiling a translated ordering costs more
            versions.current(versions.PUBLIC_CONTENT),
            active_language(),
            type(self).__qualname__,
            type(field).__qualname__,
            query.model._meta.label,
            str(query.where),
            repr(query.order_by),
            query.distinct,
            query.low_mark,
            query.high_mark,
        )
        choices = _kept_choices.get(
            key,
            lambda: [
                (field.prepare_value(row), str(field.label_from_instance(row)))
                for row in self.rows()
            ],
        )
        for value, label in choices:
            yield (ModelChoiceIteratorValue(value, None), label)

    def rows(self):
        """The rows offered, in the order offered."""
        return self.queryset


_kept_choices = versions.Kept(size=200, seconds=3600)


class CountryChoiceIterator(KeptChoiceIterator):
    """The countries to offer, alphabetical in the active language. A field given its own
    queryset is collated afresh each time."""

    def __iter__(self):
        if self.field.kept is None:
            yield from CollatedChoiceIterator.__iter__(self)
        else:
            yield from super().__iter__()

    def rows(self):
        return countries_by_name(self.queryset)


class _CountryChoices:
    """A choice of countries: named in the active language, alphabetical, and only the
    countries people may choose (`core.countries.countries_to_offer`)."""

    iterator = CountryChoiceIterator

    def __init__(self, *, queryset=None, **kwargs):
        # The codes offered beyond the current countries; None for a queryset of one's own.
        self.kept = () if queryset is None else None
        super().__init__(queryset=countries_to_offer() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, country):
        return country.name

    def keep(self, countries):
        """Offer also `countries` (those a record being edited names, even withdrawn ones)."""
        self.kept = tuple(str(getattr(country, "pk", country)) for country in countries if country)
        self.queryset = countries_to_offer(keep=countries)


class CountryChoiceField(_CountryChoices, ModelChoiceField):
    """One country, chosen from the countries people may choose, in alphabetical order."""


class CountryMultipleChoiceField(_CountryChoices, ModelMultipleChoiceField):
    """Several countries, chosen from the countries people may choose, in alphabetical order."""


def form_refuse(form, refused):
    """Put a service's refusal (a DomainError or a ValidationError) on the form: on the field it
    names when the form has one, else above the form. One rule for every app's views."""
    if isinstance(refused, ValidationError) and hasattr(refused, "error_dict"):
        for field, errors in refused.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refused.messages if hasattr(refused, "messages") else str(refused))
