from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from menengage.core.demodata import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, demo_is_loaded, demo_load

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Load the invented demo alliance (members, networks, pages) into the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply sizes (10 = 7,000 organisations)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2009,
            help="Random seed; the same seed gives the same alliance.",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the demo is already loaded."
        )

    def handle(self, *args, scale, seed, if_empty, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if demo_is_loaded():
            if if_empty:
                self.stdout.write("The demo alliance is already loaded.")
                return
            raise CommandError("The demo alliance is already loaded; start from an empty database.")
        # The demo is whole when the command ends: its tasks (file text extraction, mail) run
        # here rather than waiting for a worker.
        with override_settings(TASKS=IMMEDIATE):
            demo_load(scale=scale, seed=seed, report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo alliance loaded. Staff sign-in: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}"
            )
        )
