"""`get_FOO_display()` that translates only the label it shows.

Django's own `get_FOO_display()` builds a dictionary of all the field's choices on each call,
and hashing a translatable label translates it: a list of twenty resources showing their type
and language translated some 400 labels to show 40 (several milliseconds of the library's search
page). Here the choices are walked comparing values, and only the matching label is translated;
the answer is the same, for fixed choices and for choices read when asked (the site's languages).
`core.apps` installs it on the project's models as they load; a `get_FOO_display` a model writes
itself is kept.
"""

from functools import partialmethod

from django.db import models
from django.utils.encoding import force_str


def _display(field):
    def display(instance):
        value = getattr(instance, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return value

    return display


def install(model):
    """Give `model`'s fields with choices the display above, where Django put its own."""
    for field in model._meta.concrete_fields:
        if not field.choices or field.model is not model:
            continue
        name = f"get_{field.name}_display"
        current = model.__dict__.get(name)
        if isinstance(current, partialmethod) and current.func is models.Model._get_FIELD_display:
            setattr(model, name, _display(field))
