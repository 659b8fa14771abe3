import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from menengage.core.addresses import address


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_an_address_is_what_reverse_gives_in_each_language(language):
    with translation.override(language):
        for _twice in range(2):
            assert address("members:organisation", slug="men-for-change") == reverse(
                "members:organisation", kwargs={"slug": "men-for-change"}
            )
            assert address("library:detail", pk=7, slug="a-report") == reverse(
                "library:detail", kwargs={"pk": 7, "slug": "a-report"}
            )
    assert address("activities:detail", pk=3).startswith(f"/{translation.get_language()}/")


def test_the_script_prefix_and_the_language_are_part_of_the_address():
    with translation.override("es"):
        assert address("networks:detail", slug="kenya") == "/es/networks/kenya/"
    try:
        set_script_prefix("/alliance/")
        with translation.override("es"):
            assert address("networks:detail", slug="kenya") == "/alliance/es/networks/kenya/"
    finally:
        set_script_prefix("/")


def test_an_address_that_does_not_exist_is_refused_each_time():
    for _twice in range(2):
        with pytest.raises(NoReverseMatch):
            address("members:organisation", slug="not a slug")
