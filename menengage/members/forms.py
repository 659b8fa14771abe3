import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.core.fields import TEXT_MAX_LENGTH
from menengage.core.forms import CountryChoiceField, KeptChoiceIterator, ModelMultipleChoiceField
from menengage.core.images import ImageRefused, check_image
from menengage.core.models import Term
from menengage.core.translation import active_language

from .models import Organisation


class TermChoiceField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    iterator = KeptChoiceIterator

    def label_from_instance(self, term):
        return term.name


class JoinForm(forms.Form):
    """An application to join, by an organisation or an individual."""

    AS_CHOICES = [("organisation", _("an organisation")), ("individual", _("an individual"))]

    applying_as = forms.ChoiceField(
        label=_("I am applying as"),
        choices=AS_CHOICES,
        widget=forms.RadioSelect,
        initial="organisation",
    )
    country = CountryChoiceField(
        label=_("Country"),
        help_text=_("You join through the network of this country, or of its region."),
    )
    applicant_name = forms.CharField(label=_("Your name"), max_length=200)
    applicant_email = forms.EmailField(label=_("Your e-mail address"))
    name = forms.CharField(label=_("Organisation name"), max_length=200, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", "—"), *Organisation.Kind.choices],
        required=False,
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    identifier = forms.CharField(
        label=_("Registration identifier"),
        max_length=60,
        required=False,
        help_text=_("Optional, in the org-id.guide form, for example KE-NCB-12345."),
    )
    activities = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("What do you do?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your work with men and boys for gender equality, in a few sentences."),
    )
    themes = TermChoiceField(
        label=_("Themes"), required=False, queryset=Term.objects.filter(vocabulary="theme")
    )
    age_groups = TermChoiceField(
        label=_("Age groups you reach"),
        required=False,
        queryset=Term.objects.filter(vocabulary="age_group"),
    )
    works_with_womens_rights = forms.BooleanField(
        label=_("We work with women's rights organisations"), required=False
    )
    endorse_principles = forms.BooleanField(
        label=_("I endorse the Core Principles of the MenEngage Alliance"),
        error_messages={"required": _("Members endorse the Core Principles.")},
    )
    endorse_conduct = forms.BooleanField(
        label=_("I endorse the Code of Conduct of the MenEngage Alliance"),
        error_messages={"required": _("Members endorse the Code of Conduct.")},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("applying_as") == "organisation":
            for field in ("name", "kind"):
                if not cleaned.get(field):
                    self.add_error(field, _("This field is required for an organisation."))
        return cleaned

    def organisation_fields(self):
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "name",
                "acronym",
                "kind",
                "city",
                "website",
                "identifier",
                "works_with_womens_rights",
            )
        }
        return {
            **fields,
            # Written in the language the applicant is using the site in.
            "description": {active_language(): data["activities"]},
            "themes": data["themes"],
            "age_groups": data["age_groups"],
        }


class DecisionForm(forms.Form):
    """A coordinator's decision on an application."""

    DECISIONS = [
        ("approve", _("Approve")),
        ("ask", _("Ask for more information")),
        ("decline", _("Decline")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    text = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Note, question or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A question is sent to the applicant; a reason for declining is too."),
    )


class OrganisationProfileForm(forms.ModelForm):
    """The public profile a representative edits."""

    themes = TermChoiceField(
        label=_("Themes"), required=False, queryset=Term.objects.filter(vocabulary="theme")
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "city",
            "website",
            "description",
            "public_email",
            "public_phone",
            "show_email",
            "show_phone",
            "works_with_womens_rights",
            "themes",
        ]

    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 5 MB. It replaces the current logo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    def clean_logo_upload(self):
        """Checked here for a message beside the field; the service checks it again."""
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            try:
                check_image(upload)
            except ImageRefused as refused:
                raise forms.ValidationError(str(refused)) from refused
        return upload


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Why is the organisation leaving?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)


class StatusChangeForm(forms.Form):
    """A coordinator's change to an active, lapsed or suspended membership."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = membership.TRANSITIONS[membership.Status(membership.status)]
        self.fields["status"].choices = [
            (status.value, status.label)
            for status in membership.Status
            if status in allowed and status.value in {"active", "lapsed", "suspended", "removed"}
        ]
