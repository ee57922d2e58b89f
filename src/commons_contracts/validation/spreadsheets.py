"""Spreadsheets into new records: `declare --from FILE` and `pay --from FILE`.

A consultant's invoice list or a host's bank export, saved as .csv, .ods or .xlsx, becomes one
declaration or payment per data row, all of them or none (:func:`import_records`):

* the **columns** are found by their names in the header row: a field's own name
  (`amount_excl_tax`), one of its usual French names (:data:`COLUMN_NAMES`: `montant HT`,
  `n° de facture`...), or the mapping of a named **import rule** of the workspace
  (`imports:` in commons-contracts.yaml), which also says which sheet and header row to read and
  which rows are not data (a total row is skipped only by such a rule, never guessed);
* the **cells** are read the French way: dates `04/11/2026` or `2026-11-04` or a date cell,
  amounts `1 500,50` or `1500.50` or a number cell, a number cell read to the 15 significant
  digits a spreadsheet computes with (0.1 + 0.2 is 0.3, never 0.30000000000000004);
* a CSV file is UTF-8, else Windows-1252 with a warning; its separator (comma, semicolon or
  tab) is the one its header row uses most;
* every problem is located at `file:row:column`, or for a workbook at
  `file:sheet:row:column letter`, and the rows are then validated with the whole registry by
  :func:`~commons_contracts.validation.entries.add_records`.

Reading a workbook is python-calamine's (one maintained Rust reader for .ods, .xlsx, .xls).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import python_calamine

from commons_contracts.core.dates import normalise_date_text
from commons_contracts.core.diagnostics import (
    Code,
    Diagnostic,
    column_letter,
    has_errors,
    sort_diagnostics,
)
from commons_contracts.core.money import decimal_text, normalise_amount_text
from commons_contracts.core.paths import WORKSPACE_FILE
from commons_contracts.core.text import did_you_mean
from commons_contracts.errors import UsageError
from commons_contracts.i18n.translation import N_, _
from commons_contracts.registry.files import load_file
from commons_contracts.registry.model import Workspace
from commons_contracts.registry.records import ImportRule
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.validation.entries import Draft, add_records, parse_shares

ImportKind = Literal["declaration", "payment"]

FIELDS: Mapping[ImportKind, tuple[str, ...]] = {
    "declaration": (
        "contract",
        "date",
        "amount_excl_tax",
        "client",
        "description",
        "invoice_ref",
        "commons_shares",
    ),
    "payment": ("contract", "date", "amount", "reference"),
}
"""The fields each row may give, by the kind of record it becomes."""

AMOUNT_FIELDS: Mapping[ImportKind, str] = {"declaration": "amount_excl_tax", "payment": "amount"}

IGNORE = "ignore"
"""What a column is mapped to when it is left out."""

COLUMN_NAMES: Mapping[ImportKind, Mapping[str, str]] = {
    "declaration": {
        "contrat": "contract",
        "date de facture": "date",
        "date facture": "date",
        "date de la facture": "date",
        "date d emission": "date",
        "montant ht": "amount_excl_tax",
        "montant hors taxes": "amount_excl_tax",
        "total ht": "amount_excl_tax",
        "ht": "amount_excl_tax",
        "ca ht": "amount_excl_tax",
        "chiffre d affaires ht": "amount_excl_tax",
        "nom du client": "client",
        "objet": "description",
        "libelle": "description",
        "designation": "description",
        "prestation": "description",
        "n de facture": "invoice_ref",
        "no de facture": "invoice_ref",
        "n facture": "invoice_ref",
        "no facture": "invoice_ref",
        "numero de facture": "invoice_ref",
        "facture": "invoice_ref",
        "reference": "invoice_ref",
        "ref": "invoice_ref",
        "repartition": "commons_shares",
        "parts des communs": "commons_shares",
        # Figures a French invoice list always has beside the revenue, and never needed here.
        "montant ttc": IGNORE,
        "total ttc": IGNORE,
        "ttc": IGNORE,
        "tva": IGNORE,
        "montant tva": IGNORE,
        "taux de tva": IGNORE,
        "taux tva": IGNORE,
    },
    "payment": {
        "contrat": "contract",
        "date de paiement": "date",
        "date de reception": "date",
        "date d operation": "date",
        "date de valeur": "date",
        "date valeur": "date",
        "montant": "amount",
        "montant recu": "amount",
        "montant ttc": "amount",
        "credit": "amount",
        "reference": "reference",
        "ref": "reference",
        "libelle": "reference",
        "motif": "reference",
    },
}
"""The usual French names of each field's column, as :func:`column_key` writes them (lower
case, no accents, words separated by one space). A field's own name is always understood too.
A bare `montant` is not an amount excluding VAT: on an invoice list it may include VAT."""

WORKBOOK_SUFFIXES = frozenset({".ods", ".xlsx", ".xlsm", ".xlsb", ".xls"})
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
_SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}

EXPORT_UTF8 = N_(
    "save it as UTF-8: in LibreOffice Calc, File > Save a Copy, type 'Text CSV', tick 'Edit "
    "filter settings', character set 'Unicode (UTF-8)'; in Excel, File > Save As, type "
    "'CSV UTF-8 (Comma delimited)'"
)

Cell = str | float | int | bool | datetime.date | datetime.time | datetime.timedelta

_Problem = Callable[[int, int, Code, str], None]
"""Records a problem of the file at (row, column)."""


@dataclass(frozen=True)
class Table:
    """The rows of one sheet or CSV file, as read: cells are texts for a CSV file and typed
    values (numbers, dates) for a workbook."""

    shown: str
    """The file as diagnostics name it."""
    sheet: str | None
    """The sheet read, for a workbook."""
    rows: list[tuple[int, list[Cell]]]
    """(row number, cells): the line in a CSV file (where the row starts), the row in a sheet."""


@dataclass(frozen=True)
class SkippedRow:
    """A row left out by a `skip` rule of the import."""

    where: str
    """`file:row` or `file:sheet:row`."""
    reason: str
    """The condition that held: `Client matches 'total.*'`."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the files written (none when refused), every problem found, and the
    rows a rule skipped."""

    written: list[Path]
    diagnostics: list[Diagnostic]
    skipped: list[SkippedRow]

    @property
    def ok(self) -> bool:
        """True when the records were written."""
        return bool(self.written)


def column_key(name: str) -> str:
    """A column name as it is compared: lower case, without accents, words separated by one
    space (`N° de facture` and `n de facture` are one name, so are `Montant (HT)` and
    `montant ht`)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


