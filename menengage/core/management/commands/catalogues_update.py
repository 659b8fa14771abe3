from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Folders whose strings are not the site's: tools, tests of the browser, benchmarks.
IGNORED = [".venv/*", "var/*", "e2e/*", "bench/*", "scripts/*"]


def catalogue_languages():
    """Every site language but the one the code is written in: settings.LANGUAGES decides."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Command(BaseCommand):
    help = "Update every site language's catalogue from the code, then compile them."

    def handle(self, *args, **options):
        call_command(
            "makemessages",
            locale=catalogue_languages(),
            no_obsolete=True,
            no_location=True,
            ignore_patterns=list(IGNORED),
            verbosity=options["verbosity"],
        )
        call_command("catalogues_compile", verbosity=options["verbosity"])
