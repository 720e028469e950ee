"""The command line: exact output and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

import turaz_data
from turaz_data.cli import main
from turaz_data.tables.storage import descriptor, table_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tables_lists_every_table_with_its_row_count(capsys):
    code, out, err = run(capsys, "tables")
    assert code == 0 and err == ""
    lines = out.splitlines()
    resources = descriptor()["resources"]
    assert len(lines) == 1 + len(resources)
    assert lines[0].split() == ["table", "rows", "title"]
    for line, res in zip(lines[1:], resources):
        n = table_path(res["name"]).read_text(encoding="utf-8").count("\n") - 1
        assert line.split(None, 2) == [res["name"], str(n), res["title"]]


def test_show_csv_prints_header_and_rows(capsys):
    code, out, err = run(capsys, "show", "actors", "--format", "csv", "--rows", "2")
    assert code == 0
    expected = table_path("actors").read_text(encoding="utf-8").splitlines()[:3]
    assert out.splitlines() == expected


def test_show_table_describes_columns(capsys):
    code, out, err = run(capsys, "show", "agreements", "--rows", "3")
    assert code == 0
    assert out.startswith("Agreements (agreements): ")
    assert "  title_tr           string   optional Title as printed in the article (Turkish)" in out


def test_show_unknown_table_exit_2(capsys):
    code, out, err = run(capsys, "show", "treaties")
    assert (code, out) == (2, "")
    assert err == (
        "turaz-data show: error: No table named 'treaties'. The tables are: footnotes, works, citations, "
        "actors, events, agreements, arms_transfers, quantities, retractions (see turaz_data.table_names()).\n"
    )


def test_no_command_prints_help_exit_2(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out.startswith("usage: turaz-data")


def test_bad_option_exit_2(capsys):
    code, out, err = run(capsys, "show", "events", "--rows", "many")
    assert code == 2 and "invalid int value: 'many'" in err


def test_cite_matches_api(capsys):
    assert run(capsys, "cite") == (0, turaz_data.cite(), "")
    assert run(capsys, "cite", "--format", "bibtex") == (0, turaz_data.cite("bibtex"), "")


@pytest.mark.parametrize("argv", [["-m", "turaz_data", "--version"]])
def test_module_entry_point(argv):
    out = subprocess.run([sys.executable, *argv], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == f"turaz-data {turaz_data.__version__}\n"


def test_every_command_has_help_with_an_example():
    from turaz_data.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert sub.choices
    for name, p in sub.choices.items():
        assert p.description, name
        assert "example" in (p.epilog or ""), f"command {name} has no example in its help"
