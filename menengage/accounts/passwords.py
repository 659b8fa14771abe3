"""Choosing a password: the one-time link a new account gets, and the limit on asking for one.

A link is Django's password-reset token: it stops working once a password is chosen (the token
covers the password hash) and after `PASSWORD_RESET_TIMEOUT`. Reset and first password use the
same token, so a person whose welcome link expired asks for a new one with "Forgotten your
password?", which works for accounts without a password too.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from menengage.core.throttle import attempt_count

from .models import User

RESET_WINDOW_SECONDS = 3600
RESET_PER_ADDRESS = 3
RESET_PER_CLIENT = 20


def password_set_link(*, email, language):
    """An absolute link, in `language`, for the active account with `email` to choose its first
    password; None when there is no such account or it already has a password (it signs in)."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        return settings.BASE_URL + reverse("accounts:password_set", args=[uid, token])


def password_reset_is_limited(*, email, client):
    """Count one request for a reset link; True once an address or a client asked too often.
    Every address counts, known or not, so the answer reveals nothing."""
    address = attempt_count(f"password-reset:address:{email.strip().lower()}", RESET_WINDOW_SECONDS)
    from_client = attempt_count(f"password-reset:client:{client}", RESET_WINDOW_SECONDS)
    return address > RESET_PER_ADDRESS or from_client > RESET_PER_CLIENT
