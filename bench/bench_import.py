"""Benchmark `declare --from` as a consultant runs it: a whole process per run, on invoice lists
of several sizes, as .xlsx, .ods and .csv (French names, French dates and amounts).

    python bench/bench_import.py --rows 1000 10000 --runs 5

Each run copies the example registry afresh (an import of the same invoices twice is refused),
then times `commons-contracts declare --from FILE --contract ...` in a subprocess, from start to
exit: reading the file, validating every row with the whole registry, writing one file per row.
Printed: the median of the runs for each size and format.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CONTRACT = "reciprocite-alice-movilab"
HEADER = ["Date", "N° de facture", "Client", "Objet", "Montant HT"]


def rows(count: int) -> list[list[object]]:
    """`count` invoices of 2026, each with its own number, amounts with cents."""
    start = datetime.date(2026, 1, 1)
    return [
        [
            start + datetime.timedelta(days=index % 365),
            f"B-{index:06d}",
            f"Client {index % 97}",
            "Accompagnement",
            float(f"{100 + index % 900}.{index % 100:02d}"),
        ]
        for index in range(count)
    ]


def write(folder: Path, count: int) -> dict[str, Path]:
    """The same invoice list as .xlsx, .ods and .csv."""
    data = rows(count)
    xlsx = folder / f"factures-{count}.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    workbook.save(xlsx)
    ods = folder / f"factures-{count}.ods"
    document = OpenDocumentSpreadsheet()
    table = Table(name="Factures")
    for row in [HEADER, *data]:
        table_row = TableRow()
        for value in row:
            if isinstance(value, float):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, datetime.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(ods))
    csv = folder / f"factures-{count}.csv"
    lines = [";".join(HEADER)]
    for day, number, client, what, amount in data:
        assert isinstance(day, datetime.date) and isinstance(amount, float)
        french = f"{amount:.2f}".replace(".", ",")
        lines.append(f"{day:%d/%m/%Y};{number};{client};{what};{french}")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"xlsx": xlsx, "ods": ods, "csv": csv}


def run_once(folder: Path, path: Path) -> float:
    """One import into a fresh copy of the example registry, timed whole-process."""
    registry = folder / "registry"
    shutil.rmtree(registry, ignore_errors=True)
    shutil.copytree(EXAMPLES, registry)
    command = Path(sys.executable).with_name("commons-contracts")
    arguments = [str(command), "declare", "-r", str(registry), "--from", str(path)]
    start = time.perf_counter()
    subprocess.run([*arguments, "--contract", CONTRACT], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in arguments.rows:
            for kind, path in write(folder, count).items():
                times = [run_once(folder, path) for _ in range(arguments.runs)]
                print(f"{count} rows, .{kind}: median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
