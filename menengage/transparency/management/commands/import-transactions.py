"""`menengage import-transactions FILE.csv [--commit]`: money received, budget lines, spending and
sub-grants from a spreadsheet, checked row by row."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from menengage.core import spreadsheets
from menengage.core.errors import DomainError
from menengage.transparency.services import (
    IMPORT_COLUMNS,
    IMPORT_REQUIRED,
    import_error_text,
    transaction_import_row,
)

OUTCOMES = ("created", "rejected")


def read_table(path):
    return spreadsheets.read_table(path, required=IMPORT_REQUIRED)


class Command(BaseCommand):
    help = (
        "Import money received (type income), budget lines (budget), spending (expenditure) "
        "and sub-grants (sub-grant) from a UTF-8 CSV file with a header row. Columns: "
        f"{', '.join(IMPORT_COLUMNS)}. Amounts are written like 1250.50, dates like "
        "2024-03-31, currencies as ISO 4217 codes; funder is a funder's name or identifier, "
        "network a network's slug, category one of programmes, secretariat, governance, "
        "symposium, sub_grants; restricted is yes or no. The year must exist and be a draft. "
        "A dry run by default: every row is checked and reported, nothing is written. With "
        "--commit the valid rows are written in one transaction and the rejected ones skipped. "
        "Rows are numbered as in a spreadsheet: the header is row 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file to import.")
        parser.add_argument(
            "--commit", action="store_true", help="Write the valid rows (default: dry run)."
        )

    def handle(self, *args, file, commit, **options):
        header, rows = read_table(file)
        ignored = [column for column in header if column and column not in IMPORT_COLUMNS]
        if ignored:
            self.stdout.write(f"Ignoring columns: {', '.join(ignored)}.")
        if not commit:
            self.stdout.write("Dry run: nothing will be written. Use --commit to write.")
        counts = Counter()
        with transaction.atomic():
            for index, cells in enumerate(rows):
                if any(cell.strip() for cell in cells):
                    outcome, detail = self._row(header, cells)
                    counts[outcome] += 1
                    self.stdout.write(f"row {index + 2}: {outcome}{detail}")
            if not commit:
                transaction.set_rollback(True)
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
        if commit:
            self.stdout.write(f"Committed: {summary}.")
        else:
            self.stdout.write(
                f"Dry run: {summary}. Nothing was written; run again with --commit to write "
                "the valid rows."
            )

    def _row(self, header, cells):
        """The outcome of one row and the text that follows it in the report."""
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            return "rejected", f": The row has {len(cells)} cells but the header {len(header)}."
        row = {column: cell for column, cell in zip(header, cells, strict=False) if column}
        try:
            line = transaction_import_row(actor=None, row=row)
        except ValidationError as refused:
            return "rejected", f": {import_error_text(refused)}"
        except DomainError as refused:
            return "rejected", f": {refused}"
        except IntegrityError as conflict:
            return "rejected", f": It conflicts with a line already stored ({conflict})."
        kind = row.get("type", "").strip().lower()
        return "created", f" ({kind} {line.amount:.2f} {line.currency})"