def import_records(
    root: Path,
    path: Path,
    kind: ImportKind,
    *,
    contract: str | None = None,
    rules: str | None = None,
    sheet: str | None = None,
    cache: bool | None = None,
) -> ImportResult:
    """Read every data row of `path` (.csv, .ods, .xlsx) as a `kind` record and add them all
    to the registry at `root`, or none. `contract` is the contract of rows without one (else
    the rule's); `rules` names an import rule of the workspace; `sheet` the sheet to read (else
    the rule's, else the first). A rule that does not exist or reads another kind of record is
    a :class:`UsageError`; every problem of the file is a located diagnostic. `cache`: as for
    :func:`~commons_contracts.validation.entries.add_records`."""
    rule, problems = _rule(root, rules, kind)
    if rule is None and problems:
        return ImportResult([], problems, [])
    table, problems = read_table(path, rule, sheet)
    if table is None:
        return ImportResult([], problems, [])
    drafts, found, skipped = table_drafts(table, kind, rule, contract)
    problems = [*problems, *found]
    if has_errors(problems):
        return ImportResult([], sort_diagnostics(problems), skipped)
    added = add_records(root, drafts, cache=cache)
    shown = [
        dataclasses.replace(d, sheet=table.sheet) if d.path == table.shown else d
        for d in added.diagnostics
    ]
    return ImportResult(added.written, sort_diagnostics([*problems, *shown]), skipped)


