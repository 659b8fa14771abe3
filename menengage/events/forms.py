from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from menengage.core.fields import TEXT_MAX_LENGTH
from menengage.core.forms import ModelChoiceField
from menengage.core.models import Country

from .models import CoAuthor, Registration, Submission


class RegistrationForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    country = ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation",
            "country",
            "language",
            "accessibility_needs",
            "dietary_needs",
            "gender",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "gender": _("Gender (optional, in your own words)"),
        }
        help_texts = {"gender": ""}
        widgets = {
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }


class SubmissionForm(forms.Form):
    track = ModelChoiceField(label=_("Track"), queryset=None)
    format = forms.ChoiceField(label=_("Format"), choices=Submission.Format.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    abstract = forms.CharField(label=_("Abstract"), widget=forms.Textarea, max_length=5000)
    organisation = ModelChoiceField(
        label=_("On behalf of"),
        queryset=None,
        required=False,
        empty_label=_("Myself"),
    )

    def __init__(self, *args, call, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = call.tracks.all()
        self.fields["organisation"].queryset = organisations


class CoAuthorForm(forms.ModelForm):
    class Meta:
        model = CoAuthor
        fields = ["name", "organisation", "email"]
        labels = {"name": _("Co-author's name")}


# Three empty co-author rows: enough for most proposals without JavaScript to add more.
CoAuthorFormSet = forms.formset_factory(CoAuthorForm, extra=3, max_num=8, validate_max=True)


class ReviewForm(forms.Form):
    comments = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Comments"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                initial=(scores or {}).get(criterion.pk),
                help_text=_("From 0 to %(max)s") % {"max": criterion.max_score},
            )
        self.order_fields([f"criterion_{c.pk}" for c in criteria] + ["comments"])

    def scores(self):
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Note to the authors"),
        widget=forms.Textarea,
        required=False,
    )


class AssignForm(forms.Form):
    reviewer = ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = call.reviewers.order_by("name")


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at (event time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at (event time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    room = forms.CharField(label=_("Room or stream"), max_length=100, required=False)
    chair = forms.CharField(label=_("Chair"), max_length=200, required=False)
