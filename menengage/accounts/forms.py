import uuid

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from menengage.core.clients import client_key
from menengage.core.mail import mail_key, mail_queue

from . import services
from .models import User
from .passwords import password_reset_is_limited


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


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Ask for a link to choose a password, limited per address and per client."""

    error_messages = {
        "limited": _("Too many requests for a password link. Please wait an hour and try again."),
    }

    def __init__(self, *args, client="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_email(self):
        email = self.cleaned_data["email"]
        if password_reset_is_limited(email=email, client=self.client):
            raise forms.ValidationError(self.error_messages["limited"], code="limited")
        return email

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the outbox like every other message (core.mail), in the language of the page
        the link was asked from, so the answer never waits on the mail server."""
        language = translation.get_language()
        with translation.override(language):
            subject = render_to_string(subject_template_name, context)
        mail_queue(
            kind="accounts.password_reset",
            # Each request is its own event: a link asked for twice is mailed twice.
            key=mail_key("accounts.password_reset", context["user"].pk, uuid.uuid4().hex),
            to=to_email,
            language=language,
            subject=subject,
            template=email_template_name,
            context=context,
        )

    def get_users(self, email):
        """Every active account with this address, with a password or not yet: a new
        representative has none until they choose one."""
        return User.objects.filter(email__iexact=email, is_active=True)
