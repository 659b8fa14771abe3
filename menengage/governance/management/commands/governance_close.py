from django.core.management.base import BaseCommand

from menengage.governance.services import proposals_close_due


class Command(BaseCommand):
    help = "Record the decision of every proposal and fallback vote past its closing time."

    def handle(self, *args, **options):
        decisions = proposals_close_due()
        self.stdout.write(f"{len(decisions)} decisions recorded")
