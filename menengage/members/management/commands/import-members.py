"""`menengage import-members FILE.csv`: add or update member organisations from a spreadsheet."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from menengage.core import spreadsheets
from menengage.core.errors import DomainError
from menengage.core.translation import site_languages
from menengage.members.services import IMPORT_COLUMNS, IMPORT_REQUIRED, organisation_import_row

KNOWN_COLUMNS = (*IMPORT_COLUMNS, "themes", *(f"description_{code}" for code in site_languages()))
OUTCOMES = ("created", "updated", "unchanged", "rejected")


def read_table(path):
    return spreadsheets.read_table(path, required=IMPORT_REQUIRED)


class Command(BaseCommand):
    help = (
        "Add or update member organisations from a UTF-8 CSV file with a header row (columns: "
        f"{', '.join(KNOWN_COLUMNS)}; name, kind and country are required; themes are codes "
        'separated by ";"; other columns are ignored). Rows are matched by identifier, else by '
        "name and country. A dry run by default: every row is checked and reported, nothing "
        "is written. With --commit the valid rows are written in one transaction and the "
        "rejected ones skipped. Rows are numbered as in a spreadsheet: the header is row 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file to import.")
        parser.add_argument(
            "--commit", action="store_true", help="Write the valid rows (default: dry run)."
        )

    def handle(self, *args, file, commit, **options):
        header, rows = read_table(file)
        ignored = [column for column in header if column and column not in KNOWN_COLUMNS]
        if ignored:
            self.stdout.write(f"Ignoring columns: {', '.join(ignored)}.")
        if not commit:
            self.stdout.write("Dry run: nothing will be written. Use --commit to write.")
        self.progress = self.stderr.isatty()
        counts = Counter()
        with transaction.atomic():
            self._import(header, rows, commit, counts)
            if not commit:
                transaction.set_rollback(True)
        if self.progress:
            self.stderr.write("\r\x1b[K", style_func=str, ending="")
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
        if commit:
            self.stdout.write(f"Committed: {summary}.")
        else:
            self.stdout.write(
                f"Dry run: {summary}. Nothing was written; run again with --commit to write "
                "the valid rows."
            )

    def _import(self, header, rows, commit, counts):
        seen_identifiers, seen_names = {}, {}
        for index, cells in enumerate(rows):
            if any(cell.strip() for cell in cells):
                number = index + 2
                outcome, detail = self._row(
                    header, cells, commit, number, seen_identifiers, seen_names
                )
                counts[outcome] += 1
                self._report(f"row {number}: {outcome}{detail}")
            self._tick(index + 1, len(rows))

    def _row(self, header, cells, commit, number, seen_identifiers, seen_names):
        """The outcome of one row and the text that follows it in the report."""
        if len(cells) < len(header) or any(cell.strip() for cell in cells[len(header) :]):
            return "rejected", f": The row has {len(cells)} cells but the header {len(header)}."
        row = {column: cell for column, cell in zip(header, cells, strict=False) if column}
        identifier = row.get("identifier", "").strip()
        name = row["name"].strip()
        name_key = (name.casefold(), row["country"].strip().upper())
        earlier = seen_identifiers.get(identifier) if identifier else None
        if earlier is None and name_key in seen_names:
            # Two different identifiers are two organisations, even with the same name.
            earlier_identifier, earlier = seen_names[name_key]
            if identifier and earlier_identifier:
                earlier = None
        if earlier:
            return "rejected", f": Duplicate of {earlier[1]} (row {earlier[0]}) in the file."
        try:
            result = organisation_import_row(actor=None, row=row, commit=commit)
        except ValidationError as refused:
            return "rejected", ": " + " ".join(str(message) for message in refused.messages)
        except IntegrityError as conflict:
            return "rejected", f": It conflicts with an organisation already stored ({conflict})."
        except DomainError as refused:
            return "rejected", f": {refused}"
        if identifier:
            seen_identifiers[identifier] = (number, name)
        seen_names.setdefault(name_key, (identifier, (number, name)))
        detail = f" ({', '.join(result.changed)})" if result.changed else ""
        return result.outcome, detail

    def _report(self, line):
        if self.progress:
            self.stderr.write("\r\x1b[K", style_func=str, ending="")
        self.stdout.write(line)
        self.stdout.flush()

    def _tick(self, done, total):
        if self.progress:
            self.stderr.write(f"\r{done}/{total}", style_func=str, ending="")
            self.stderr.flush()
