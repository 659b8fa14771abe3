"""Admin forms: they refuse, with a message, what the services would refuse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from menengage.core.errors import DomainError
from menengage.core.fields import TEXT_MAX_LENGTH


class DraftYearForm(forms.ModelForm):
    """A line or a rate of a draft year; a published year's figures are frozen."""

    def clean(self):
        cleaned = super().clean()
        financial_year = cleaned.get("financial_year") or getattr(
            self.instance, "financial_year", None
        )
        if financial_year is not None:
            try:
                financial_year.ensure_editable()
            except DomainError as frozen:
                raise forms.ValidationError(str(frozen)) from frozen
        return cleaned


class AmendmentForm(forms.ModelForm):
    """A published line: only its amount can change, with the reason shown to the public."""

    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public year page with the amount before and after."),
    )

    def clean(self):
        cleaned = super().clean()
        if "amount" in cleaned and cleaned["amount"] == self.initial.get("amount"):
            self.add_error("amount", _("Change the amount to record an amendment."))
        return cleaned
