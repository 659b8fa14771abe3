from django.core.management.base import BaseCommand

from menengage.concerns.services import keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every concern, message and attachment with the first key of CONCERNS_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old ones."
    )

    def handle(self, *args, **options):
        rows = keys_rotate()
        self.stdout.write(f"{rows} row(s) re-encrypted with the current key.")
