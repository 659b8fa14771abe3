"""Reading an upload of responses (the CSV or XLSX export of KoboToolbox, ODK or a
spreadsheet) into rows, and checking each row against an evaluation's instrument and waves.
Nothing here writes: the services decide what to do with the report."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
IDENTITY_COLUMNS = ("respondent", "wave", "group", "age_group", "gender")
MISSING = {"", "na", "n/a", ".", "-", "99", "missing"}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
XLSX_MAGIC = b"PK\x03\x04"


class UnreadableUpload(Exception):
    """The file is not a table we can read; the message says why, in the uploader's
    language."""


@dataclass
class Row:
    number: int
    respondent: str
    wave: str
    group: str
    age_group: str
    gender: str
    answers: dict


@dataclass
class Report:
    """What an upload holds, row by row: the good rows, and a sentence for each bad one."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    missing_items: list = field(default_factory=list)
    written: int = 0
    new_respondents: int = 0

    @property
    def ok(self):
        return not self.errors


def read_table(content):
    """(header, rows) of an upload's bytes: XLSX by its content (a zip), else UTF-8 CSV."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableUpload(_("The file is larger than 20 MB. Split it and upload each part."))
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise UnreadableUpload(
            _('The file is not UTF-8 text. Save it as "CSV UTF-8" or as XLSX and try again.')
        ) from bad
    if "\x00" in text:
        raise UnreadableUpload(_("The file is not a CSV or XLSX table."))
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else "excel"
    except csv.Error:
        dialect = "excel"
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as bad:
        raise UnreadableUpload(_("The file is not a readable CSV table.")) from bad
    return _split(records)


def _read_xlsx(content):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
    except Exception as bad:  # noqa: BLE001 - any damage to the zip or XML is "unreadable"
        raise UnreadableUpload(_("The file is not a readable XLSX workbook.")) from bad
    return _split(records)


def _split(records):
    if not records or not any(str(cell).strip() for cell in records[0]):
        raise UnreadableUpload(_("The file is empty: its first row must name the columns."))
    header = [str(cell).strip().lower() for cell in records[0]]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise UnreadableUpload(
            _("The header names these columns more than once: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    return header, records[1:]


def column_targets(header, *, item_codes, column_map):
    """{column index: target} where a target is an item code or an identity column; a
    column is taken by its mapped name first, else by its own name."""
    mapping = {str(source).strip().lower(): target for source, target in column_map.items()}
    known = set(item_codes) | set(IDENTITY_COLUMNS)
    targets = {}
    for index, name in enumerate(header):
        # KoboToolbox and ODK Central prefix a question in a group with the group's name
        # (items/gem01, items-gem01); the bare name counts when nothing else claims it.
        candidates = [mapping.get(name, name), name.rsplit("/", 1)[-1], name.rsplit("-", 1)[-1]]
        target = next((option for option in candidates if option in known), None)
        if target and target not in targets.values():
            targets[index] = target
    return targets


def check_rows(header, records, *, items, points, waves, groups, age_groups, column_map):
    """A Report of every row: its respondent code, wave, group, age group, gender and
    answers, or one sentence per problem with the row's number as a spreadsheet shows it."""
    report = Report()
    targets = column_targets(header, item_codes=items, column_map=column_map)
    found = set(targets.values())
    for required in ("respondent", "wave"):
        if required not in found:
            raise UnreadableUpload(
                _("The file has no %(column)s column. Name it so, or map a column to it.")
                % {"column": required}
            )
    report.missing_items = [code for code in items if code not in found]
    if len(report.missing_items) == len(items):
        raise UnreadableUpload(
            _("No column matches an item of the instrument. Name columns by item code.")
        )
    report.ignored_columns = [
        name for index, name in enumerate(header) if index not in targets and name
    ]
    seen = set()
    allowed = {str(point) for point in points}
    for offset, record in enumerate(records):
        number = offset + 2  # the header is row 1
        if not any(str(cell).strip() for cell in record):
            continue
        values = {
            target: (str(record[index]).strip() if index < len(record) else "")
            for index, target in targets.items()
        }
        problems = []
        code = values.get("respondent", "")
        if not CODE.match(code):
            problems.append(
                _(
                    "the respondent code must be 1 to 40 letters, digits, dots, dashes or "
                    "underscores (a pseudonymous code, never a name)"
                )
            )
        wave = values.get("wave", "").lower().replace("-", "_")
        if wave not in waves:
            problems.append(_("the wave must be one of %(waves)s") % {"waves": ", ".join(waves)})
        group = values.get("group", "").lower() or "intervention"
        if group not in groups:
            problems.append(
                _("the group must be one of %(groups)s") % {"groups": ", ".join(groups)}
            )
        age_group = values.get("age_group", "").lower()
        if age_group and age_group not in age_groups:
            problems.append(
                _("the age group must be one of %(codes)s") % {"codes": ", ".join(age_groups)}
            )
        gender = values.get("gender", "")
        if len(gender) > 60:
            problems.append(_("the gender is longer than 60 characters"))
        answers = {}
        for item in items:
            raw = values.get(item, "")
            if raw.lower() in MISSING and raw not in allowed:
                answers[item] = None
            elif raw.endswith(".0") and raw[:-2] in allowed:
                answers[item] = int(raw[:-2])
            elif raw in allowed:
                answers[item] = int(raw)
            else:
                problems.append(
                    _("%(item)s has “%(value)s”, not one of %(points)s")
                    % {"item": item, "value": raw[:20], "points": ", ".join(sorted(allowed))}
                )
        if (code, wave) in seen:
            problems.append(_("this respondent already has a row for this wave in the file"))
        seen.add((code, wave))
        if problems:
            report.errors.append((number, "; ".join(problems)))
        else:
            report.rows.append(Row(number, code, wave, group, age_group, gender, answers))
    if not report.rows and not report.errors:
        raise UnreadableUpload(_("The file has a header but no rows of answers."))
    return report
