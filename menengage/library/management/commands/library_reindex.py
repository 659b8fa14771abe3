"""`menengage library_reindex`: index every resource again, after LANGUAGES or
LIBRARY_SEARCH_CONFIGS changed (a new language's titles and summaries become searchable)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from menengage.library import search
from menengage.library.models import Resource


class Command(BaseCommand):
    help = (
        "Index every resource of the library again, in every language of settings.LANGUAGES "
        "with the configurations of LIBRARY_SEARCH_CONFIGS. Run it after changing either."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        # One transaction: searches keep reading the old index until the new one is complete.
        with transaction.atomic():
            search.rebuild()
        self.stdout.write(
            f"Indexed {Resource.objects.count()} resources in "
            f"{', '.join(search.languages())} in {time.monotonic() - started:.1f} s."
        )
