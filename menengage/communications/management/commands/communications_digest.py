from django.core.management.base import BaseCommand

from menengage.communications.models import DigestPreference
from menengage.communications.services import digests_send


class Command(BaseCommand):
    help = (
        "Queue each member's digest of what is new for them: `--frequency weekly` once a week, "
        "`--frequency immediate` (the default) every hour. Running it again in the same period "
        "queues nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestPreference.Frequency.IMMEDIATE, DigestPreference.Frequency.WEEKLY],
            default=DigestPreference.Frequency.IMMEDIATE,
        )

    def handle(self, *args, frequency, **options):
        queued = digests_send(frequency=frequency)
        self.stdout.write(f"{queued} digests queued")
