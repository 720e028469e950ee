"""The ``turaz-data`` command line (also ``python -m turaz_data``): the parser, the
commands ``tables``, ``show`` and ``cite``, and the dispatch that turns every error into
one sentence on stderr and an exit code (see :data:`turaz_data.cli.options.EXIT_CODES`).

argparse, not click: it is in the standard library (no dependency to install or pin),
``turaz-data --help`` imports nothing but this package's light modules, and the
parser is plain data that ``docs/cli.md`` is generated from.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence

from turaz_data import __version__
from turaz_data.cli import options as o
from turaz_data.cli.options import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, CLIError  # noqa: F401

DESCRIPTION = "Citation-checked tables on Türkiye-Azerbaijan military relations, 1918-2023."

EPILOG = """examples:
  turaz-data tables
  turaz-data show --table agreements --rows 5
  turaz-data verify --article article.txt
  turaz-data validate my-events.csv --table events
  turaz-data cite --format bibtex
  turaz-data export --format sqlite --output turaz.sqlite

Every command that reads the tables takes --package PATH (another copy of them); every
command that reports takes --format text|json; --article defaults to $TURAZ_ARTICLE.

exit codes (every command):
""" + o.exit_codes_text()

#: The exit codes in one line, in every command's help (in full: ``turaz-data --help``).
EXIT_LINE = ("exit codes: " + ", ".join(f"{code} {meaning.split(':')[0].split(' (')[0]}" for code, meaning in o.EXIT_CODES)
             + " (see 'turaz-data --help').")

#: The widest help text (columns); narrower terminals get narrower help.
HELP_WIDTH = 100


class _Formatter(argparse.HelpFormatter):
    """Wraps prose paragraphs; keeps paragraphs with indented lines (examples, tables) as written;
    writes every option as ``--table NAME, -t NAME`` whatever the Python version (3.13 changed
    it), so docs/cli.md is the same on every supported Python."""

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        args = self._format_args(action, self._get_default_metavar_for_optional(action))
        return ", ".join(f"{option} {args}" for option in action.option_strings)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for para in text.split("\n\n"):
            if any(line.startswith(" ") for line in para.splitlines()):
                out.append("\n".join(indent + line for line in para.splitlines()))
            else:
                out.append(textwrap.fill(" ".join(para.split()), width, initial_indent=indent,
                                         subsequent_indent=indent, break_on_hyphens=False))
        return "\n\n".join(out) + "\n"


def _formatter(width: int | None):
    if width is None:
        width = min(HELP_WIDTH, shutil.get_terminal_size().columns) - 2

    def make(prog: str) -> argparse.HelpFormatter:
        return _Formatter(prog, width=width, max_help_position=30)

    return make


# --------------------------------------------------------------------------- tables, show, cite


def _row_count(name: str, package) -> int:
    from turaz_data.tables.storage import table_path

    return table_path(name, package).read_text(encoding="utf-8").count("\n") - 1


def _cmd_tables(args) -> int:
    from turaz_data.tables.storage import descriptor

    package = o.package_arg(args)
    rows = [(r["name"], _row_count(r["name"], package), r["title"]) for r in descriptor(package)["resources"]]
    if args.format == "json":
        o.print_json([{"name": n, "rows": k, "title": t} for n, k, t in rows])
        return EXIT_OK
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(str(r[1])) for r in rows)
    print(f"{'table':<{w0}}  {'rows':>{w1}}  title")
    for name, n, title in rows:
        print(f"{name:<{w0}}  {n:>{w1}}  {title}")
    return EXIT_OK


def _show_fields(res: dict) -> list[dict]:
    return [{"name": f["name"], "type": f["type"], "required": bool(f.get("constraints", {}).get("required")),
             "description": f["description"]} for f in res["schema"]["fields"]]


def _cmd_show(args) -> int:
    from turaz_data.tables.storage import read_rows, resource, table_path

    package = o.package_arg(args)
    name = o.table_arg(args)
    res = resource(name, package)
    if args.rows is not None and args.rows < 0:
        raise CLIError(f"--rows must be 0 or more, not {args.rows}")
    if args.format == "csv":
        lines = table_path(name, package).read_text(encoding="utf-8").splitlines()
        body = lines[1:] if args.rows is None else lines[1 : 1 + args.rows]
        sys.stdout.write("\n".join([lines[0], *body]) + "\n")
        return EXIT_OK
    n = 10 if args.rows is None else args.rows
    if args.format == "json":
        o.print_json({"table": name, "title": res["title"], "description": res["description"],
                      "fields": _show_fields(res), "rows": read_rows(name, package)[:n]})
        return EXIT_OK
    print(f"{res['title']} ({name}): {res['description']}\n")
    for f in _show_fields(res):
        req = "required" if f["required"] else "optional"
        print(f"  {f['name']:<18} {f['type']:<8} {req:<8} {f['description']}")
    import pandas as pd

    from turaz_data.tables.storage import load_frame

    df = load_frame(name, package)
    df = df[[f["name"] for f in res["schema"]["fields"]]]
    with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
        print()
        print(df.head(n).to_string())
    return EXIT_OK


def _cmd_cite(args) -> int:
    from turaz_data.publish.citing import cite

    sys.stdout.write(cite(args.format))
    return EXIT_OK


def _register(sub, add) -> None:
    sp = add("tables", _cmd_tables, "List the tables with their row counts and titles.",
             "turaz-data tables --format json")
    o.add_package(sp)
    o.add_format(sp)

    sp = add("show", _cmd_show, "Describe a table's columns and print its first rows.",
             "turaz-data show --table events --rows 5")
    o.add_table(sp)
    o.add_package(sp)
    sp.add_argument("--rows", type=int, default=None, metavar="N",
                    help="how many rows to print (default 10; all with --format csv)")
    o.add_format(sp, ("text", "json", "csv"),
                 "'text' (default: columns, then rows), 'json' (columns and rows) or 'csv' (the raw file)")

    sp = add("cite", _cmd_cite, "Print how to cite the dataset and the article.", "turaz-data cite --format bibtex")
    o.add_format(sp, ("text", "bibtex", "cff", "csl-json"),
                 "'text' (default), 'bibtex', 'cff' (CITATION.cff) or 'csl-json'")


# --------------------------------------------------------------------------- the parser


def build_parser(width: int | None = None) -> argparse.ArgumentParser:
    """The parser of every command. ``width`` fixes the help's width (docs/cli.md uses
    :data:`HELP_WIDTH`); by default it follows the terminal, at most :data:`HELP_WIDTH`."""
    fmt = _formatter(width)
    p = argparse.ArgumentParser(prog="turaz-data", description=DESCRIPTION, epilog=EPILOG, formatter_class=fmt)
    p.add_argument("--version", action="version", version=f"turaz-data {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable, help: str, example: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help, formatter_class=fmt,
                            epilog=f"{EXIT_LINE}\n\nexample:\n  {example}")
        sp.set_defaults(func=func)
        return sp

    for register in _command_modules():
        register(sub, add)
    return p


def _command_modules() -> list[Callable]:
    """The commands, in the order ``--help`` lists them: each module has ``register(sub, add)``."""
    from turaz_data.cli import contrib as cli_contrib
    from turaz_data.cli import export as cli_export
    from turaz_data.cli import plot as cli_plot
    from turaz_data.cli import verify as cli_verify

    return [_register, cli_verify.register, cli_contrib.register, cli_export.register, cli_plot.register]


def _run(args) -> int:
    from turaz_data.errors import TurazError, TurazValidationError

    try:
        return args.func(args)
    except BrokenPipeError:
        raise
    except CLIError as e:
        print(f"turaz-data {args.command}: error: {e}", file=sys.stderr)
        return e.code
    except TurazValidationError as e:
        print(f"turaz-data {args.command}: invalid: {e}", file=sys.stderr)
        return o.EXIT_INVALID
    except (TurazError, OSError) as e:
        print(f"turaz-data {args.command}: error: {e}", file=sys.stderr)
        return o.EXIT_UNREADABLE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (see :data:`turaz_data.cli.options.EXIT_CODES`)."""
    argv = o.rewrite_deprecated(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed usage and its message (or --help, --version)
        return EXIT_OK if e.code == 0 else EXIT_UNREADABLE
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return _run(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return o.EXIT_INTERRUPTED
    except Exception as e:  # noqa: BLE001 -- a bug: say so plainly, without a traceback
        print(f"turaz-data {args.command}: internal error: {type(e).__name__}: {e}\n"
              "This is a bug in turaz-data; please report it with the command you ran.", file=sys.stderr)
        return o.EXIT_INTERNAL


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser of each command, by name, in the order ``--help`` lists them."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def reference() -> str:
    """docs/cli.md: the help of ``turaz-data`` and of every command, at :data:`HELP_WIDTH`
    columns whatever the terminal (generated by scripts/generate.py, checked for drift)."""
    parser = build_parser(width=HELP_WIDTH)
    out = ["<!-- Generated from turaz_data/cli/ by scripts/generate.py: do not edit. -->", "",
           "# Command line reference", "",
           "The help that `turaz-data --help` and `turaz-data COMMAND --help` print. The options shared",
           "by several commands (`--table`, `--package`, `--format`, `--article`, `--max-problems`) and the",
           "exit codes are defined once, in `turaz_data/cli/options.py`.", "",
           "## turaz-data", "", "```text", parser.format_help().rstrip(), "```"]
    for name, sp in subcommands(parser).items():
        out += ["", f"## turaz-data {name}", "", "```text", sp.format_help().rstrip(), "```"]
    return "\n".join(out) + "\n"
