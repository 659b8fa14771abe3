"""Sign-in lockouts per account and per client, behind proxies and under parallel guessing."""

import threading

import pytest
from django.db import connections
from django.test import Client

from menengage.accounts.models import User
from menengage.conftest import PASSWORD
from menengage.testing.concurrency import concurrent_writers

SIGN_IN = "/en/accounts/sign-in/"


def guess(client, email, password="wrong", **headers):  # noqa: S107 - a wrong guess
    return client.post(SIGN_IN, {"username": email, "password": password}, **headers)


def locked(response):
    return "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
def test_one_client_spraying_many_accounts_is_locked_out(client, settings):
    settings.LOGIN_ATTEMPTS_PER_CLIENT = 4
    for number in range(4):
        assert not locked(guess(client, f"person{number}@example.org", REMOTE_ADDR="203.0.113.5"))
    assert locked(guess(client, "person9@example.org", REMOTE_ADDR="203.0.113.5"))
    assert not locked(guess(client, "person9@example.org", REMOTE_ADDR="203.0.113.6"))


@pytest.mark.django_db
def test_a_forged_forwarded_for_from_an_untrusted_peer_changes_nothing(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.LOGIN_ATTEMPTS_PER_CLIENT = 3
    for number in range(3):
        guess(
            client,
            f"person{number}@example.org",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    response = guess(
        client, "other@example.org", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.77"
    )
    assert locked(response)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_its_own_limit(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.LOGIN_ATTEMPTS_PER_CLIENT = 3
    for number in range(3):
        guess(
            client,
            f"person{number}@example.org",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    behind = {"REMOTE_ADDR": "10.0.0.1"}
    assert locked(guess(client, "x@example.org", HTTP_X_FORWARDED_FOR="203.0.113.5", **behind))
    assert not locked(guess(client, "x@example.org", HTTP_X_FORWARDED_FOR="203.0.113.6", **behind))


@pytest.mark.django_db
def test_the_account_is_locked_whichever_address_the_guesses_come_from(client, outsider, settings):
    settings.LOGIN_ATTEMPTS = 3
    for number in range(3):
        guess(client, outsider.email, REMOTE_ADDR=f"198.51.100.{number}")
    response = guess(client, outsider.email, PASSWORD, REMOTE_ADDR="198.51.100.99")
    assert locked(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signing_in_to_ones_own_account_buys_no_more_guesses(client, outsider, settings):
    settings.LOGIN_ATTEMPTS_PER_CLIENT = 3
    address = {"REMOTE_ADDR": "203.0.113.5"}
    guess(client, "victim@example.org", **address)
    guess(client, "victim@example.org", **address)
    assert guess(Client(), outsider.email, PASSWORD, **address).status_code == 302
    guess(client, "victim@example.org", **address)
    assert locked(guess(client, "victim@example.org", **address))


@pytest.mark.django_db
def test_an_empty_password_does_not_clear_the_count(client, outsider, settings):
    settings.LOGIN_ATTEMPTS = 2
    guess(client, outsider.email)
    guess(client, outsider.email)
    client.post(SIGN_IN, {"username": outsider.email, "password": ""})
    assert locked(guess(client, outsider.email, PASSWORD))


@concurrent_writers
def test_forty_parallel_guesses_check_no_more_passwords_than_the_limit(settings):
    settings.LOGIN_ATTEMPTS = 5
    settings.LOGIN_ATTEMPTS_PER_CLIENT = 1000
    user = User.objects.create_user("target@example.org", PASSWORD)
    outcomes, errors = [], []
    barrier = threading.Barrier(40)

    def attempt(number):
        try:
            barrier.wait()
            response = guess(Client(), user.email, REMOTE_ADDR=f"198.51.100.{number}")
            outcomes.append("locked" if locked(response) else "checked")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count("checked") == 5
    assert outcomes.count("locked") == 35
