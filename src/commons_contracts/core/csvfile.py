"""Every CSV file the tool writes, written one way: safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
LibreOffice Calc and Excel, so a party named `=HYPERLINK("http://evil.example", "click")` would
run in the treasurer's spreadsheet (OWASP, "CSV injection"). Such a cell is written with a
leading apostrophe, which spreadsheets show as text; a number, negative ones included, is
written as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def safe_cell(value: str) -> str:
    """`value` as a spreadsheet will show it, never as a formula it would run."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    """A CSV document: the header, then the rows, every cell made safe, `\\n` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", delimiter=delimiter)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
