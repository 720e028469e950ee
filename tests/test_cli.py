"""The command line: exact output and exit codes."""

from __future__ import annotations

import importlib
import json
import shlex
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
    code, out, err = run(capsys, "show", "--table", "actors", "--format", "csv", "--rows", "2")
    assert code == 0
    expected = table_path("actors").read_text(encoding="utf-8").splitlines()[:3]
    assert out.splitlines() == expected


def test_show_table_describes_columns(capsys):
    code, out, err = run(capsys, "show", "--table", "agreements", "--rows", "3")
    assert code == 0
    assert out.startswith("Agreements (agreements): ")
    assert "  title_tr           string   optional Title as printed in the article (Turkish)" in out


def test_show_unknown_table_exit_2(capsys):
    code, out, err = run(capsys, "show", "--table", "treaties")
    assert (code, out) == (2, "")
    assert err == (
        "turaz-data show: error: No table named 'treaties'. The tables are: footnotes, works, citations, "
        "actors, events, agreements, arms_transfers, quantities, retractions (see turaz_data.table_names()).\n"
    )


def test_no_command_prints_help_exit_2(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out.startswith("usage: turaz-data")


def test_bad_option_exit_2(capsys):
    code, out, err = run(capsys, "show", "--table", "events", "--rows", "many")
    assert code == 2 and "invalid int value: 'many'" in err


def test_cite_matches_api(capsys):
    assert run(capsys, "cite") == (0, turaz_data.cite(), "")
    assert run(capsys, "cite", "--format", "bibtex") == (0, turaz_data.cite("bibtex"), "")


@pytest.mark.parametrize("argv", [["-m", "turaz_data", "--version"]])
def test_module_entry_point(argv):
    out = subprocess.run([sys.executable, *argv], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == f"turaz-data {turaz_data.__version__}\n"


# --------------------------------------------------------------------------- one command line


def commands() -> dict:
    from turaz_data.cli.main import build_parser, subcommands

    return subcommands(build_parser(width=100))


def option_strings(parser) -> dict[str, object]:
    return {s: a for a in parser._actions for s in a.option_strings}


def test_every_command_help_ends_with_an_example_that_parses():
    from turaz_data.cli.main import build_parser

    assert commands()
    for name, p in commands().items():
        assert p.description, name
        help_text = p.format_help().rstrip()
        *_, head, example = help_text.splitlines()
        assert head == "example:", f"the help of {name} does not end with an example"
        argv = shlex.split(example.strip().split(">")[0])
        assert argv[:2] == ["turaz-data", name]
        args = build_parser().parse_args(argv[1:])  # the example is a valid command line
        assert args.command == name


TABLE_COMMANDS = {"show", "template", "validate", "add"}
PACKAGE_COMMANDS = {"tables", "show", "verify", "validate", "add", "export", "plot"}
REPORT_COMMANDS = {"tables", "show", "verify", "validate", "add"}


def test_the_table_is_given_the_same_way_everywhere():
    for name, p in commands().items():
        opts = option_strings(p)
        positional = [a.dest for a in p._actions if not a.option_strings]
        assert "name" not in positional and "table" not in positional, name
        if name in TABLE_COMMANDS:
            assert opts["--table"].required and opts["-t"] is opts["--table"], name
            assert opts["--table"].metavar == "NAME"
        else:
            assert "--table" not in opts, name


def test_shared_options_are_the_same_everywhere():
    def same(action):
        return (action.option_strings, action.metavar, action.default, action.required)

    ref = {}
    for name, p in commands().items():
        opts = option_strings(p)
        assert ("--package" in opts) == (name in PACKAGE_COMMANDS), name
        if name in REPORT_COMMANDS:
            assert opts["--format"].default == "text" and {"text", "json"} <= set(opts["--format"].choices), name
        for flag in ("--package", "--article", "--table", "--max-problems"):
            if flag in opts:
                assert same(opts[flag]) == ref.setdefault(flag, same(opts[flag])), (name, flag)
    assert set(ref) == {"--package", "--article", "--table", "--max-problems"}


def test_main_help_lists_every_exit_code(capsys):
    from turaz_data.cli.options import EXIT_CODES

    code, out, _ = run(capsys, "--help")
    assert code == 0
    section = out.split("exit codes (every command):\n")[1].splitlines()
    assert [int(line.split()[0]) for line in section] == [0, 1, 2, 3, 130]
    assert [line.split(None, 1)[1] for line in section] == [m for _, m in EXIT_CODES]


def test_old_positional_table_still_works_with_a_warning(capsys):
    code, out, err = run(capsys, "show", "actors", "--format", "csv", "--rows", "1")
    assert (code, err) == (0, ("turaz-data show: warning: 'turaz-data show NAME' is deprecated; "
                               "use 'turaz-data show --table NAME'\n"))
    assert out.splitlines() == table_path("actors").read_text(encoding="utf-8").splitlines()[:2]
    code, out2, err = run(capsys, "show", "--table", "actors", "--format", "table", "--rows", "1")
    assert code == 0 and err == "turaz-data show: warning: '--format table' is deprecated; use '--format text'\n"
    assert out2.startswith("Actors (actors): ")


def test_missing_table_is_misuse_exit_2(capsys):
    code, out, err = run(capsys, "template")
    assert (code, out) == (2, "")
    assert err.endswith("turaz-data template: error: the following arguments are required: --table/-t\n")


def test_tables_json(capsys):
    code, out, err = run(capsys, "tables", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(d["name"], d["title"]) for d in data] == [(r["name"], r["title"]) for r in descriptor()["resources"]]
    assert data == [{"name": d["name"], "rows": len(turaz_data.load(d["name"])), "title": d["title"]} for d in data]


def test_show_json_and_package(capsys, package_copy):
    from turaz_data.tables.storage import read_rows

    csv_path = package_copy.parent / "tables" / "actors.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    csv_path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # two rows in the copy
    code, out, err = run(capsys, "show", "--table", "actors", "--format", "json", "--package", str(package_copy))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["table"] == "actors" and data["rows"] == read_rows("actors", package_copy)
    assert len(data["rows"]) == 2
    assert [f["name"] for f in data["fields"]] == [f["name"] for f in descriptor()["resources"][3]["schema"]["fields"]]
    code, out, err = run(capsys, "tables", "--package", str(package_copy))
    assert code == 0 and ["actors", "2", "Actors"] in [line.split() for line in out.splitlines()]


def test_bad_package_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, "tables", "--package", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"turaz-data tables: error: No datapackage.json at {tmp_path / 'datapackage.json'}.\n"


def test_article_defaults_to_the_environment(capsys, monkeypatch, tmp_path):
    from turaz_data.contrib.add import template

    monkeypatch.setenv("TURAZ_ARTICLE", str(tmp_path / "missing.txt"))
    f = tmp_path / "rows.csv"
    f.write_text(template("events"), encoding="utf-8")
    for argv in (["verify"], ["validate", str(f), "--table", "events"], ["add", str(f), "--table", "events"]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert err == f"turaz-data {argv[0]}: error: article not found: {tmp_path / 'missing.txt'}\n"


def test_errors_of_the_package_are_turaz_errors():
    from turaz_data.cli.options import CLIError
    from turaz_data.contrib.engine import ContribError
    from turaz_data.errors import TurazError
    from turaz_data.source.article import ArticleError
    from turaz_data.source.verify import InputError

    for cls in (CLIError, ContribError, ArticleError, InputError):
        assert issubclass(cls, TurazError), cls


@pytest.mark.parametrize("exc,code,message", [
    (RuntimeError("boom"), 3, ("turaz-data tables: internal error: RuntimeError: boom\n"
                               "This is a bug in turaz-data; please report it with the command you ran.\n")),
    (KeyboardInterrupt(), 130, "interrupted\n"),
    (PermissionError(13, "Permission denied", "x.csv"), 2,
     "turaz-data tables: error: [Errno 13] Permission denied: 'x.csv'\n"),
])
def test_exit_codes_of_errors(capsys, monkeypatch, exc, code, message):
    cli_main = importlib.import_module("turaz_data.cli.main")

    def fail(args):
        raise exc

    monkeypatch.setattr(cli_main, "_cmd_tables", fail)
    assert run(capsys, "tables") == (code, "", message)


def test_invalid_report_exit_1_and_json_shape(capsys, tmp_path, package_copy):
    f = tmp_path / "bad.csv"
    f.write_text("actor_id,name_en\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(f), "--table", "actors", "--format", "json",
                         "--package", str(package_copy))
    data = json.loads(out)
    assert code == data["exit_code"] and data["valid"] is False
    assert "ok" not in data


def test_readme_lists_the_exit_codes_as_defined():
    from pathlib import Path

    from turaz_data.cli.options import EXIT_CODES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| code | meaning |\n|---|---|\n")[1].split("\n\n")[0].splitlines()
    assert [tuple(c.strip() for c in line.strip("|").split("|")) for line in table] == [
        (str(code), meaning) for code, meaning in EXIT_CODES]
