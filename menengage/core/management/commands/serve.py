import os
import shutil
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with gunicorn (sync workers) and whitenoise, on HOST:PORT."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=settings.WEB_CONCURRENCY)
        parser.add_argument("--bind", default=f"{settings.HOST}:{settings.PORT}")

    def handle(self, *args, workers, bind, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn is not installed; run `make install`.")
        command = [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--forwarded-allow-ips",
            "127.0.0.1",
        ]
        if settings.LOG_FORMAT != "json":
            # With json logs the site writes its own line per request (core.logs).
            command += ["--access-logfile", "-"]
        os.execv(gunicorn, command)  # noqa: S606 - replaces this process with the server
