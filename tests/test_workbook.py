"""Spreadsheets (issue 16): the xlsx template, workbooks read as text, add --dry-run."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from turaz_data.cli import main

from ._contrib_support import EVENTS, example_row, header, make_package, to_csv

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def pkg(tmp_path):
    return make_package(tmp_path / "pkg")


def _cells(table: str, row: dict) -> list[str]:
    import csv
    import io

    return next(csv.reader(io.StringIO(to_csv(table, [row]).decode().splitlines()[1])))


def test_template_xlsx_is_deterministic_with_codes_and_lists(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["template", "--table", "events", "--format", "xlsx", "--output", "a.xlsx"]) == 0
    assert main(["template", "--table", "events", "--format", "xlsx", "--output", "b.xlsx"]) == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["events", "codes"]
    ws = wb["events"]
    assert [c.value for c in ws[1]] == header("events")
    assert ws["A2"].value and ws["B3"].number_format == "@"
    codes = [(r[0], r[1]) for r in wb["codes"].iter_rows(min_row=2, values_only=True)]
    assert ("category", "exercise") in codes and ("support", "sentence") in codes
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    col = openpyxl.utils.get_column_letter(header("events").index("category") + 1)
    first = 2 + codes.index(("category", codes[[c for c, _ in codes].index("category")][1]))
    assert lists[f"{col}2:{col}1001"].startswith(f"codes!$B${first}:")
    assert wb.properties.created == dt.datetime(2000, 1, 1)


def test_template_xlsx_needs_output(capsys):
    assert main(["template", "--table", "events", "--format", "xlsx"]) == 2
    assert "--output FILE.xlsx" in capsys.readouterr().err


def _workbook(path, rows, sheet="events", first=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if first is not None:
        ws.title = first
        ws.append(["not", "this", "sheet"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_workbook_cells_read_as_typed(pkg, tmp_path, capsys):
    row = _cells("events", example_row("events", 1))
    h = header("events")
    typed = list(row)
    typed[h.index("footnote")] = int(row[h.index("footnote")])  # Excel stores 18 as a number
    _workbook(tmp_path / "rows.xlsx", [h, typed], first="notes")
    assert main(["validate", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg),
                 "--sheet", "events"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'rows.xlsx'}: valid: 1 row of table 'events'\n"
    # the first sheet by default: not the rows
    assert main(["validate", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg)]) == 1
    assert main(["validate", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg),
                 "--sheet", "nope"]) == 2
    assert "has no sheet 'nope'; its sheets: 'notes', 'events'" in capsys.readouterr().err


def test_a_date_cell_is_reported_on_its_sheet_row(pkg, tmp_path, capsys):
    h = header("events")
    row = _cells("events", example_row("events", 1))
    dated = list(row)
    dated[h.index("date")] = dt.datetime(1995, 3, 1)  # Excel turned '1995-03' into a day
    _workbook(tmp_path / "events.xlsx", [h, _cells("events", example_row("events", 2)), [], dated])
    # --table from the file name
    assert main(["validate", str(tmp_path / "events.xlsx"), "--package", str(pkg)]) == 1
    col = openpyxl.utils.get_column_letter(h.index("date") + 1)
    assert capsys.readouterr().out == (
        f"line 4, column 'date': value '1995-03-01' [excel_date] cell {col}4 is stored by Excel as a date or time, "
        "so what was typed cannot be read back. Fix: format the column as Text (Format Cells > Text) and type the "
        "value again as the codebook writes it (e.g. 1995-03 or 1995-03-10)\n"
        f"{tmp_path / 'events.xlsx'}: invalid: 1 problem in 2 rows of table 'events'\n")


def test_not_a_workbook_is_refused_with_a_fix(pkg, tmp_path, capsys):
    (tmp_path / "x.xlsx").write_bytes(b"id,footnote\n")
    assert main(["validate", str(tmp_path / "x.xlsx"), "--table", "events", "--package", str(pkg)]) == 2
    assert "cannot be read as an .xlsx workbook" in capsys.readouterr().err


def test_table_needs_a_name_when_the_file_is_not_named_after_one(pkg, tmp_path, capsys):
    (tmp_path / "mine.csv").write_bytes(to_csv("events", [example_row("events", 1)]))
    assert main(["validate", str(tmp_path / "mine.csv"), "--package", str(pkg)]) == 2
    assert "say which table the rows belong to: --table NAME" in capsys.readouterr().err


def test_add_dry_run_changes_nothing(pkg, tmp_path, capsys):
    table = pkg.parent / "tables" / "events.csv"
    existing = example_row("events", 0)
    existing["id"] = min(EVENTS)
    changed = {**existing, "place": "Ganja", "description": "Told again."}
    new = example_row("events", 7)
    f = tmp_path / "rows.csv"
    f.write_bytes(to_csv("events", [changed, new]))
    before, stat = table.read_bytes(), os.stat(table)
    argv = ["add", str(f), "--table", "events", "--package", str(pkg), "--replace", "--dry-run"]
    assert main(argv) == 0
    assert capsys.readouterr().out == (
        f"dry run: 1 row(s) would be added to {table}, 1 replaced; nothing was written\n"
        "  add row-7\n"
        f"  replace {existing['id']}\n"
        + "".join(sorted([f"    description: {existing['description']!r} -> 'Told again.'\n",
                          f"    place: {existing['place'] or ''!r} -> 'Ganja'\n"],
                         key=lambda line: header("events").index(line.split(":")[0].strip()))))
    after = os.stat(table)
    assert table.read_bytes() == before and after.st_mtime_ns == stat.st_mtime_ns
    assert not (pkg.parent / ".turaz-add.lock").exists()  # a dry run takes no lock
    # without --replace the existing key is a problem, and still nothing is written
    assert main(argv[:-2] + ["--dry-run"]) == 1
    assert "dry run: the file is invalid; add would write nothing" in capsys.readouterr().out
    assert table.read_bytes() == before and os.stat(table).st_mtime_ns == stat.st_mtime_ns


def test_add_from_a_workbook(pkg, tmp_path, capsys):
    _workbook(tmp_path / "rows.xlsx", [header("events"), _cells("events", example_row("events", 5))])
    assert main(["add", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg)]) == 0
    assert "1 row(s) added, 0 replaced; written" in capsys.readouterr().out
    assert b"row-5," in (pkg.parent / "tables" / "events.csv").read_bytes()


def test_a_workbook_saved_as_csv_is_read_as_a_workbook(pkg, tmp_path, capsys):
    _workbook(tmp_path / "rows.csv", [header("events"), _cells("events", example_row("events", 5))])
    assert main(["validate", str(tmp_path / "rows.csv"), "--table", "events", "--package", str(pkg)]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'rows.csv'}: valid: 1 row of table 'events'\n"


def test_openpyxl_missing_gives_the_install_hint(pkg, tmp_path, monkeypatch, capsys):
    import sys

    _workbook(tmp_path / "rows.xlsx", [header("events")])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl raises ImportError
    assert main(["validate", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg)]) == 2
    assert capsys.readouterr().err == ("turaz-data validate: error: reading .xlsx workbooks needs openpyxl: "
                                       "pip install 'turaz-data[export]'\n")


# Characters a workbook can hold: openpyxl refuses the C0 controls but tab, LF and CR, and a
# CR comes back as LF (XML reads every line end as LF; Excel writes a line break as LF).
_CELL_TEXT = __import__("hypothesis").strategies.text(
    __import__("hypothesis").strategies.characters(
        exclude_categories=("Cs",), exclude_characters=[chr(c) for c in range(32) if c not in (9, 10)]),
    max_size=12)


def _sheet_rows():
    from hypothesis import strategies as st

    # Excel keeps 15 significant digits of a number (and openpyxl writes no more)
    number = st.floats(allow_nan=False, allow_infinity=False).map(lambda f: float(f"{f:.15g}")).filter(
        lambda f: abs(f) < float("inf"))
    cell = st.one_of(_CELL_TEXT, st.integers(-10**12, 10**12), number, st.none())
    return st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=6)


def test_workbook_cells_come_back_as_typed_on_their_sheet_rows(tmp_path_factory):
    """Property: every text cell comes back unchanged, every number as a decimal text that
    reads back as the same number, and every row on the line of its sheet row."""
    import csv
    import io

    from hypothesis import given, settings

    from turaz_data.contrib.inputs import read_workbook

    @settings(deadline=None)  # the number of examples: the Hypothesis profile (tests/conftest.py)
    @given(_sheet_rows())
    def check(rows):
        path = tmp_path_factory.mktemp("wb") / "t.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        header = ["a", "b", "c", "d"]
        ws.append(header)
        for r in rows:
            ws.append(r)
        wb.save(path)
        inp = read_workbook(path, "events")
        assert not inp.problems
        text = inp.source.decode("utf-8")
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader)
        got, last = [], reader.line_num
        for cells in reader:
            got.append((inp.line(last + 1), cells))
            last = reader.line_num
        want = [(n, r) for n, r in enumerate(rows, start=2) if any(c is not None and c != "" for c in r)]
        assert [n for n, _ in got] == [n for n, _ in want]
        for (_, cells), (_, typed) in zip(got, want, strict=False):
            for value, typed_value in zip(cells, typed + [None] * 4, strict=False):
                if typed_value is None:
                    assert value == ""
                elif isinstance(typed_value, str):
                    assert value == typed_value
                else:
                    assert float(value) == float(typed_value)

    check()


def test_add_refuses_a_workbook_with_a_date_cell(pkg, tmp_path, capsys):
    h = header("events")
    dated = _cells("events", example_row("events", 6))
    dated[h.index("date")] = dt.datetime(1995, 3, 1)
    _workbook(tmp_path / "rows.xlsx", [h, dated])
    table = pkg.parent / "tables" / "events.csv"
    before = table.read_bytes()
    assert main(["add", str(tmp_path / "rows.xlsx"), "--table", "events", "--package", str(pkg)]) == 1
    cap = capsys.readouterr()
    assert "[excel_date]" in cap.out and cap.err == "nothing was written\n"
    assert table.read_bytes() == before
