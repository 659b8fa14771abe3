import pytest

from menengage.core.models import Country


@pytest.mark.django_db
def test_countries_carry_their_un_m49_region_and_subregion():
    assert Country.objects.count() > 240
    kenya = Country.objects.get(code="KE")
    assert (kenya.iso3, kenya.region, kenya.subregion) == ("KEN", "002", "202")
    assert Country.objects.get(code="BR").subregion == "419"


@pytest.mark.django_db
def test_country_names_follow_the_active_language():
    from django.utils import translation

    kenya = Country.objects.get(code="KE")
    with translation.override("es"):
        assert kenya.name == "Kenia"
    with translation.override("pt"):
        assert kenya.name == "Quênia"
