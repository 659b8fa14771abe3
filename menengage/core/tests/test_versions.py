"""Versions of what processes keep (core.versions): a new token after every write they follow,
at once and again when the write commits."""

import pytest
from django.db import transaction

from menengage.core import versions
from menengage.core.models import Term
from menengage.library.models import Resource

pytestmark = pytest.mark.django_db


def test_a_token_stays_until_it_is_replaced_and_again_at_the_commit(
    django_capture_on_commit_callbacks,
):
    first = versions.current("things")
    assert versions.current("things") == first
    with django_capture_on_commit_callbacks() as on_commit:
        versions.replace("things")
    during = versions.current("things")
    assert during != first and len(on_commit) == 1
    on_commit[0]()  # what another server kept meanwhile is left behind at the commit
    assert versions.current("things") not in (first, during)


def test_several_names_make_one_token_that_changes_with_any_of_them():
    both = versions.current("one", "two")
    assert versions.current("one", "two") == both
    versions.replace("two")
    assert versions.current("one", "two") != both


def test_a_followed_model_and_link_table_replace_the_token_when_written():
    resource = Resource.objects.first() or Resource.objects.create(
        title={"en": "Kept"}, language="en", kind="report"
    )
    token = versions.current("library-index")
    resource.save()
    saved = versions.current("library-index")
    assert saved != token
    resource.themes.add(Term.objects.filter(vocabulary="theme").first())
    assert versions.current("library-index") != saved
    unrelated = versions.current("library-index")
    Term.objects.first().save()  # not followed
    assert versions.current("library-index") == unrelated


def test_kept_values_are_built_once_forgotten_when_old_and_bounded(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(versions.time, "monotonic", lambda: clock[0])
    kept = versions.Kept(size=2, seconds=60)
    built = []

    def build(value):
        return lambda: built.append(value) or value

    assert kept.get("a", build("A")) == "A" and kept.get("a", build("B")) == "A"
    assert built == ["A"]  # built once, given back as it is
    clock[0] += 61
    assert kept.get("a", build("C")) == "C"  # past its minute: built again
    kept.put("b", "B")
    kept.put("c", "C")
    assert kept.peek("a") is None and kept.peek("c") == "C"  # the oldest went first


def test_a_transaction_writes_the_shared_token_once_and_reads_its_own_meanwhile(
    django_capture_on_commit_callbacks,
):
    before = versions.current("things")
    with django_capture_on_commit_callbacks() as on_commit:
        seen = set()
        for _row in range(3):
            versions.replace("things")
            seen.add(versions.current("things"))
    assert len(seen) == 3 and before not in seen  # each write is read back fresh here
    assert len(on_commit) == 1  # and the shared token is written once, at the commit
    shared = versions.current("other")
    on_commit[0]()
    assert versions.current("other") == shared


def test_a_savepoint_rolled_back_takes_its_token_with_it():
    before = versions.current("things")
    try:
        with transaction.atomic():
            versions.replace("things")
            assert versions.current("things") != before
            raise RuntimeError
    except RuntimeError:
        pass
    assert versions.current("things") == before  # nothing written stayed
