from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every catalogue (.po) to .mo, without needing GNU gettext."

    def handle(self, *args, **options):
        import polib

        for path in sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po")):
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