def _rule(
    root: Path, name: str | None, kind: ImportKind
) -> tuple[ImportRule | None, list[Diagnostic]]:
    """The import rule `name` of the workspace (None when no name is given), or the problems
    of a workspace record that cannot be read."""
    if name is None:
        return None, []
    records, problems = load_file(root / WORKSPACE_FILE, WORKSPACE_FILE)
    workspace = next((r for r in records if r.kind == "workspace"), None)
    if workspace is None:
        return None, problems or [
            Diagnostic(WORKSPACE_FILE, 1, 1, Code.MISSING_WORKSPACE, _("no workspace record"))
        ]
    if not kind_schemas()["workspace"].is_valid(workspace.data):
        # The rule's own errors come from `validate`, located in commons-contracts.yaml.
        raise UsageError(
            _("{value} has errors: fix them first (commons-contracts validate)").format(
                value=WORKSPACE_FILE
            )
        )
    imports = Workspace.from_data(workspace.data).imports or {}
    if name not in imports:
        known = ", ".join(sorted(imports)) or f"none yet (see imports: in {WORKSPACE_FILE})"
        raise UsageError(
            _("no import rule '{name}'{suggestion}: rules are {known}").format(
                name=name, suggestion=did_you_mean(name, imports), known=known
            )
        )
    rule = imports[name]
    if rule.records != kind:
        command = "pay" if rule.records == "payment" else "declare"
        raise UsageError(
            _("the import rule '{name}' reads {rule_records}s: use {command} --from").format(
                name=name, rule_records=rule.records, command=command
            )
        )
    return rule, []


MAX_SPREADSHEET_BYTES = 50 * 1024 * 1024
"""Largest spreadsheet read (50 MiB: a year of bank lines is a few megabytes)."""


def _not_a_spreadsheet_file(path: Path) -> Diagnostic | None:
    """Why `path` is not read: not a regular file (a pipe would wait forever, `/dev/zero`
    never ends) or over :data:`MAX_SPREADSHEET_BYTES`."""
    import stat  # noqa: PLC0415

    shown = str(path)
    try:
        found = path.stat()
    except OSError as error:
        message = _("cannot read the file: {value}").format(value=error.strerror or error)
        return Diagnostic(shown, 1, 1, Code.UNREADABLE_FILE, message)
    if not stat.S_ISREG(found.st_mode):
        message = _("not a regular file (a pipe, a device): save the spreadsheet as a file")
        return Diagnostic(shown, 1, 1, Code.NOT_A_FILE, message)
    if found.st_size > MAX_SPREADSHEET_BYTES:
        message = _(
            "file is {found_st_size:,} bytes, over the limit of {value:,} bytes (50 "
            "MiB): split it into several files"
        ).format(found_st_size=found.st_size, value=MAX_SPREADSHEET_BYTES)
        return Diagnostic(shown, 1, 1, Code.FILE_TOO_LARGE, message)
    return None


