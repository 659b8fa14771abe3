from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.core.translation import (
    TranslatedFormField,
    active_language,
    language_choices,
    language_name,
    site_languages,
)
from menengage.members.models import Membership

from . import selectors
from .models import Announcement, DigestPreference, Topic
from .services import CONSENT_TEXT


class AnnouncementForm(forms.Form):
    """The words in one or more languages, and the audience among those `actor` may address."""

    original_language = forms.ChoiceField(label=_("Original language"), choices=language_choices)
    subject = TranslatedFormField(label=_("Subject"), max_length=200, required=False)
    text = TranslatedFormField(label=_("Text"), required=False)
    network = forms.ModelChoiceField(
        label=_("Network or region"),
        queryset=None,
        required=False,
        help_text=_("Members of this network; a region includes its country networks."),
    )
    governing_body = forms.ModelChoiceField(label=_("Or a body"), queryset=None, required=False)
    working_group = forms.ModelChoiceField(
        label=_("Or a working group"), queryset=None, required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Who in the network"),
        choices=Announcement.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Announcement.Role.REPRESENTATIVES, Announcement.Role.INDIVIDUALS],
        required=False,
    )
    membership_statuses = forms.MultipleChoiceField(
        label=_("Membership status"),
        choices=[
            (status, label)
            for status, label in Membership.Status.choices
            if status in ("active", "lapsed", "suspended", "applied", "under_review")
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[Membership.Status.ACTIVE],
        required=False,
    )

    def __init__(self, *args, actor, announcement=None, **kwargs):
        if announcement is not None:
            kwargs.setdefault("initial", self._initial_from(announcement))
        super().__init__(*args, **kwargs)
        options = selectors.audience_options(actor=actor)
        self.fields["network"].queryset = options["networks"]
        self.fields["governing_body"].queryset = options["bodies"]
        self.fields["working_group"].queryset = options["working_groups"]
        self.fields["original_language"].initial = active_language()

    @staticmethod
    def _initial_from(announcement):
        initial = {
            "original_language": announcement.original_language,
            "network": announcement.network,
            "governing_body": announcement.governing_body,
            "working_group": announcement.working_group,
            "roles": announcement.roles,
            "membership_statuses": announcement.membership_statuses,
        }
        initial["subject"] = announcement.subject
        initial["text"] = announcement.text
        return initial

    def audience_fields(self):
        return [self[name] for name in ("network", "governing_body", "working_group")]

    def filter_fields(self):
        return [self["roles"], self["membership_statuses"]]

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "original_language": data["original_language"],
            "texts": {
                code: (data["subject"].get(code, ""), data["text"].get(code, ""))
                for code in site_languages()
            },
            "audience": {
                name: data[name]
                for name in (
                    "network",
                    "governing_body",
                    "working_group",
                    "roles",
                    "membership_statuses",
                )
            },
        }


def _language_choices():
    return [(code, language_name(code)) for code in site_languages()]


class SubscriptionChoicesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=_language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )


class SubscribeForm(SubscriptionChoicesForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree, so that we may send you the newsletter.")},
    )
    field_order = ["email", "languages", "topics", "consent"]


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Digest of what is new for you"),
        choices=DigestPreference.Frequency.choices,
        widget=forms.RadioSelect,
    )
