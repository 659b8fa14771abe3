from django.core.management.base import BaseCommand, CommandError

from menengage.core.backup import BackupError, backup_migration_gap, backup_restore


class Command(BaseCommand):
    help = (
        "Put a `menengage backup` archive back into an EMPTY database and an empty MEDIA_ROOT "
        "(a non-empty one is refused, nothing is overwritten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `menengage backup`.")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup_restore(path=archive)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created_at']} and "
            f"{manifest['files']} uploaded files."
        )
        missing, unknown = backup_migration_gap(manifest)
        if missing:
            self.stdout.write(
                f"The code has {len(missing)} migrations the backup had not: run "
                "`menengage migrate`."
            )
        if unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup had {len(unknown)} migrations this code does not know "
                    f"(e.g. {unknown[0][0]}.{unknown[0][1]}): run the code it was taken with."
                )
            )
