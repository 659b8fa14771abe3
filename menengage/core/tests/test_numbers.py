from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

from menengage.core.numbers import grouped

WHOLE = [0, 7, -7, 999, 1000, -1000, 12345, 1234567, -98765432, 10**12]
AMOUNTS = ["0.00", "-0.50", "999.99", "1000.00", "-1234.56", "1234567.89", "0.125", "12"]


def test_the_same_text_as_djangos_in_every_language():
    for language, _name in [*settings.LANGUAGES, ("hi", "Hindi")]:
        with translation.override(language):
            for value in WHOLE:
                assert grouped(value) == number_format(value, use_l10n=True, force_grouping=True)
            for text in AMOUNTS:
                for places in (2, 3):
                    amount = Decimal(text)
                    assert grouped(amount, places) == number_format(
                        amount, places, use_l10n=True, force_grouping=True
                    ), (language, text, places)
            assert grouped(1234.5) == number_format(1234.5, use_l10n=True, force_grouping=True)


def test_grouped_by_the_languages_rules():
    with translation.override("fr"):
        assert grouped(Decimal("1234567.50"), 2) == "1\xa0234\xa0567,50"
    with translation.override("en"):
        assert grouped(1234567) == "1,234,567"
