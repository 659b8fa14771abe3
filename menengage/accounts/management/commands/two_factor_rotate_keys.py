from django.core.management.base import BaseCommand

from menengage.accounts import twofactor
from menengage.accounts.models import TwoFactorDevice


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret with the first key of TWO_FACTOR_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old ones."
    )

    def handle(self, *args, **options):
        rows = sum(
            twofactor.device_secret_rotate(device) for device in TwoFactorDevice.objects.iterator()
        )
        self.stdout.write(f"{rows} two-factor secret(s) re-encrypted with the current key.")
