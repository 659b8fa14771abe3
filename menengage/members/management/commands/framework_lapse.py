from django.core.management.base import BaseCommand

from menengage.members.services import membership_lapse_unendorsed


class Command(BaseCommand):
    help = (
        "Lapse the memberships that did not endorse a new framework version within its grace "
        "period. Run daily; running it twice changes nothing more."
    )

    def handle(self, *args, **options):
        lapsed = membership_lapse_unendorsed()
        self.stdout.write(f"{lapsed} memberships lapsed.")
