from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from menengage.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write one archive of the database (with its migration state) and the uploaded files. "
        "Safe while the site runs. Restore it with `menengage restore ARCHIVE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write the archive (default: menengage-backup-<UTC time>.tar.gz).",
        )

    def handle(self, *args, path, **options):
        path = path or f"menengage-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        try:
            manifest = backup_write(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        migrations = sum(len(names) for names in manifest["migrations"].values())
        self.stdout.write(
            f"Wrote {path}: {manifest['engine']} database ({migrations} migrations applied) "
            f"and {manifest['files']} uploaded files."
        )
