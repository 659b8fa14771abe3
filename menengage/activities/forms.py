import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from menengage.accounts.permissions import is_secretariat
from menengage.core.fields import TEXT_MAX_LENGTH
from menengage.core.forms import ModelChoiceField, ModelMultipleChoiceField, row_id_in_range
from menengage.core.models import Country, Term
from menengage.core.translation import TranslatedFormField, language_choices, translated_order
from menengage.library.models import Resource
from menengage.members.models import Membership, Organisation
from menengage.members.selectors import organisations_represented_by
from menengage.networks.models import Network

from .models import Activity, Consultation, Reach, WorkingGroup


class NamedChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class NamedMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TermsField(NamedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _organisation_named(line):
    """The organisation a person means by `line`: its identifier, or its exact name."""
    if len(line) > Organisation._meta.get_field("name").max_length:
        return None  # longer than any name: no query (a megabyte pattern overwhelms SQLite)
    matches = list(
        Organisation.objects.filter(Q(identifier=line) | Q(name__iexact=line)).order_by("pk")[:2]
    )
    by_identifier = [org for org in matches if org.identifier == line]
    if by_identifier:
        return by_identifier[0]
    if len(matches) > 1:
        raise ValidationError(
            _("Several organisations are called %(name)s: give its identifier instead."),
            params={"name": line},
        )
    return matches[0] if matches else None


class OrganisationsField(forms.CharField):
    """Organisations of the member directory, one a line, by name or identifier. With
    `keep_unknown`, lines that match none are returned apart rather than refused."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, keep_unknown=False, **kwargs):
        self.keep_unknown = keep_unknown
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        found, unknown = [], []
        for line in dict.fromkeys(line.strip() for line in text.splitlines()):
            if not line:
                continue
            organisation = _organisation_named(line)
            if organisation is None:
                unknown.append(line)
            elif organisation not in found:
                found.append(organisation)
        if unknown and not self.keep_unknown:
            raise ValidationError(
                _(
                    "Not in the member directory: %(names)s. "
                    "Check the spelling or use the identifier."
                ),
                params={"names": ", ".join(Truncator(name).chars(80) for name in unknown)},
            )
        return (found, unknown) if self.keep_unknown else found


class OrganisationField(OrganisationsField):
    widget = forms.TextInput

    def clean(self, value):
        found = super().clean(value)
        if len(found) != 1:
            raise ValidationError(_("Name one organisation."))
        return found[0]


class ResourcesField(forms.CharField):
    """Resources of the library, one a line, by their address or number."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        text = super().clean(value)
        numbers, unknown = [], []
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            found = re.search(r"(?:/library/)?(\d+)(?:/[\w-]*)?/?$", line)
            if found and row_id_in_range(found.group(1)):
                numbers.append(int(found.group(1)))
            else:
                unknown.append(Truncator(line).chars(80))
        resources = {resource.pk: resource for resource in Resource.objects.filter(pk__in=numbers)}
        unknown += [str(number) for number in numbers if number not in resources]
        if unknown:
            raise ValidationError(
                _("Not in the library: %(items)s. Paste the address of the resource's page."),
                params={"items": ", ".join(unknown)},
            )
        return list(dict.fromkeys(resources[number] for number in numbers))


def reach_field_name(age_band, gender):
    return f"reach_{age_band.replace('+', 'plus').replace('-', '_')}_{gender}"


class ActivityForm(forms.Form):
    """An activity as its lead organisation, a network coordinator or the secretariat records it."""

    kind = forms.ChoiceField(label=_("Kind of activity"), choices=Activity.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    language = forms.ChoiceField(
        label=_("Original language"),
        choices=language_choices,
        help_text=_("Give the title and summary at least in this language."),
    )
    title = TranslatedFormField(label=_("Title"), max_length=200, required=False)
    summary = TranslatedFormField(label=_("Summary"), required=False)
    lead = OrganisationField(
        label=_("Lead organisation"),
        help_text=_("Its name or identifier, as in the member directory."),
    )
    partners = OrganisationsField(
        label=_("Partner organisations"),
        required=False,
        help_text=_("One a line, by name or identifier, as in the member directory."),
    )
    networks = NamedMultipleChoiceField(
        label=_("Networks involved"),
        required=False,
        queryset=Network.objects.order_by("kind", translated_order("name")),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    countries = NamedMultipleChoiceField(
        label=_("Countries where it takes place"),
        queryset=Country.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"required": _("Name at least one country where the activity takes place.")},
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    themes = TermsField(
        label=_("Themes"), required=False, queryset=Term.objects.filter(vocabulary="theme")
    )
    mandates = TermsField(
        label=_("UN mandates"), required=False, queryset=Term.objects.filter(vocabulary="mandate")
    )
    age_groups = TermsField(
        label=_("Age groups"), required=False, queryset=Term.objects.filter(vocabulary="age_group")
    )
    working_group = NamedChoiceField(
        label=_("Working group"), required=False, queryset=WorkingGroup.objects.all()
    )
    outputs = ResourcesField(
        label=_("Outputs in the library"),
        required=False,
        help_text=_("The address of each resource the activity produced, one a line."),
    )
    is_new_programme = forms.BooleanField(
        label=_("This is a new programme"),
        required=False,
        help_text=_(
            "A new programme records how women's rights organisations were consulted "
            "(Accountability Standard 4)."
        ),
    )
    consulted_organisations = OrganisationsField(
        label=_("Women's rights organisations consulted"),
        required=False,
        keep_unknown=True,
        help_text=_("One a line. Organisations not in the member directory are kept by name."),
    )
    consulted_on = forms.DateField(
        label=_("Consulted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    consultation_method = forms.ChoiceField(
        label=_("How they were consulted"),
        required=False,
        choices=[("", "—"), *Consultation.Method.choices],
    )
    what_changed = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("What changed as a result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    MAIN = (
        "kind",
        "status",
        "language",
        "title",
        "summary",
        "lead",
        "partners",
        "networks",
        "countries",
        "starts_on",
        "ends_on",
        "themes",
        "mandates",
        "age_groups",
        "working_group",
        "outputs",
        "is_new_programme",
    )
    CONSULTATION = (
        "consulted_organisations",
        "consulted_on",
        "consultation_method",
        "what_changed",
    )

    def __init__(self, *args, actor, activity=None, **kwargs):
        self.activity = activity
        if activity is not None:
            kwargs.setdefault("initial", self.initial_from(activity))
        super().__init__(*args, **kwargs)
        for band in Reach.AgeBand:
            for gender in Reach.Gender:
                self.fields[reach_field_name(band.value, gender.value)] = forms.IntegerField(
                    label=f"{band.label}, {gender.label}",
                    min_value=0,
                    max_value=10_000_000,
                    required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
                )
        self._offer_represented_organisations(actor)

    def _offer_represented_organisations(self, actor):
        """A representative picks one of their organisations; staff and coordinators, who
        act for many, name one."""
        if is_secretariat(actor):
            return
        represented = organisations_represented_by(actor=actor).filter(
            memberships__status=Membership.Status.ACTIVE
        )
        if not represented.exists():
            return
        if self.activity is not None:
            if not represented.filter(pk=self.activity.lead_id).exists():
                return
            self.initial["lead"] = self.activity.lead_id
        self.fields["lead"] = NamedChoiceField(
            label=_("Lead organisation"),
            queryset=Organisation.objects.filter(pk__in=represented.values("pk")),
            empty_label=None,
        )

    @staticmethod
    def initial_from(activity):
        initial = {
            name: getattr(activity, name)
            for name in (
                "kind",
                "status",
                "language",
                "title",
                "summary",
                "starts_on",
                "ends_on",
                "working_group",
                "is_new_programme",
            )
        }
        initial["lead"] = activity.lead.identifier or activity.lead.name
        initial["partners"] = "\n".join(
            org.identifier or org.name for org in activity.partners.all()
        )
        for name in ("networks", "countries", "themes", "mandates", "age_groups"):
            initial[name] = list(getattr(activity, name).all())
        initial["outputs"] = "\n".join(
            resource.get_absolute_url() for resource in activity.outputs.all()
        )
        for row in activity.reach.all():
            initial[reach_field_name(row.age_band, row.gender)] = row.count
        return initial

    def main_fields(self):
        return [self[name] for name in self.MAIN]

    def consultation_fields(self):
        return [self[name] for name in self.CONSULTATION]

    def reach_grid(self):
        """(age band label, [bound fields per gender]) rows, and the gender labels."""
        rows = [
            (
                band.label,
                [self[reach_field_name(band.value, gender.value)] for gender in Reach.Gender],
            )
            for band in Reach.AgeBand
        ]
        return {"columns": [gender.label for gender in Reach.Gender], "rows": rows}

    def clean(self):
        cleaned = super().clean()
        organisations, others = cleaned.get("consulted_organisations") or ([], [])
        given = [
            bool(organisations or others),
            bool(cleaned.get("consulted_on")),
            bool(cleaned.get("consultation_method")),
            bool((cleaned.get("what_changed") or "").strip()),
        ]
        if any(given):
            required = dict(zip(self.CONSULTATION, given, strict=True))
            for name, present in required.items():
                if not present and name not in self.errors:
                    self.add_error(name, _("Say who was consulted, when, how and what changed."))
        elif cleaned.get("is_new_programme") and not (
            self.activity is not None and self.activity.consultations.exists()
        ):
            self.add_error(
                "consulted_organisations",
                _(
                    "A new programme records how women's rights organisations were consulted "
                    "(Accountability Standard 4): who, when, how and what changed."
                ),
            )
        return cleaned

    def service_arguments(self):
        """The keyword arguments of activity_create and activity_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.MAIN}
        fields["reach"] = {
            (band.value, gender.value): data.get(reach_field_name(band.value, gender.value)) or 0
            for band in Reach.AgeBand
            for gender in Reach.Gender
        }
        organisations, others = data.get("consulted_organisations") or ([], [])
        fields["consultation"] = None
        if organisations or others:
            fields["consultation"] = {
                "organisations": organisations,
                "other_organisations": "\n".join(others),
                "consulted_on": data["consulted_on"],
                "method": data["consultation_method"],
                "what_changed": data["what_changed"],
            }
        return fields
