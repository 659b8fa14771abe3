"""Two-factor sign-in: TOTP devices, single-use recovery codes, and the session's verified state.

A person who needs a second factor (staff, coordinators, focal points) is not signed in by the
password alone: the sign-in view parks them as "pending" in the session and the two-factor view
completes the sign-in once a code is right. Any other session that carries such a person without
a second factor (one from before two-factor sign-in, or a role gained since) counts as nobody
signed in, everywhere: `signed_in_user` is what `request.user` is (accounts.middleware).
Pages that handle confidential cases also ask for a code again after a short idle time
(`two_factor_required`).
"""

import functools
import hashlib
import secrets
import time
from urllib.parse import urlencode

import pyotp
import segno
from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core import keyring
from menengage.core.audit import audit_record
from menengage.core.errors import DomainError
from menengage.core.throttle import attempt_count, attempts_clear

from .models import RecoveryCode, TwoFactorDevice, User
from .permissions import needs_two_factor

ISSUER = "MenEngage Alliance"
RECOVERY_CODE_COUNT = 10
PENDING_KEY = "two_factor_pending"
VERIFIED_KEY = "two_factor_at"
SEEN_KEY = "two_factor_seen"
PENDING_SECONDS = 600

LOCKED = _("Too many wrong codes. Please wait a few minutes and try again.")
WRONG = _("That code is not right, or it has already been used. Please try again.")


# Devices and codes


def device_for(user):
    return TwoFactorDevice.objects.filter(user=user).first()


def is_enrolled(user):
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def _fernet():
    return keyring.fernet(
        settings.TWO_FACTOR_KEYS, purpose="two-factor secrets", setting="TWO_FACTOR_KEYS"
    )


def secret_seal(secret):
    """A TOTP secret encrypted for storage with the current `TWO_FACTOR_KEYS` key."""
    return _fernet().encrypt(secret.encode()).decode()


def device_secret(device):
    """The device's TOTP secret, decrypted: it is stored encrypted, never in clear."""
    return _fernet().decrypt(device.secret_encrypted.encode()).decode()


def device_secret_rotate(device):
    """Re-encrypt the device's secret with the current key; True when it changed."""
    sealed = _fernet().rotate(device.secret_encrypted.encode()).decode()
    changed = sealed != device.secret_encrypted
    if changed:
        TwoFactorDevice.objects.filter(pk=device.pk).update(secret_encrypted=sealed)
    return changed


def device_start_enrolment(*, user):
    """An unconfirmed device with a fresh secret, or the one already started."""
    device, _created = TwoFactorDevice.objects.get_or_create(
        user=user, defaults={"secret_encrypted": secret_seal(pyotp.random_base32())}
    )
    return device


def provisioning_uri(device):
    return pyotp.TOTP(device_secret(device)).provisioning_uri(
        name=device.user.email, issuer_name=ISSUER
    )


def qr_data_uri(device):
    """The enrolment QR code as an SVG data URI (the CSP allows data: images, nothing inline)."""
    return segno.make(provisioning_uri(device), error="m").svg_data_uri(scale=4)


def _hash_code(code):
    return hashlib.sha256(_normalise_recovery(code).encode()).hexdigest()


def _normalise_recovery(code):
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _new_recovery_code():
    # 10 characters of base32 (50 bits), shown in two groups of five.
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_generate(*, user):
    """Replace `user`'s recovery codes with ten new ones; return them (shown once, kept hashed)."""
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(user=user, code_hash=_hash_code(code)) for code in codes]
        )
        audit_record(actor=user, verb="two_factor.recovery_codes", target=user)
    return codes


def device_enrol_fixed(*, user, secret):
    """A confirmed device with a known secret: only for the published demo accounts."""
    TwoFactorDevice.objects.update_or_create(
        user=user,
        defaults={
            "secret_encrypted": secret_seal(secret),
            "confirmed_at": timezone.now(),
            "last_step": None,
        },
    )


def _throttle_key(user):
    return f"two-factor-failures:{user.pk}"


def _attempt_or_raise(user):
    """Count a code attempt before it is checked, and outside the check's transaction (which a
    wrong code rolls back, and the count with it): parallel guesses cannot pass the limit."""
    if attempt_count(_throttle_key(user), settings.LOGIN_LOCKOUT_SECONDS) > settings.LOGIN_ATTEMPTS:
        raise DomainError(LOCKED)


