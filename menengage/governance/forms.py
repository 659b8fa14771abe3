from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.accounts.models import User
from menengage.core.fields import DOCUMENT_MAX_LENGTH, TEXT_MAX_LENGTH
from menengage.core.forms import ModelChoiceField
from menengage.core.translation import active_language
from menengage.members.models import Organisation

from .models import Meeting, Position, Proposal, Vote

PDF_MAX_BYTES = 10 * 1024 * 1024


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class DateInput(forms.DateInput):
    input_type = "date"


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, person):
        return person.name or person.email


class ProposalForm(forms.ModelForm):
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeInput)

    class Meta:
        model = Proposal
        fields = ["language", "title", "text", "attachment", "closes_at", "anonymous"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most write in the language they use the site in: that is the default.
        self.fields["language"].required = False
        self.fields["language"].initial = active_language()

    def clean_language(self):
        return self.cleaned_data.get("language") or active_language()

    def clean_attachment(self):
        """Checked by content, not by name: a PDF starts with %PDF-."""
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        if upload.size > PDF_MAX_BYTES:
            raise forms.ValidationError(_("The attachment is larger than 10 MB."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("The attachment must be a PDF file."))
        return upload


class PositionForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your position"), choices=Position.Stance.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you disagree or block."),
    )
    member = PersonChoiceField(
        label=_("For"), queryset=User.objects.none(), required=False, empty_label=_("myself")
    )

    def __init__(self, *args, givers=(), **kwargs):
        super().__init__(*args, **kwargs)
        if givers:
            self.fields["member"].queryset = User.objects.filter(pk__in=[p.pk for p in givers])
        else:
            del self.fields["member"]


class VoteForm(PositionForm):
    stance = forms.ChoiceField(
        label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
    reason = None


class ProxyForm(forms.Form):
    holder = PersonChoiceField(label=_("Give my proxy to"), queryset=User.objects.none())

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = members


class ConflictForm(forms.Form):
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("The interest you declare"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VoteCallForm(forms.Form):
    closes_at = forms.DateTimeField(label=_("The vote closes at"), widget=DateTimeInput)


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput)

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place"]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=200, required=False)
    proposal = ModelChoiceField(
        label=_("Proposal to discuss"), queryset=Proposal.objects.none(), required=False
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = body.proposals.all() if body else Proposal.objects.none()

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("proposal"):
            raise forms.ValidationError(_("Give the item a title or choose a proposal."))
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        max_length=DOCUMENT_MAX_LENGTH,
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class TermForm(forms.Form):
    organisation = forms.SlugField(
        label=_("Organisation"),
        help_text=_(
            "The organisation's address in the directory, for example invented-fathers-forum."
        ),
    )
    delegate = forms.EmailField(
        label=_("Delegate's e-mail address"), help_text=_("The person must have an account.")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, required=False)
    is_chair = forms.BooleanField(label=_("Chair"), required=False)

    def clean_organisation(self):
        organisation = Organisation.objects.filter(slug=self.cleaned_data["organisation"]).first()
        if organisation is None:
            raise forms.ValidationError(_("No organisation has that address."))
        return organisation

    def clean_delegate(self):
        person = User.objects.filter(
            email=self.cleaned_data["delegate"].lower(), is_active=True
        ).first()
        if person is None:
            raise forms.ValidationError(_("No active account has that e-mail address."))
        return person


class TermEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)


class ElectionForm(forms.Form):
    nominations_close_on = forms.DateField(label=_("Nominations close on"), widget=DateInput)
    term_starts_on = forms.DateField(label=_("Term starts on"), widget=DateInput)
    term_ends_on = forms.DateField(label=_("Term ends on"), widget=DateInput, required=False)


class OrganisationChoiceField(ModelChoiceField):
    def label_from_instance(self, organisation):
        return str(organisation)


class NominationForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    statement = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why your organisation stands, and what it will bring to the body."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class BallotForm(forms.Form):
    voter = OrganisationChoiceField(label=_("Voting for"), queryset=Organisation.objects.none())
    nomination = ModelChoiceField(
        label=_("Your vote"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, voters=None, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = voters
        self.fields["nomination"].queryset = election.nominations.select_related("organisation")
