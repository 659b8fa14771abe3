from django.core.management.base import BaseCommand

from menengage.members.services import applications_escalate


class Command(BaseCommand):
    help = (
        "Escalate applications with no decision for seven days to the region's coordinators. "
        "Run daily; running it twice changes nothing more."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{applications_escalate()} applications escalated.")
