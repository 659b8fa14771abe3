"""Numbers grouped in the active language's way (5,000 / 5.000 / 5 000), quickly.

Django's `number_format` rebuilds the number's text character by character on every call
(15-20 µs); a page of figures (a financial year's 150 amounts, a network list's 100 counts)
spent milliseconds there. For a whole number, or an amount already rounded to the decimals
shown, Python's own formatting with the language's separators gives the same text, for every
language grouped by threes (all the site's). Anything else goes to Django's.
"""

from decimal import Decimal

from django.utils.formats import get_format, number_format


def grouped(value, places=None):
    """`value` with its digits grouped, and `places` decimals for a Decimal that has exactly
    that many: as `number_format(value, places, use_l10n=True, force_grouping=True)`."""
    if get_format("NUMBER_GROUPING") == 3:
        if places is None and isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}"
        elif (
            places is not None
            and isinstance(value, Decimal)
            and value.is_finite()
            and value.as_tuple().exponent == -places
            # Django writes very long numbers in scientific notation; stay well short of that.
            and abs(value) < 10**15
        ):
            text = f"{value:,.{places}f}"
        else:
            text = None
        if text is not None:
            separator, decimal = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
            return text.replace(",", "\0").replace(".", decimal).replace("\0", separator)
    return number_format(value, places, use_l10n=True, force_grouping=True)
