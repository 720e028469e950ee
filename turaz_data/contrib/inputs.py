"""Contributed files as the checkers read them: a CSV file as it is, or an ``.xlsx``
workbook read cell by cell as text (see "Spreadsheets" in docs/contributing.md).

A workbook is turned into CSV text in memory, one CSV line per non-empty sheet row, and
the lines of every problem found in it are mapped back to the sheet's row numbers. Cells
are read as the text the contributor typed:

- a text cell is read as it is;
- a number cell (Excel stores 1995 or 4.8 typed in a General column as a number) is read
  as its shortest decimal text ("1995", "4.8"), which is what was typed;
- a date or time cell cannot be read back as typed (Excel turns "1995-03" into the 1st of
  March 1995 and "10.03.1995" into a day whose printed form depends on the computer), so
  it is a problem of its own (rule ``excel_date``): format the column as Text and type
  the value again. The workbook of ``turaz-data template --format xlsx`` has every column
  formatted as Text, so this does not happen there;
- a formula is read as its text ("=A1") and refused by the text rule like any formula.

Standard library only at import; openpyxl (the ``export`` extra) is imported when a
workbook is read.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from turaz_data.errors import Problem, TurazError

#: File name endings read as workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: The largest workbook read (it is read into memory; a table's rows are far smaller).
MAX_WORKBOOK_BYTES = 256 * 1024 * 1024
#: The hint printed when openpyxl is missing.
OPENPYXL_HINT = "reading .xlsx workbooks needs openpyxl: pip install 'turaz-data[export]'"


class InputError(TurazError):
    """A workbook cannot be read (openpyxl missing, not a workbook, no such sheet)."""


@dataclass
class Input:
    """One contributed file ready for :func:`turaz_data.contrib.engine.validate_file`.

    ``source`` is what the checker reads (the path of a CSV file, or CSV bytes in memory
    for a workbook); ``label`` names the file in reports; ``lines`` maps a CSV line of
    ``source`` to the sheet row it came from (None: the same line); ``problems`` are the
    cells the workbook stores in a way that cannot be read as text.
    """

    label: str
    source: object
    sheet: str | None = None
    lines: dict[int, int] | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_workbook(self) -> bool:
        return self.sheet is not None

    def line(self, line: int | None) -> int | None:
        """The line (or sheet row) of the contributor's file for a CSV line of ``source``."""
        if line is None or self.lines is None:
            return line
        return self.lines.get(line, line)

    def fix_report(self, report):
        """``report`` with its lines mapped to sheet rows and the workbook's own problems
        added (in line order); the same report object."""
        if self.lines is None:
            return report
        from dataclasses import replace

        def moved(p: Problem) -> Problem:
            return replace(p, line=self.line(p.line))

        report.problems = [moved(p) for p in report.problems]
        report.notices = [moved(p) for p in report.notices]
        if report.fatal is not None:
            report.fatal = moved(report.fatal)
        if self.problems:
            report.problems.extend(self.problems)
            report.problems.sort(key=lambda p: (p.line or 0, p.column or "", p.rule))
            report.problems_total += len(self.problems)
            report.collected = None
        report.file = self.label
        return report

    def open(self):
        """A fresh binary file object (workbook) or the path (CSV) for the checker."""
        return io.BytesIO(self.source) if isinstance(self.source, bytes) else self.source

    def raw_rows(self) -> list[tuple[int, dict[str, str]]]:
        """(line or sheet row, {column: text as typed}) of every data row, for display."""
        if isinstance(self.source, bytes):
            text = self.source.decode("utf-8")
        else:
            text = Path(self.source).read_bytes().decode("utf-8-sig", errors="replace")
        reader = csv.reader(io.StringIO(text, newline=""))
        header: list[str] | None = None
        out = []
        last = 0
        for cells in reader:
            line, last = last + 1, reader.line_num
            if not cells or cells[0].startswith("#"):
                continue
            if header is None:
                header = [c.strip().lstrip("\ufeff") for c in cells]
                continue
            out.append((self.line(line), dict(zip(header, cells, strict=False))))
        return out


