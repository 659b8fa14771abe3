"""Two-factor secrets are stored encrypted; existing ones are encrypted by a migration."""

import io
import time

import pyotp
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from menengage.accounts import twofactor
from menengage.accounts.checks import two_factor_keys
from menengage.accounts.models import TwoFactorDevice
from menengage.core import keyring

BEFORE = [("accounts", "0003_two_factor")]


@pytest.mark.django_db
def test_a_new_secret_is_never_stored_in_clear(staff, settings):
    settings.TWO_FACTOR_KEYS = [keyring.Fernet.generate_key().decode()]
    device = twofactor.device_start_enrolment(user=staff)
    secret = twofactor.device_secret(device)
    stored = TwoFactorDevice.objects.values_list("secret_encrypted", flat=True).get()
    assert len(secret) == 32 and secret not in stored


@pytest.mark.django_db
def test_the_demo_secret_still_gives_codes(staff):
    twofactor.device_enrol_fixed(user=staff, secret="MENENGAGEDEMOTOTPSECRETFORTRYING")
    code = pyotp.TOTP("MENENGAGEDEMOTOTPSECRETFORTRYING").at(time.time())
    twofactor.code_verify(user=staff, code=code)  # raises when refused


@pytest.mark.django_db
def test_keys_rotate_and_old_secrets_still_open(staff, settings):
    old, new = (keyring.Fernet.generate_key().decode() for _ in range(2))
    settings.TWO_FACTOR_KEYS = [old]
    twofactor.device_enrol_fixed(user=staff, secret="MENENGAGEDEMOTOTPSECRETFORTRYING")
    settings.TWO_FACTOR_KEYS = [new, old]
    call_command("two_factor_rotate_keys", stdout=io.StringIO())
    settings.TWO_FACTOR_KEYS = [new]
    device = twofactor.device_for(staff)
    assert twofactor.device_secret(device) == "MENENGAGEDEMOTOTPSECRETFORTRYING"


def test_a_production_site_without_the_key_does_not_start(settings):
    settings.TWO_FACTOR_KEYS = []
    settings.DEBUG = False
    settings.SECRET_KEY = "a-real-production-secret-key-" + "x" * 30
    assert [error.id for error in two_factor_keys(None)] == ["accounts.E001"]
    settings.TWO_FACTOR_KEYS = [keyring.Fernet.generate_key().decode()]
    assert two_factor_keys(None) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_encrypts_existing_secrets_and_their_codes_keep_working(staff):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    OldDevice = executor.loader.project_state(BEFORE).apps.get_model("accounts", "TwoFactorDevice")
    OldDevice.objects.create(
        user_id=staff.pk, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", confirmed_at=staff.date_joined
    )

    # Forward to the latest state, not just the encrypting migration: later migrations of
    # accounts were undone with it, and the tests after this one need the whole schema.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    device = TwoFactorDevice.objects.get(user=staff)
    assert "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" not in device.secret_encrypted
    assert twofactor.device_secret(device) == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    twofactor.code_verify(
        user=staff, code=pyotp.TOTP("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").at(time.time())
    )
