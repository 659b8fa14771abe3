from django.core.management.base import BaseCommand

from menengage.governance.services import proposals_remind


class Command(BaseCommand):
    help = (
        "E-mail body members who have not taken a position on a proposal closing within a day. "
        "Each proposal is reminded once, so running it again sends nothing new."
    )

    def handle(self, *args, **options):
        reminded = proposals_remind()
        self.stdout.write(f"{len(reminded)} proposals reminded")
