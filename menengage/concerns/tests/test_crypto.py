import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command

from menengage.concerns import crypto, services
from menengage.concerns.models import CaseStep, Concern


@pytest.mark.django_db
def test_rotating_keys_re_encrypts_everything_with_the_new_key(
    settings, submit, focal_kenya, tmp_path
):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.CONCERNS_KEYS = [old]
    concern, _ = submit(what_happened="Rotated words")
    services.case_reply(concern=concern, actor=focal_kenya, text="Rotated reply")
    settings.CONCERNS_KEYS = [new, old]
    call_command("concerns_rotate_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.CONCERNS_KEYS = [new]
    concern = Concern.objects.get()
    assert services.concern_content(concern)["what_happened"] == "Rotated words"
    assert crypto.decrypt_text(CaseStep.objects.get().body) == "Rotated reply"
    settings.CONCERNS_KEYS = [old]
    with pytest.raises(InvalidToken):
        services.concern_content(concern)


def test_keys_can_come_from_a_file(settings, tmp_path):
    key = Fernet.generate_key().decode()
    (tmp_path / "keys").write_text(f"{key}\n")
    settings.CONCERNS_KEYS = []
    settings.CONCERNS_KEY_FILE = str(tmp_path / "keys")
    assert crypto.configured_keys() == (key,)
    assert crypto.decrypt_text(crypto.encrypt_text("hello")) == "hello"


def test_production_without_a_key_is_refused(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "production-secret-0123456789"
    settings.CONCERNS_KEYS = []
    settings.CONCERNS_KEY_FILE = ""
    with pytest.raises(crypto.ConcernKeyMissing):
        crypto.encrypt_text("x")


@pytest.mark.django_db
def test_rotating_secret_key_keeps_every_receipt(settings, submit):
    settings.CONCERNS_KEYS = [Fernet.generate_key().decode()]
    settings.CONCERNS_RECEIPT_KEY = ["receipt-secret-one"]
    concern, receipt = submit()
    settings.SECRET_KEY = "a-rotated-secret-key-0123456789"
    assert services.concern_for_receipt(receipt=receipt, client="c") == concern


@pytest.mark.django_db
def test_a_receipt_under_an_older_receipt_key_is_found_and_moved_to_the_current_one(
    settings, submit
):
    settings.CONCERNS_KEYS = [Fernet.generate_key().decode()]
    settings.CONCERNS_RECEIPT_KEY = ["old-receipt-secret"]
    concern, receipt = submit()
    settings.CONCERNS_RECEIPT_KEY = ["new-receipt-secret", "old-receipt-secret"]
    assert services.concern_for_receipt(receipt=receipt, client="c") == concern
    settings.CONCERNS_RECEIPT_KEY = ["new-receipt-secret"]
    assert services.concern_for_receipt(receipt=receipt, client="c") == concern


@pytest.mark.django_db
def test_without_a_receipt_key_a_production_site_closes_the_concerns_area(client, settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "production-secret-0123456789"
    settings.CONCERNS_KEYS = [Fernet.generate_key().decode()]
    settings.CONCERNS_RECEIPT_KEY = []
    with pytest.raises(crypto.ConcernKeyMissing):
        crypto.receipt_keys()
    assert client.get("/en/concerns/follow-up/").status_code == 503


def test_a_development_site_keys_receipts_as_before_the_setting(settings):
    settings.DEBUG = True
    settings.CONCERNS_RECEIPT_KEY = []
    assert crypto.receipt_keys() == (settings.SECRET_KEY,)
