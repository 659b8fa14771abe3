"""Spreadsheets in and out: reading the CSV files people export for the import commands, and
writing cells that a spreadsheet will not run as formulas."""

import csv
import io
from pathlib import Path

from django.core.management.base import CommandError

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value):
    """`value` as the text of an exported cell, quoted with an apostrophe when a spreadsheet
    would otherwise run it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def read_table(path, *, required):
    """The header (lower-cased column names) and the data rows of a UTF-8 CSV file.

    Raises CommandError with a sentence a spreadsheet user can act on: unreadable file, not
    UTF-8, not CSV, no header, a column named twice, or a `required` column missing.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as missing:
        raise CommandError(f"Cannot read {path}: {missing.strerror}.") from missing
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise CommandError(
            f"{path} is not UTF-8 text (byte {bad.start + 1} is not valid UTF-8). "
            'Save the spreadsheet as "CSV UTF-8" and try again.'
        ) from bad
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as bad:
        raise CommandError(f"{path} is not a readable CSV file: {bad}.") from bad
    if not records or not any(cell.strip() for cell in records[0]):
        raise CommandError(f"{path} is empty: its first row must name the columns.")
    header = [cell.strip().lower() for cell in records[0]]
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        raise CommandError(f"The header names {', '.join(repeated)} more than once.")
    missing = [column for column in required if column not in header]
    if missing:
        raise CommandError(
            f"The header has no {', '.join(missing)} column. Required columns: "
            f"{', '.join(required)}; found: {', '.join(filter(None, header)) or 'none'}."
        )
    return header, records[1:]
