"""Which countries people may choose, and in what order they are listed.

Every list of countries (a form's choices, a filter's options) goes through here, so each one
is in the active language's alphabetical order and none offers a country that no longer
exists.
"""

from django.db.models import Q

from .collation import in_collation_order
from .models import Country

# ISO 3166-1 codes withdrawn from the standard but kept in the reference table, because
# records made before the withdrawal still name them: Netherlands Antilles (dissolved 2010)
# and Serbia and Montenegro (split 2006). They are shown on those records, never offered.
WITHDRAWN_CODES = frozenset({"AN", "CS"})


def countries_to_offer(*, keep=()):
    """The countries a person may choose: every current one, and those in `keep` (the
    countries a record being edited already names, even withdrawn ones)."""
    kept = [getattr(country, "pk", country) for country in keep if country]
    return Country.objects.filter(~Q(code__in=WITHDRAWN_CODES) | Q(code__in=kept))


def countries_by_name(countries):
    """`countries` as a list, in the active language's alphabetical order of their names."""
    return in_collation_order(countries, key=lambda country: country.name)
