"""Attempt counters: counted in one statement, windows that expire, failing closed."""

import threading

import pytest
from django.db import DatabaseError, connections

from menengage.core import throttle
from menengage.core.models import AttemptCount
from menengage.testing.concurrency import concurrent_writers


@pytest.mark.django_db
def test_counts_rise_and_the_window_expires(monkeypatch):
    monkeypatch.setattr(throttle, "_now", lambda: 1_000)
    assert [throttle.attempt_count("k", 60) for _ in range(3)] == [1, 2, 3]
    assert throttle.attempts("k") == 3
    monkeypatch.setattr(throttle, "_now", lambda: 1_059)
    assert throttle.attempt_count("k", 60) == 4
    monkeypatch.setattr(throttle, "_now", lambda: 1_060)
    assert throttle.attempts("k") == 0
    assert throttle.attempt_count("k", 60) == 1
    monkeypatch.setattr(throttle, "_now", lambda: 1_100)
    assert throttle.attempts("k") == 1


@pytest.mark.django_db
def test_keys_are_separate_and_cleared_and_refunded():
    throttle.attempt_count("a", 60)
    throttle.attempt_count("a", 60)
    throttle.attempt_count("b", 60)
    throttle.attempt_refund("a")
    assert (throttle.attempts("a"), throttle.attempts("b")) == (1, 1)
    throttle.attempts_clear("a")
    assert throttle.attempts("a") == 0
    throttle.attempt_refund("a")
    assert throttle.attempts("a") == 0


@pytest.mark.django_db
def test_a_long_key_is_hashed_to_fit():
    key = "signin-failures:" + "x" * 300 + "@example.org"
    assert throttle.attempt_count(key, 60) == 1
    assert throttle.attempt_count(key, 60) == 2
    assert throttle.attempts(key) == 2


@pytest.mark.django_db
def test_ended_windows_are_cleared_when_a_new_one_opens(monkeypatch):
    monkeypatch.setattr(throttle, "_now", lambda: 1_000)
    throttle.attempt_count("old", 60)
    monkeypatch.setattr(throttle, "_now", lambda: 2_000)
    throttle.attempt_count("new", 60)
    assert list(AttemptCount.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_a_counter_that_cannot_be_written_refuses_loudly(monkeypatch, caplog):
    def broken():
        raise DatabaseError("cannot execute INSERT in a read-only transaction")

    monkeypatch.setattr(throttle, "_upsert_sql", broken)
    assert throttle.attempt_count("k", 60) > 10**6
    assert "could not be counted" in caplog.text


@concurrent_writers
def test_forty_parallel_attempts_each_get_their_own_count():
    counts, errors = [], []
    barrier = threading.Barrier(40)

    def attempt():
        try:
            barrier.wait()
            counts.append(throttle.attempt_count("parallel", 60))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(counts) == list(range(1, 41))
