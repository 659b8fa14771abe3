"""A thousand sign-ons at once on PostgreSQL: none lost, none duplicated."""

import threading

import pytest
from django.db import connections

from menengage.core.models import OutgoingMail
from menengage.declarations import services
from menengage.declarations.models import Declaration, Endorsement
from menengage.testing.concurrency import concurrent_writers


@pytest.mark.slow(25)  # on PostgreSQL; skipped on SQLite
@concurrent_writers
def test_a_thousand_concurrent_endorsements(declaration, kenya_country, settings):
    # The mails are queued as in production, for the worker to deliver: delivered at once
    # (the suite's default), each of the 1,800 commits ran a delivery of the whole outbox, two
    # thirds of this test's time, competing for the same rows, which is not what this tests.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    threads, per_thread = 20, 50
    # Every fifth address is also sent by the neighbouring thread: 200 duplicates.
    errors, duplicates = [], []

    def work(number):
        try:
            for index in range(per_thread):
                email = f"person{number}-{index}@example.org"
                if index % 5 == 0 and number % 2 == 1:
                    email = f"person{number - 1}-{index}@example.org"
                try:
                    endorsement = services.endorsement_sign(
                        actor=None,
                        declaration=declaration,
                        kind="individual",
                        name="Concurrent Person",
                        email=email,
                        country=kenya_country,
                    )
                except services.DuplicateEndorsement:
                    duplicates.append(email)
                    continue
                services.endorsement_confirm(endorsement=endorsement)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    unique = threads * per_thread - (threads // 2) * (per_thread // 5)
    assert len(duplicates) == threads * per_thread - unique
    assert Endorsement.objects.filter(declaration=declaration).count() == unique
    confirmed = Endorsement.objects.filter(declaration=declaration, status="confirmed").count()
    assert confirmed == unique
    assert Declaration.objects.get(pk=declaration.pk).individual_count == unique
    # A confirmation link, then a withdrawal link, to each signer: none lost, none twice.
    to_signers = OutgoingMail.objects.filter(to__startswith="person")
    assert to_signers.count() == to_signers.values("to", "kind").distinct().count() == 2 * unique


@concurrent_writers
def test_forty_parallel_sign_ons_let_through_no_more_than_the_limit():
    outcomes, errors = [], []
    barrier = threading.Barrier(40)

    def attempt():
        try:
            barrier.wait()
            outcomes.append(services.signon_throttle_exceeded(client="one-client"))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=attempt) for _ in range(40)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert outcomes.count(False) == services.SIGNON_LIMIT
