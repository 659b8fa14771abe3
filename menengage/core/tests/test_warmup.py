import gc

from django.conf import settings
from django.urls import get_resolver

from menengage.core.warmup import warm


def test_a_worker_builds_the_address_table_of_every_language_before_serving():
    resolver = get_resolver()
    resolver._reverse_dict.clear()  # as in a worker that has served nothing yet
    warm()
    assert set(resolver._reverse_dict) >= {code for code, _name in settings.LANGUAGES}


def test_what_a_worker_loaded_is_left_out_of_garbage_collections():
    try:
        warm()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
