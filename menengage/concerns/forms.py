import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from menengage.core.fields import TEXT_MAX_LENGTH
from menengage.core.forms import KeptChoiceIterator, ModelChoiceField
from menengage.networks.models import Network

from . import selectors, uploads
from .models import Concern
from .receipts import NUMBER, PASSPHRASE


class NetworkChoiceField(ModelChoiceField):
    iterator = KeptChoiceIterator

    def label_from_instance(self, network):
        return network.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to three files, each checked by its content (uploads.read_uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return uploads.read_uploads(files)


class ConcernForm(forms.Form):
    """A concern, from anyone, with or without a name."""

    REPORTER_CHOICES = [
        ("affected", _("I am the person affected")),
        ("behalf", _("I report on behalf of someone else")),
    ]
    CONTACT_CHOICES = [
        ("anonymous", _("Anonymously: I will come back with my receipt")),
        ("named", _("With my name and e-mail address")),
    ]
    RECEIPT_CHOICES = [
        (NUMBER, _("A sixteen-digit number, in four groups: quick to type on a phone keypad")),
        (PASSPHRASE, _("Six words: easier to remember")),
    ]

    kind = forms.ChoiceField(
        label=_("What would you like to raise?"),
        choices=[
            (Concern.Kind.FEEDBACK, _("Feedback: a response is optional")),
            (Concern.Kind.COMPLAINT, _("A complaint: you are owed a response or a resolution")),
        ],
        widget=forms.RadioSelect,
        initial=Concern.Kind.COMPLAINT,
    )
    subject_kind = forms.ChoiceField(
        label=_("Whom or what is it about?"),
        choices=Concern.Subject.choices,
        widget=forms.RadioSelect,
    )
    subject_text = forms.CharField(
        label=_("Their name, or a description"),
        max_length=500,
        help_text=_("For example the person's name and role, or the activity concerned."),
    )
    organisation_name = forms.CharField(
        label=_("The organisation concerned, if any"),
        max_length=200,
        required=False,
        help_text=_("Its name or acronym as in the member directory."),
    )
    subject_network = NetworkChoiceField(
        label=_("The network concerned, if any"),
        queryset=Network.objects.none(),
        required=False,
        empty_label="—",
    )
    principle = forms.CharField(
        label=_("The principle or clause concerned"),
        max_length=300,
        required=False,
        help_text=_("Optional: for example a Core Principle or a clause of the Code of Conduct."),
    )
    what_happened = forms.CharField(
        label=_("What happened?"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    when_where = forms.CharField(
        label=_("When and where?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reporter = forms.ChoiceField(
        label=_("Who is reporting?"),
        choices=REPORTER_CHOICES,
        widget=forms.RadioSelect,
        initial="affected",
    )
    consent = forms.BooleanField(
        label=_("The person affected knows about this report and agreed to it"),
        required=False,
    )
    contact = forms.ChoiceField(
        label=_("How can we reach you?"),
        choices=CONTACT_CHOICES,
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail address"), required=False)
    # One key per rendered form: a second click, or the same form sent again, files nothing new.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    receipt_kind = forms.ChoiceField(
        label=_("Your receipt"),
        choices=RECEIPT_CHOICES,
        widget=forms.RadioSelect,
        initial=NUMBER,
        help_text=_(
            "The receipt is how you come back to read replies and add information, without an "
            "account. Choose the kind you will keep best."
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Optional: up to three PDF, JPEG, PNG or Word (DOCX) files, 5 MB each."),
    )
    # A trap for robots: hidden from people by the style sheet and from screen readers.
    website = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_network"].queryset = selectors.networks_for_choice()

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(_("This report could not be accepted."), code="trap")
        if data.get("reporter") == "behalf" and not data.get("consent"):
            self.add_error(
                "consent", _("Please confirm that the person affected agreed to this report.")
            )
        if data.get("contact") == "named":
            for field in ("name", "email"):
                if not data.get(field):
                    self.add_error(field, _("Please give your name and e-mail address."))
        else:
            # Anonymous means anonymous: whatever was typed in these boxes is dropped.
            data["name"] = data["email"] = ""
        data["subject_organisation"] = selectors.organisation_match(data.get("organisation_name"))
        return data


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt"),
        max_length=200,
        help_text=_("The sixteen-digit number or the six words you were given."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReporterMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer or more information"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Optional: up to three PDF, JPEG, PNG or Word (DOCX) files, 5 MB each."),
    )


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you appeal?"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class CaseMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AcknowledgeForm(forms.Form):
    text = forms.CharField(
        label=_("Message to the reporter"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Thank you for your report. We have received it and are looking into it."),
    )


class AssignForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=[])

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["person"].choices = [
            (person.pk, person.name or person.email) for person in people
        ]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Concern.Outcome.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Closing message to the reporter"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
