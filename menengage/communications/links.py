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


def subscriber_from_manage_token(token):
    try:
        raw = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=raw).first()