def read_table(
    path: Path, rule: ImportRule | None = None, sheet: str | None = None
) -> tuple[Table | None, list[Diagnostic]]:
    """The rows of a CSV file or of one sheet of a workbook, with the problems met (None when
    the file cannot be read). An unknown file type is a :class:`UsageError`."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES | CSV_SUFFIXES:
        problem = _not_a_spreadsheet_file(path)
        if problem is not None:
            return None, [problem]
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, sheet or (rule.sheet if rule else None))
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, rule)
    raise UsageError(
        _("cannot read {path_name}: give a .csv, .ods or .xlsx file (or .xls, .tsv)").format(
            path_name=path.name
        )
    )


def _read_workbook(path: Path, wanted: str | None) -> tuple[Table | None, list[Diagnostic]]:
    shown = str(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except OSError as error:
        message = _("cannot read the file: {value}").format(value=error.strerror or error)
        return None, [Diagnostic(shown, 1, 1, Code.UNREADABLE_FILE, message)]
    except Exception as error:  # calamine raises several kinds of error for a broken file
        message = _("cannot open the spreadsheet ({name}: {error})").format(
            name=type(error).__name__, error=error
        )
        return None, [Diagnostic(shown, 1, 1, Code.UNREADABLE_FILE, message)]
    with workbook:
        names = workbook.sheet_names
        if not names:
            return None, [Diagnostic(shown, 1, 1, Code.EMPTY_FILE, _("the workbook has no sheet"))]
        name = wanted if wanted is not None else names[0]
        if name not in names:
            message = _(
                "no sheet '{name}' in the workbook{suggestion}: its sheets are {items}"
            ).format(
                name=name,
                suggestion=did_you_mean(name, names),
                items=", ".join(repr(n) for n in names),
            )
            return None, [Diagnostic(shown, 1, 1, Code.UNKNOWN_SHEET, message)]
        # Keep the empty rows and columns before the data, so that positions are the sheet's.
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    rows: list[tuple[int, list[Cell]]] = [(index, list(row)) for index, row in enumerate(cells, 1)]
    return Table(shown, name, rows), []


def _read_csv(path: Path, rule: ImportRule | None) -> tuple[Table | None, list[Diagnostic]]:
    shown = str(path)
    try:
        # Not blocking, and never more than the limit: the file may have changed since.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            raw = handle.read(MAX_SPREADSHEET_BYTES + 1)
        if len(raw) > MAX_SPREADSHEET_BYTES:
            raise OSError(0, f"over {MAX_SPREADSHEET_BYTES:,} bytes")
    except OSError as error:
        message = _("cannot read the file: {value}").format(value=error.strerror or error)
        return None, [Diagnostic(shown, 1, 1, Code.UNREADABLE_FILE, message)]
    text, problems = _decode(raw, shown, rule.encoding if rule else None)
    if text is None:
        return None, problems
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if rule is not None and rule.separator is not None:
        separator = _SEPARATORS[rule.separator]
    else:
        # The separator the header row uses most: a French export writes semicolons, a
        # copy from a spreadsheet tabs.
        separator = max(("\t", ";", ","), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, list(cells)))
            start = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as error:
        message = _("the CSV file cannot be read here: {error}").format(error=error)
        if "field limit" in str(error):
            limit = csv.field_size_limit()
            message = _(
                "a cell of more than {limit:,} characters ({value} KiB): no invoice or "
                "bank line has one; check the separator and the quotes of this row"
            ).format(limit=limit, value=limit // 1024)
        return None, [Diagnostic(shown, start, 1, Code.UNREADABLE_FILE, message)]
    return Table(shown, None, rows), problems


def _decode(raw: bytes, shown: str, encoding: str | None) -> tuple[str | None, list[Diagnostic]]:
    """The text of a CSV file: UTF-8 (with or without a byte order mark), else Windows-1252,
    which Excel and LibreOffice write on Windows, with a warning that quotes what to check."""
    if encoding != "windows-1252":
        try:
            return raw.decode("utf-8-sig"), []
        except UnicodeDecodeError as error:
            utf8_error = error
        if encoding == "utf-8":
            line, column = _byte_position(raw, utf8_error.start)
            message = _("byte 0x{value:02x} is not UTF-8: {value2}").format(
                value=raw[utf8_error.start], value2=_(EXPORT_UTF8)
            )
            return None, [Diagnostic(shown, line, column, Code.UNREADABLE_FILE, message)]
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = _(
            "the file is neither UTF-8 nor Windows-1252 (byte 0x{value:02x}): {value2}"
        ).format(value=raw[error.start], value2=_(EXPORT_UTF8))
        return None, [Diagnostic(shown, line, column, Code.UNREADABLE_FILE, message)]
    if encoding == "windows-1252":
        return text, []
    found = re.search(r"\w*[^\x00-\x7f]\w*", text)
    assert found is not None, "a file that is not UTF-8 has a byte above 0x7f"
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    message = _(
        "the file is not UTF-8: it was read as Windows-1252, where line {line} "
        "reads '{group}'; if that is wrong, {value} (or set encoding: "
        "windows-1252 in an import rule to say it is right)"
    ).format(line=line, group=found.group(), value=_(EXPORT_UTF8))
    return text, [Diagnostic(shown, line, column, Code.LEGACY_ENCODING, message)]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def table_drafts(
    table: Table, kind: ImportKind, rule: ImportRule | None, contract: str | None
) -> tuple[list[Draft], list[Diagnostic], list[SkippedRow]]:
    """One draft per data row of `table`, the problems of its form (columns, empty cells,
    surplus cells), and the rows a rule skipped."""
    problems: list[Diagnostic] = []

    def problem(row: int, column: int, code: Code, message: str) -> None:
        problems.append(Diagnostic(table.shown, row, column, code, message, sheet=table.sheet))

    header_index = _header_index(table, rule)
    if header_index is None:
        problem(1, 1, Code.EMPTY_FILE, _("the file has no header row (the names of its columns)"))
        return [], problems, []
    header_row, header = table.rows[header_index]
    names = [_cell_text(cell) for cell in header]
    while names and not names[-1]:
        names.pop()
    columns = _columns(names, kind, rule, header_row, problem)
    default_contract = contract or (rule.contract if rule else None)
    required = ["date", AMOUNT_FIELDS[kind]] + ([] if default_contract else ["contract"])
    for name in required:
        if name not in columns:
            problem(
                header_row,
                1,
                Code.MISSING_COLUMN,
                _("the header row needs a column '{name}'{french_hint}").format(
                    name=name, french_hint=_french_hint(name, kind)
                ),
            )
    skips = _skip_conditions(rule, names, columns, header_row, problem)
    if problems:
        return [], problems, []
    drafts: list[Draft] = []
    skipped: list[SkippedRow] = []
    for row, cells in table.rows[header_index + 1 :]:
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        reason = next(
            (
                f"{names[index]} matches '{pattern.pattern}'"
                for index, pattern in skips
                if index < len(texts) and pattern.fullmatch(texts[index])
            ),
            None,
        )
        if reason is not None:
            where = f"{table.shown}:{table.sheet}:{row}" if table.sheet else f"{table.shown}:{row}"
            skipped.append(SkippedRow(where, reason))
            continue
        surplus = next((i for i in range(len(names), len(texts)) if texts[i]), None)
        if surplus is not None:
            problem(
                row,
                surplus + 1,
                Code.EXTRA_CELL,
                _("the row has a value beyond the {count} named columns of the header row").format(
                    count=len(names)
                ),
            )
            continue
        unnamed = next(
            (i for i, name in enumerate(names) if not name and i < len(texts) and texts[i]), None
        )
        if unnamed is not None:
            problem(row, unnamed + 1, Code.EXTRA_CELL, _("the cell is in a column without a name"))
            continue
        fields: dict[str, object] = {}
        empty = False
        for name in FIELDS[kind]:
            if name not in columns:
                continue
            index = columns[name] - 1
            cell: Cell = cells[index] if index < len(cells) else ""
            value = _field_text(name, cell, kind)
            if value:
                fields[name] = value
            elif name in required:
                empty = True
                problem(
                    row,
                    index + 1,
                    Code.EMPTY_CELL,
                    _(
                        "the {name} of this row is empty: every data row needs one; a row that is "
                        "not data (a total) is skipped only by a skip rule of an import (see "
                        "docs/entry-and-imports.md)"
                    ).format(name=name),
                )
        if empty:
            continue
        fields.setdefault("contract", default_contract or "")
        shares = fields.pop("commons_shares", None)
        if isinstance(shares, str):
            parsed = parse_shares(shares.split(";"))
            if parsed is None:
                problem(
                    row,
                    columns["commons_shares"],
                    Code.INVALID_SHARES,
                    _("write shares as commons=percent separated by ';' (movilab=70;dokos=30)"),
                )
                continue
            fields["commons_shares"] = parsed
        ordered = {name: fields[name] for name in FIELDS[kind] if name in fields}
        drafts.append(Draft(kind, ordered, (table.shown, row), columns))
    if not drafts and not problems and not skipped:
        problem(header_row + 1, 1, Code.EMPTY_FILE, _("the file has no data row under its header"))
    return drafts, problems, skipped


def _header_index(table: Table, rule: ImportRule | None) -> int | None:
    """Where the header is in `table.rows`: the rule's `header_row`, else the first row that
    is not empty."""
    for index, (row, cells) in enumerate(table.rows):
        if rule is not None and rule.header_row is not None:
            if row == rule.header_row:
                return index
        elif any(_cell_text(cell) for cell in cells):
            return index
    return None


def _columns(
    names: Sequence[str],
    kind: ImportKind,
    rule: ImportRule | None,
    header_row: int,
    problem: _Problem,
) -> dict[str, int]:
    """The 1-based column of each field named by the header row."""
    given = rule.columns if rule is not None and rule.columns is not None else {}
    mapped: dict[str, str] = {column_key(name): field for name, field in given.items()}
    builtin = {column_key(field): field for field in FIELDS[kind]} | dict(COLUMN_NAMES[kind])
    columns: dict[str, int] = {}
    for column, name in enumerate(names, start=1):
        if not name:
            continue
        key = column_key(name)
        field = mapped.get(key) or builtin.get(key)
        if field is None:
            known = sorted({*FIELDS[kind], *COLUMN_NAMES[kind]})
            problem(
                header_row,
                column,
                Code.UNKNOWN_COLUMN,
                _(
                    "unknown column '{name}'{suggestion}: name it after a field ({items}) or "
                    "map it in an import rule, to a field or to 'ignore' (see "
                    "docs/entry-and-imports.md)"
                ).format(
                    name=name, suggestion=did_you_mean(key, known), items=", ".join(FIELDS[kind])
                ),
            )
        elif field == IGNORE:
            continue
        elif field not in FIELDS[kind]:
            problem(
                header_row,
                column,
                Code.UNKNOWN_COLUMN,
                _(
                    "the column '{name}' is mapped to '{field}', which a {kind} does not have"
                ).format(name=name, field=field, kind=kind),
            )
        elif field in columns:
            first = names[columns[field] - 1]
            problem(
                header_row,
                column,
                Code.DUPLICATE_COLUMN,
                _(
                    "the columns '{first}' ({column_letter}) and '{name}' ({column_letter2}) "
                    "both give the {field}: map one to 'ignore' in an import rule"
                ).format(
                    first=first,
                    column_letter=column_letter(columns[field]),
                    name=name,
                    column_letter2=column_letter(column),
                    field=field,
                ),
            )
        else:
            columns[field] = column
    return columns


def _skip_conditions(
    rule: ImportRule | None,
    names: Sequence[str],
    columns: Mapping[str, int],
    header_row: int,
    problem: _Problem,
) -> list[tuple[int, re.Pattern[str]]]:
    """The rule's skip conditions as (0-based column, pattern)."""
    conditions: list[tuple[int, re.Pattern[str]]] = []
    keys = [column_key(name) for name in names]
    for condition in (rule.skip if rule is not None else None) or ():
        key = column_key(condition.column)
        if key in keys:
            index = keys.index(key)
        elif condition.column in columns:
            index = columns[condition.column] - 1
        else:
            problem(
                header_row,
                1,
                Code.UNKNOWN_COLUMN,
                _(
                    "the skip rule names the column '{condition_column}', which is not in the "
                    "header row{suggestion}"
                ).format(
                    condition_column=condition.column,
                    suggestion=did_you_mean(condition.column, names),
                ),
            )
            continue
        conditions.append((index, re.compile(condition.matches, re.IGNORECASE)))
    return conditions


def _french_hint(field: str, kind: ImportKind) -> str:
    names = [name for name, target in COLUMN_NAMES[kind].items() if target == field]
    return f" (or '{names[0]}')" if names else ""


def _cell_text(cell: Cell) -> str:
    """A cell as text: texts stripped, numbers as the decimal the cell shows, dates in ISO."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, int | float):
        return decimal_text(float(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date | datetime.time):
        return cell.isoformat()
    return str(cell)


def _field_text(field: str, cell: Cell, kind: ImportKind) -> str:
    """A cell as the text of `field`: dates and amounts written the French way are read."""
    text = _cell_text(cell)
    if field == "date" and isinstance(cell, str):
        return normalise_date_text(text)
    if field == AMOUNT_FIELDS[kind] and isinstance(cell, str):
        return normalise_amount_text(text)
    return text
