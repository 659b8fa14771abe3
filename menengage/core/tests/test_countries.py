"""Country lists in the active language's alphabetical order, without withdrawn countries."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from menengage.core.collation import in_collation_order
from menengage.core.countries import WITHDRAWN_CODES, countries_by_name, countries_to_offer
from menengage.core.forms import CountryChoiceField
from menengage.core.models import Country
from menengage.members.forms import JoinForm


def test_accented_names_sort_with_their_letter():
    names = ["Zambie", "Espagne", "Équateur", "Égypte", "Afrique du Sud", "Érythrée"]
    assert in_collation_order(names) == [
        "Afrique du Sud",
        "Égypte",
        "Équateur",
        "Érythrée",
        "Espagne",
        "Zambie",
    ]


def test_arabic_names_sort_in_the_order_of_the_arabic_alphabet():
    names = ["مصر", "تونس", "الأردن", "لبنان", "جيبوتي", "قطر"]
    countries = [SimpleNamespace(name=name) for name in names]
    assert [country.name for country in countries_by_name(countries)] == [
        "الأردن",
        "تونس",
        "جيبوتي",
        "قطر",
        "لبنان",
        "مصر",
    ]


@pytest.mark.django_db
def test_withdrawn_countries_are_not_offered_to_applicants():
    assert Country.objects.filter(code__in=WITHDRAWN_CODES).count() == 2
    offered = {code for code, _label in JoinForm().fields["country"].choices if code}
    assert {str(code) for code in offered} & WITHDRAWN_CODES == set()
    assert "KE" in {str(code) for code in offered}
    refused = JoinForm(data={"country": "AN"})
    assert not refused.is_valid() and "country" in refused.errors


@pytest.mark.django_db
def test_a_record_that_names_a_withdrawn_country_keeps_it():
    field = CountryChoiceField()
    field.keep([Country.objects.get(code="CS")])
    assert set(countries_to_offer(keep=["CS"]).values_list("code", flat=True)) >= {"CS", "KE"}
    assert "CS" in {str(code) for code, _label in field.choices}
    assert "AN" not in {str(code) for code, _label in field.choices}


@pytest.mark.django_db
def test_country_choices_follow_the_active_languages_alphabet():
    with translation.override("fr"):
        labels = [label for code, label in CountryChoiceField().choices if code]
    assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Zambie")
    assert labels == in_collation_order(labels)
    with translation.override("es"):
        labels = [label for code, label in CountryChoiceField().choices if code]
    assert labels.index("Egipto") < labels.index("España")
    assert labels == in_collation_order(labels)


@pytest.mark.django_db
def test_every_country_is_named_in_arabic_and_swahili():
    assert Country.objects.get(code="KE").name["ar"] == "كينيا"
    assert Country.objects.get(code="EG").name["sw"] == "Misri"
    countries = list(Country.objects.all())
    assert countries
    unnamed = [
        country.code
        for country in countries
        if not (country.name.get("ar") and country.name.get("sw"))
    ]
    assert unnamed == []


@pytest.mark.django_db
def test_country_choices_are_read_once_and_again_after_a_country_changes(
    django_assert_num_queries,
):
    def choices():
        return [choice for choice in CountryChoiceField().choices]  # noqa: C416 - no len()

    first = choices()
    with django_assert_num_queries(0):  # the version is in the test's local cache
        assert choices() == first
    kenya = Country.objects.get(code="KE")
    kenya.name = {"en": "Kenya (renamed)", "fr": "Kenya (renommé)"}
    kenya.save()
    assert "Kenya (renamed)" in {label for _code, label in CountryChoiceField().choices}
