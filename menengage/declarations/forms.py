from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.core.fields import DOCUMENT_MAX_LENGTH, TEXT_MAX_LENGTH
from menengage.core.forms import ModelChoiceField
from menengage.core.models import Country
from menengage.core.translation import TranslatedFormField, site_languages
from menengage.members.forms import CountryChoiceField


class EndorseForm(forms.Form):
    """A sign-on by an organisation that is not a member, or by an individual."""

    AS_CHOICES = [
        ("individual", _("myself, as an individual")),
        ("organisation", _("an organisation")),
    ]

    kind = forms.ChoiceField(
        label=_("I sign for"), choices=AS_CHOICES, widget=forms.RadioSelect, initial="individual"
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm. It is never shown publicly."),
    )
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all())
    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=200,
        required=False,
        help_text=_("Only when you sign for an organisation."),
    )
    # A field people never see (hidden by the stylesheet): only robots fill it in.
    website = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == "organisation"
            and not cleaned.get("organisation_name", "").strip()
        ):
            self.add_error("organisation_name", _("Write the organisation's name."))
        return cleaned

    @property
    def is_robot(self):
        return bool(self.data.get("website"))


class MemberEndorseForm(forms.Form):
    """A representative signs for a member organisation."""

    organisation = ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CommentForm(forms.Form):
    organisation = ModelChoiceField(label=_("On behalf of"), queryset=None)
    paragraph = forms.TypedChoiceField(label=_("Paragraph"), coerce=int)
    body = forms.CharField(
        label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organisations, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["paragraph"].choices = [(number, str(number)) for number in paragraphs]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class VersionForm(forms.Form):
    """A draft's text in each language; paragraphs are separated by a blank line."""

    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    text = TranslatedFormField(
        label=_("Text"),
        max_length=DOCUMENT_MAX_LENGTH,
        help_text=_("Separate paragraphs with a blank line. The English text is required."),
    )

    def texts(self):
        """Every site language, empty where the box was left empty (which removes it)."""
        given = self.cleaned_data.get("text") or {}
        return {code: given.get(code, "") for code in site_languages()}


class OpenCommentsForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Comments close on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ActionReportForm(forms.Form):
    organisation = ModelChoiceField(label=_("Organisation"), queryset=None)
    commitment = ModelChoiceField(label=_("Commitment"), queryset=None)
    description = forms.CharField(
        label=_("What did you do?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    taken_on = forms.DateField(label=_("When"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label_from_instance = lambda c: f"{c.number}. {c.text[:90]}"
