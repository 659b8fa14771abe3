from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from menengage.core.clients import client_key

from . import services


class SignInForm(AuthenticationForm):
    """E-mail and password, refusing further tries after repeated failures."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account."),
        "locked": _("Too many failed attempts. Please wait a few minutes and try again."),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        if not (email and self.cleaned_data.get("password")):
            return super().clean()
        client = client_key(self.request)
        if not services.signin_attempt(email=email, client=client):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        cleaned = super().clean()
        if self.user_cache is not None:
            services.signin_succeeded(email=email, client=client)
        return cleaned


class TwoFactorCodeForm(forms.Form):
    """The six-digit code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six-digit code your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class TwoFactorEnrolForm(forms.Form):
    """The first code from a newly added authenticator app, proving it is set up."""

    code = forms.CharField(
        label=_("Code"),
        max_length=10,
        help_text=_("The six-digit code your authenticator app now shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