def _accept_totp(device, code):
    """Accept a current TOTP code (one step of drift either way), never the same step twice."""
    totp = pyotp.TOTP(device_secret(device))
    now = time.time()
    current = int(now // totp.interval)
    for step in (current - 1, current, current + 1):
        if device.last_step is not None and step <= device.last_step:
            continue
        if secrets.compare_digest(totp.at(step * totp.interval), code):
            # Conditional update: two requests racing with the same code cannot both win.
            won = (
                TwoFactorDevice.objects.filter(pk=device.pk, last_step=device.last_step).update(
                    last_step=step
                )
                == 1
            )
            device.last_step = step
            return won
    return False


def device_confirm(*, user, code):
    """Confirm `user`'s new device with a first code; return ten fresh recovery codes.
    Records `two_factor.enrol`. Raises DomainError on a wrong code (throttled)."""
    _attempt_or_raise(user)
    codes = _device_confirm(user=user, code=code)
    attempts_clear(_throttle_key(user))
    return codes


@transaction.atomic
def _device_confirm(*, user, code):
    device = TwoFactorDevice.objects.select_for_update().get(user=user)
    _check_code_or_raise(user, lambda clean: _accept_totp(device, clean), code)
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    audit_record(actor=user, verb="two_factor.enrol", target=user)
    return recovery_codes_generate(user=user)


def _check_code_or_raise(user, accept, code):
    clean = "".join(code.split())
    # Codes are ASCII; other digits (Arabic-Indic, say) are wrong codes, not a comparison error.
    if not clean.isascii() or not accept(clean):
        raise DomainError(WRONG)


def code_verify(*, user, code):
    """Check a TOTP code or an unused recovery code for `user`; a recovery code is spent.
    Records `two_factor.recovery_used` when one is. Raises DomainError (throttled)."""
    _attempt_or_raise(user)
    _code_verify(user=user, code=code)
    attempts_clear(_throttle_key(user))


@transaction.atomic
def _code_verify(*, user, code):
    device = TwoFactorDevice.objects.select_for_update().get(user=user, confirmed_at__isnull=False)

    def accept(clean):
        if clean.isdigit() and len(clean) == 6:
            return _accept_totp(device, clean)
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=_hash_code(clean), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            audit_record(actor=user, verb="two_factor.recovery_used", target=user)
        return bool(spent)

    _check_code_or_raise(user, accept, code)


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


# The session


def pending_start(request, user, next_url):
    """Password checked, second factor still to come: remember who, not signed in yet."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        # authenticate() names the backend that accepted the password; login() needs it.
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "at": time.time(),
    }


def pending_user(request):
    """The person half-way through signing in, while the pending state is fresh."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def session_has_second_factor(session):
    """Has this session passed a second factor since it was signed in?"""
    return bool(session.get(VERIFIED_KEY))


def signed_in_user(user, session):
    """`user` as signed in by `session`: nobody, when `user` needs a second factor the session has
    not passed. The one place the second factor is enforced, for every page, API call and admin."""
    if not user.is_authenticated or session_has_second_factor(session):
        return user
    return AnonymousUser() if needs_two_factor(user) else user


def half_signed_in_user(request):
    """The person whose password alone signed this session in while they need a second factor."""
    user = get_user(request)
    if user.is_authenticated and not signed_in_user(user, request.session).is_authenticated:
        return user
    return None


def session_mark_verified(session):
    now = time.time()
    session[VERIFIED_KEY] = now
    session[SEEN_KEY] = now


def session_is_fresh(session):
    """Verified by a second factor, and active within the idle window."""
    seen = session.get(SEEN_KEY)
    if not session.get(VERIFIED_KEY) or seen is None:
        return False
    return time.time() - seen <= settings.TWO_FACTOR_IDLE_MINUTES * 60


def two_factor_required(view):
    """Only for a signed-in person whose session passed a second factor within the idle window;
    anyone else is sent to sign in or to enter a code again."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(
                f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
            )
        if not session_is_fresh(request.session):
            return redirect(
                f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}"
            )
        request.session[SEEN_KEY] = time.time()
        return view(request, *args, **kwargs)

    return wrapped
