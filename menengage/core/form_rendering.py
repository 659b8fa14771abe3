"""How every form on the site is rendered: one field group and one `autocomplete` mapping.

`FORM_RENDERER` points at `FormRenderer`, so `{{ field.as_field_group }}` writes every field of
every form as `_FieldGroupMarkup` does (label, help text, errors, a fieldset for a group of
choices), and every bound field is a `BoundField` from here, which adds the `autocomplete` token
that says what a field collects (WCAG 1.3.5) without any form declaring it. Ids and
`aria-describedby` come from Django itself (`…_helptext`, `…_error`), so the group and the
widget always agree. The field group and Django's widgets are written in Python rather than
through templates: a form of seventeen fields was forty template renders per page.
"""

from django.forms import BaseForm
from django.forms.boundfield import BoundField as DjangoBoundField
from django.forms.renderers import DjangoTemplates
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# The token for each field name that collects something about the person filling the form in.
AUTOCOMPLETE = {
    "name": "name",
    "applicant_name": "name",
    "email": "email",
    "applicant_email": "email",
    "public_email": "email",
    "public_phone": "tel",
    "username": "email",
    "password": "current-password",
    "organisation": "organization",
    "organisation_name": "organization",
    "city": "address-level2",
    "country": "country-name",
    "website": "url",
    "gender": "sex",
}
# Where a field name means something else in one form: `<form class>.<field>`. "off" where the
# field is about someone else, so the browser does not offer the person's own details.
AUTOCOMPLETE_IN_FORM = {
    "JoinForm.name": "organization",
    "OrganisationProfileForm.name": "organization",
    "RegistrationForm.language": "language",
    "InviteForm.name": "off",
    "InviteForm.email": "off",
    "CoAuthorForm.name": "off",
    "CoAuthorForm.email": "off",
    "CoAuthorForm.organisation": "off",
    "TermForm.organisation": "off",
    # The anonymous concern form: the organisation named there is the one the concern is
    # about, never the reporter's; name and e-mail are the reporter's own when they choose
    # to give them, and the browser fills them only when the reporter asks it to.
    "ConcernForm.organisation_name": "off",
}
# Widgets a token applies to: text-like inputs, and the country list (its options are names).
TEXT_INPUTS = {"text", "email", "url", "tel", "password", "search"}


def autocomplete_for(form, name, widget):
    """The `autocomplete` token for field `name` of `form`, or None where none applies."""
    token = AUTOCOMPLETE_IN_FORM.get(f"{type(form).__name__}.{name}", AUTOCOMPLETE.get(name))
    if token is None:
        return None
    input_type = getattr(widget, "input_type", None)
    if input_type in TEXT_INPUTS or token in {"country-name", "language"}:
        return token
    return None


class BoundField(DjangoBoundField):
    """Django's bound field, with the `autocomplete` token from the one mapping above.

    A token a form sets on its widget (a honeypot's "off", "one-time-code") wins.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if "autocomplete" not in attrs and "autocomplete" not in widget.attrs:
            token = autocomplete_for(self.form, self.name, widget)
            if token:
                attrs["autocomplete"] = token
        return attrs

    @property
    def anchor(self):
        """The id a link to this field points at: the first option of a group of choices."""
        if self.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.id_for_label


def _text(value):
    """A value as `{{ value|stringformat:'s' }}` writes it: as text, escaped unless safe."""
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def _attributes(attrs):
    """Django's `attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    written = []
    for name, value in attrs.items():
        if value is False:
            continue
        written.append(f" {conditional_escape(name)}")
        if value is not True:
            written.append(f'="{_text(value)}"')
    return "".join(written)


class _SelectMarkup:
    """Django's `select.html` and its `select_option.html`, written here."""

    @staticmethod
    def render(context, request=None):
        widget = context["widget"]
        html = [
            f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{_text(option["value"])}"{_attributes(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


class _ChoiceListMarkup:
    """Django's `multiple_input.html` and its `input_option.html` (checkboxes and radio
    buttons), written here."""

    @staticmethod
    def render(context, request=None):
        widget = context["widget"]
        box = widget["attrs"].get("id")
        html = ["<div"]
        if box:
            html.append(f' id="{conditional_escape(box)}"')
        if widget["attrs"].get("class"):
            html.append(f' class="{conditional_escape(widget["attrs"]["class"])}"')
        html.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                html.append(f"\n  <div><label>{conditional_escape(group)}</label>")
            for option in options:
                html.append("<div>\n    ")
                if option["wrap_label"]:
                    html.append("<label")
                    if option["attrs"].get("id"):
                        html.append(f' for="{conditional_escape(option["attrs"]["id"])}"')
                    html.append(">")
                html.append(
                    f'<input type="{conditional_escape(option["type"])}" '
                    f'name="{conditional_escape(option["name"])}"'
                )
                if option["value"] is not None:
                    html.append(f' value="{_text(option["value"])}"')
                html.append(f"{_attributes(option['attrs'])}>")
                if option["wrap_label"]:
                    html.append(f" {conditional_escape(option['label'])}</label>")
                html.append("</div>")
            if group:
                html.append("\n  </div>")
        html.append("\n</div>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


class _InputMarkup:
    """Django's `input.html` and `attrs.html` (every widget template that only includes
    `input.html`), written here."""

    @staticmethod
    def render(context, request=None):
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{value}{_attributes(widget["attrs"])}>'
        )


class _TextareaMarkup:
    """Django's `textarea.html`, written here."""

    @staticmethod
    def render(context, request=None):
        widget = context["widget"]
        value = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<textarea name="{conditional_escape(widget["name"])}"'
            f"{_attributes(widget['attrs'])}>\n{value}</textarea>"
        )


