from django.core.management.base import BaseCommand

from menengage.concerns.services import concern_flag_overdue


class Command(BaseCommand):
    help = "Tell the leads of each concern past a deadline, once per deadline (run it daily)."

    def handle(self, *args, **options):
        flagged = concern_flag_overdue()
        self.stdout.write(f"{flagged} overdue concern(s) flagged.")
