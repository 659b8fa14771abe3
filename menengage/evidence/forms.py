from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.accounts.permissions import is_secretariat
from menengage.activities.models import Activity
from menengage.core.forms import CountryChoiceField
from menengage.core.models import Term
from menengage.members.forms import TermChoiceField
from menengage.members.models import Membership, Organisation

from .models import Design, Instrument, Respondent, Wave
from .permissions import represented_organisation_ids
from .uploads import MAX_UPLOAD_BYTES


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, instrument):
        return str(instrument)


class EvaluationForm(forms.Form):
    """Registering an evaluation: what is evaluated, how, where, and its ethics."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    instrument = InstrumentChoiceField(label=_("Instrument"), queryset=None)
    title = forms.CharField(label=_("Programme evaluated"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    activity = forms.ModelChoiceField(
        label=_("Joint activity evaluated"),
        queryset=None,
        required=False,
        help_text=_("Optional: the activity recorded on this site that the programme is part of."),
    )
    design = forms.ChoiceField(label=_("Design"), choices=Design.choices, widget=forms.RadioSelect)
    waves = forms.MultipleChoiceField(
        label=_("Waves"),
        choices=Wave.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Wave.BASELINE, Wave.ENDLINE],
    )
    country = CountryChoiceField(label=_("Country"))
    age_groups = TermChoiceField(
        label=_("Age groups"),
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP),
    )
    ethics_body = forms.CharField(label=_("Ethics approval by"), max_length=200)
    ethics_reference = forms.CharField(
        label=_("Approval reference"), max_length=100, required=False
    )
    ethics_approved_on = forms.DateField(
        label=_("Approved on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    consent_statement = forms.CharField(
        label=_("Consent statement"),
        widget=forms.Textarea,
        help_text=_(
            "What respondents were told and agreed to (Accountability Standard 9): the "
            "purpose, that taking part is voluntary, that answers are kept under a code and "
            "who sees them."
        ),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        members = Organisation.objects.filter(
            memberships__status=Membership.Status.ACTIVE
        ).distinct()
        if not is_secretariat(actor):
            members = members.filter(pk__in=represented_organisation_ids(actor))
        self.fields["organisation"].queryset = members.order_by("name")
        self.fields["instrument"].queryset = Instrument.objects.filter(
            status=Instrument.Status.PUBLISHED
        )
        activities = Activity.objects.order_by("-starts_on")
        if not is_secretariat(actor):
            activities = activities.filter(lead__in=members)
        self.fields["activity"].queryset = activities

    def service_arguments(self):
        return dict(self.cleaned_data)


class UploadForm(forms.Form):
    """An export of answers, with the mapping of its column names to item codes."""

    upload = forms.FileField(
        label=_("File of responses (CSV or XLSX)"),
        help_text=_(
            "One row per respondent and wave: a respondent column with pseudonymous codes "
            "(never names), a wave column, optional group, age_group and gender columns, "
            "and one column per item, named by its code or mapped below."
        ),
    )
    columns = forms.CharField(
        label=_("Column names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only when your tool names columns differently: one per line, "
            "“your column = item code”. Remembered for the next upload."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check only: report on every row and save nothing"),
        required=False,
        initial=True,
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it and upload each part.")
            )
        return upload

    def clean_columns(self):
        mapping = {}
        for number, line in enumerate(self.cleaned_data["columns"].splitlines(), 1):
            if not line.strip():
                continue
            source, equals, target = line.partition("=")
            if not equals or not source.strip() or not target.strip():
                raise forms.ValidationError(
                    _("Line %(number)s should read “your column = item code”.") % {"number": number}
                )
            mapping[source.strip().lower()] = target.strip()
        return mapping

    @staticmethod
    def columns_text(column_map):
        return "\n".join(f"{source} = {target}" for source, target in column_map.items())


class ResponseEntryForm(forms.Form):
    """One respondent's answers for one wave, typed in for a small group. Fields beyond the
    identity ones are the items of the evaluation's instrument version, `item_<code>`."""

    respondent = forms.CharField(
        label=_("Respondent code"),
        max_length=40,
        help_text=_(
            "A pseudonymous code, never a name: the same code in every wave for the same person."
        ),
    )
    wave = forms.ChoiceField(label=_("Wave"), widget=forms.RadioSelect)
    group = forms.ChoiceField(
        label=_("Group"), choices=Respondent.Group.choices, widget=forms.RadioSelect
    )
    age_group = forms.ChoiceField(label=_("Age group"), required=False)
    gender = forms.CharField(
        label=_("Gender, in their own words"),
        max_length=60,
        required=False,
        help_text=_("Optional. Leave empty when the respondent did not say."),
    )

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].choices = [(wave, Wave(wave).label) for wave in evaluation.waves]
        if evaluation.design != Design.PRE_POST_COMPARISON:
            del self.fields["group"]
        terms = list(evaluation.age_groups.all()) or Term.objects.filter(
            vocabulary=Term.Vocabulary.AGE_GROUP
        )
        self.fields["age_group"].choices = [("", _("Not given"))] + [
            (term.code, term.name) for term in terms
        ]
        instrument = evaluation.instrument
        scale = [(str(value), instrument.answer_label(value)) for value in instrument.points]
        self.item_codes = []
        for item in instrument.items.all():
            self.item_codes.append(item.code)
            self.fields[f"item_{item.code}"] = forms.ChoiceField(
                label=f"{item.code}. {item.text}",
                choices=scale,
                required=False,
                widget=forms.RadioSelect,
            )

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "respondent": data["respondent"].strip(),
            "wave": data["wave"],
            "group": data.get("group", ""),
            "age_group": data["age_group"],
            "gender": data["gender"].strip(),
            "answers": {
                code: int(data[f"item_{code}"]) if data[f"item_{code}"] else None
                for code in self.item_codes
            },
        }