def is_workbook(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an .xlsx workbook: by its name, or (a workbook saved under another
    name) by its content, a zip holding ``xl/workbook.xml``. Only a regular file is opened."""
    if str(path).lower().endswith(WORKBOOK_SUFFIXES):
        return True
    import stat
    import zipfile

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def open_contribution(path: str | os.PathLike, table: str, sheet: str | None = None) -> Input:
    """The contributed file at ``path``: a workbook (by its name ending) or a CSV file."""
    if not is_workbook(path):
        if sheet is not None:
            raise InputError(f"--sheet is for .xlsx workbooks; {path} is read as CSV")
        return Input(label=str(path), source=path)
    return read_workbook(path, table, sheet)


def cell_text(value) -> str | None:
    """The text of a cell value as typed, or None when Excel stored a date or time."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        return None
    return str(value)


def _typed_as(value) -> str:
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        return value.date().isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def read_workbook(path: str | os.PathLike, table: str, sheet: str | None = None) -> Input:
    """Read the first sheet (or ``sheet``) of the workbook at ``path`` as CSV text."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(OPENPYXL_HINT) from None
    import stat
    from zipfile import BadZipFile

    label = str(path)
    try:
        st = os.stat(path)
    except OSError as e:
        raise InputError(f"cannot open {label}: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{label} is not a regular file; give the path of the workbook itself")
    if st.st_size > MAX_WORKBOOK_BYTES:
        raise InputError(f"{label} is {st.st_size / 2**20:,.0f} MB, over the {MAX_WORKBOOK_BYTES // 2**20} MB a "
                         "workbook may have; split the rows over several workbooks")
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with open(path, "rb") as fh:  # a file object: openpyxl does not go by the name's ending
            data = fh.read()
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        raise InputError(f"{label} cannot be read as an .xlsx workbook ({e}); save it again from the "
                         "spreadsheet as 'Excel Workbook (.xlsx)', or as CSV UTF-8") from None
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb[names[0]]
            sheet = names[0]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise InputError(f"{label} has no sheet {sheet!r}; its sheets: {', '.join(map(repr, names))}")
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\n")
        lines: dict[int, int] = {}
        problems: list[Problem] = []
        header: list[str] = []
        csv_line = 0
        data_row = 0
        for sheet_row, row in enumerate(ws.iter_rows(values_only=True), start=1):
            values = list(row)
            while values and (values[-1] is None or values[-1] == ""):
                values.pop()
            if not values:
                continue  # an empty sheet row is skipped (its number is kept by the others)
            texts = []
            for col, value in enumerate(values):
                text = cell_text(value)
                if text is None:
                    name = header[col] if col < len(header) else None
                    problems.append(Problem(
                        table=table, row=data_row + 1 if header else None, column=name, value=_typed_as(value),
                        rule="excel_date", line=sheet_row,
                        message=f"cell {_cell_name(col, sheet_row)} is stored by Excel as a date or time, "
                                "so what was typed cannot be read back",
                        hint="format the column as Text (Format Cells > Text) and type the value again "
                             "as the codebook writes it (e.g. 1995-03 or 1995-03-10)"))
                    text = _typed_as(value)
                texts.append(text)
            if not header:
                header = [t.strip() for t in texts]
            else:
                # trailing empty cells of a row are not stored: the row has the header's width
                texts += [""] * (len(header) - len(texts))
                if not texts[0].startswith("#"):
                    data_row += 1
            w.writerow(texts)
            csv_line += 1 + sum(t.count("\n") for t in texts)
            lines[csv_line - sum(t.count("\n") for t in texts)] = sheet_row
        data = buf.getvalue().encode("utf-8")
    finally:
        wb.close()
    return Input(label=label, source=data, sheet=sheet, lines=lines, problems=problems)


def _cell_name(col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


__all__ = ["Input", "InputError", "cell_text", "is_workbook", "open_contribution", "read_workbook"]
