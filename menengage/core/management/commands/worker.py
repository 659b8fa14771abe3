from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.tasks import task_backends


class Command(BaseCommand):
    help = (
        "Run the background worker (mail, text extraction, search indexing, mass mail) on the "
        "database queue. Run as many as the load needs, on any machine that reaches the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run what is waiting, then stop (for cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=1, help="Seconds between looks at an empty queue."
        )
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop after this many.")

    def handle(self, *args, batch, interval, max_tasks, **options):
        from django_tasks_db import DatabaseBackend

        from menengage.core.mail import mail_queue_waiting

        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"TASKS_BACKEND is {type(backend).__name__}, not the database queue: run that "
                "backend's own worker (see the README, 'More than one machine')."
            )
        # Mail written while no worker ran, or whose delivery task was lost, leaves now.
        mail_queue_waiting()
        call_command(
            "db_worker",
            queue_name="*",
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            reload=False,
            startup_delay=not batch,
            verbosity=options["verbosity"],
        )