class _FieldGroupMarkup:
    """A field with its label, help text and errors: a fieldset with a legend for a group of
    choices, the label around a checkbox, a label above anything else. Ids and
    `aria-describedby` are Django's own (`…_helptext`, `…_error`)."""

    @staticmethod
    def render(context, request=None):
        field = context["field"]
        invalid = " invalid" if field.errors else ""
        label = conditional_escape(field.label)
        required = ' <span aria-hidden="true">*</span>' if field.field.required else ""
        notes = []
        if field.help_text:
            notes.append(
                f'<p class="help" id="{conditional_escape(field.auto_id)}_helptext">'
                f"{conditional_escape(field.help_text)}</p>\n"
            )
        if field.errors:
            errors = "".join(f"<p>{conditional_escape(error)}</p>" for error in field.errors)
            error_id = f"{conditional_escape(field.auto_id)}_error"
            notes.append(f'<div class="error" id="{error_id}">{errors}</div>\n')
        notes = "".join(notes) + "\n"  # the old template's closing line break, kept
        if field.use_fieldset:
            described = field.aria_describedby
            described = f' aria-describedby="{conditional_escape(described)}"' if described else ""
            html = (
                f'<fieldset class="field{invalid}"{described}>\n<legend>{label}{required}'
                f"</legend>\n{notes}{field}\n</fieldset>"
            )
        elif field.widget_type == "checkbox":
            html = (
                f'<div class="field check{invalid}">\n{notes}<label for="'
                f'{conditional_escape(field.id_for_label)}">{field} {label}</label>\n</div>'
            )
        else:
            html = (
                f'<div class="field{invalid}">\n<label for="'
                f'{conditional_escape(field.id_for_label)}">{label}{required}</label>\n'
                f"{notes}{field}\n</div>"
            )
        return mark_safe(html)  # noqa: S308 - every value is escaped or a rendered widget


# Widgets written in Python, with the same markup as Django's templates. Lists of options
# include a template per option, and even inline a country list is 250 turns of a template
# loop, which cost more than every query of the page (the join form spent 60 ms of its 90
# in the includes, then 20 of its 37 in the loop); each plain input was two more templates
# (its own, `input.html` and `attrs.html`), a third of what the join form's fields cost.
OPTION_LISTS = {
    "django/forms/widgets/select.html": _SelectMarkup,
    "django/forms/widgets/checkbox_select.html": _ChoiceListMarkup,
    "django/forms/widgets/radio.html": _ChoiceListMarkup,
    "django/forms/widgets/textarea.html": _TextareaMarkup,
    # Our own field group, written here from the start: seventeen fields of the join form
    # through a template and its include were half of what the fields cost.
    "core/field.html": _FieldGroupMarkup,
    **{
        f"django/forms/widgets/{kind}.html": _InputMarkup
        for kind in (
            "input",
            "text",
            "email",
            "url",
            "tel",
            "search",
            "password",
            "number",
            "hidden",
            "checkbox",
            "file",
            "date",
            "datetime",
            "time",
            "color",
        )
    },
}


class FormRenderer(DjangoTemplates):
    """Every field through `core/field.html`, every bound field through `BoundField`, lists
    of options without a template per option."""

    field_template_name = "core/field.html"  # a name only: _FieldGroupMarkup writes it
    bound_field_class = BoundField

    def get_template(self, template_name):
        return OPTION_LISTS.get(template_name) or super().get_template(template_name)


def invalid_forms(context):
    """The bound forms with errors among the template context's values, in context order."""
    forms = []
    for value in context.flatten().values():
        # A lazy value is work a view put off until a template needs it; asking whether it
        # is a form would do that work. Forms are never lazy.
        if type(value) is SimpleLazyObject:
            continue
        invalid = isinstance(value, BaseForm) and value.is_bound and value.errors
        if invalid and value not in forms:
            forms.append(value)
    return forms
