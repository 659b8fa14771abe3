from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.core.forms import (
    CountryMultipleChoiceField,
    ModelChoiceField,
    ModelMultipleChoiceField,
)
from menengage.core.models import Term
from menengage.core.translation import language_choices
from menengage.networks.models import Network

from .models import Resource
from .uploads import MAX_UPLOAD_BYTES


class NamedMultipleChoiceField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class OrganisationChoiceField(ModelChoiceField):
    def label_from_instance(self, organisation):
        return str(organisation)


class ResourceSubmitForm(forms.Form):
    """A member representative's submission of a resource for the editors to review."""

    organisation = OrganisationChoiceField(label=_("Published by"), queryset=None, empty_label=None)
    language = forms.ChoiceField(label=_("Language of the resource"), choices=language_choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Resource.Kind.choices)
    authors = forms.CharField(
        label=_("Authors"),
        max_length=500,
        required=False,
        help_text=_("Separate authors with semicolons."),
    )
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    themes = NamedMultipleChoiceField(
        label=_("Themes"),
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.THEME),
        required=False,
    )
    mandates = NamedMultipleChoiceField(
        label=_("UN mandates"),
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.MANDATE),
        required=False,
    )
    age_groups = NamedMultipleChoiceField(
        label=_("Age groups"),
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP),
        required=False,
    )
    regions = NamedMultipleChoiceField(
        label=_("Regions"),
        queryset=Network.objects.filter(kind=Network.Kind.REGIONAL),
        required=False,
    )
    countries = CountryMultipleChoiceField(label=_("Countries"), required=False)
    audience = forms.CharField(
        label=_("Who will find this useful"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Resource.Licence.choices)
    external_url = forms.URLField(
        label=_("Link to the resource"), required=False, assume_scheme="https", max_length=500
    )
    upload = forms.FileField(
        label=_("File (PDF, DOCX or EPUB)"),
        required=False,
        help_text=_("At most %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not data.get("external_url"):
            raise forms.ValidationError(_("Upload a file or give a link to the resource."))
        return data

    def resource_fields(self):
        """Keyword arguments for the submit service."""
        data = self.cleaned_data
        language = data["language"]
        return {
            "language": language,
            "title": {language: data["title"]},
            "summary": {language: data["summary"]},
            **{
                name: data[name]
                for name in (
                    "kind",
                    "authors",
                    "published_on",
                    "themes",
                    "mandates",
                    "age_groups",
                    "regions",
                    "countries",
                    "audience",
                    "licence",
                    "external_url",
                )
            },
        }


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the submitter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
