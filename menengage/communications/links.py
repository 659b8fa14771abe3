"""Signed links that let a subscriber confirm, change or end their subscription without an
account. Each signs the subscriber's own random token, so a new token voids every old link."""

from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "communications.subscription.confirm"
MANAGE_SALT = "communications.subscription.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.token)


def manage_token(subscriber):
    """For the preferences page and one-click unsubscribe; it does not expire, because it is
    printed in every newsletter."""
    return signing.Signer(salt=MANAGE_SALT).sign(subscriber.token)


def subscriber_from_confirm_token(token):
    try:
        raw = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=raw).first()


def subscriber_from_unsubscribe_token(token):
    """The one-click link in the List-Unsubscribe header carries the subscriber's random token
    itself (128 bits, compared whole): a signed one does not fit on one header line, and a
    longer header is folded into RFC 2047 encoded words that mail clients do not read as a URL."""
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def subscriber_from_manage_token(token):
    try:
        raw = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=raw).first()
