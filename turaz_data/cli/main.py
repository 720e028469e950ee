"""The ``turaz-data`` command line (also ``python -m turaz_data``).

Exit codes: 0 success; 1 the data or file checked is invalid (or a check failed);
2 the input cannot be read or the command is misused. Problems are reported on
stderr as sentences, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from turaz_data import __version__

from turaz_data.cli.options import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, CLIError  # noqa: F401

EPILOG = """examples:
  turaz-data tables
  turaz-data show agreements --rows 5
  turaz-data cite --format bibtex
  turaz-data export --format sqlite --output turaz.sqlite
  turaz-data plot timeline --output timeline.svg
  turaz-data serve
"""


def _cmd_tables(args) -> int:
    from turaz_data.tables.storage import descriptor

    rows = []
    for r in descriptor()["resources"]:
        from turaz_data.tables.storage import table_path

        n = table_path(r["name"]).read_text(encoding="utf-8").count("\n") - 1
        rows.append((r["name"], str(n), r["title"]))
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print(f"{'table':<{w0}}  {'rows':>{w1}}  title")
    for name, n, title in rows:
        print(f"{name:<{w0}}  {n:>{w1}}  {title}")
    return EXIT_OK


def _cmd_show(args) -> int:
    from turaz_data.tables.storage import resource, table_path
    from turaz_data.errors import UnknownTableError

    try:
        res = resource(args.name)
    except UnknownTableError as e:
        raise CLIError(str(e)) from None
    text = table_path(args.name).read_text(encoding="utf-8")
    if args.format == "csv":
        lines = text.splitlines()
        body = lines[1:] if args.rows is None else lines[1 : 1 + args.rows]
        sys.stdout.write("\n".join([lines[0], *body]) + "\n")
        return EXIT_OK
    print(f"{res['title']} ({args.name}): {res['description']}\n")
    for f in res["schema"]["fields"]:
        req = "required" if f.get("constraints", {}).get("required") else "optional"
        print(f"  {f['name']:<18} {f['type']:<8} {req:<8} {f['description']}")
    import pandas as pd

    from turaz_data import load

    df = load(args.name)
    df = df[[f["name"] for f in res["schema"]["fields"]]]
    with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
        print()
        print(df.head(args.rows if args.rows is not None else 10).to_string())
    return EXIT_OK


def _cmd_cite(args) -> int:
    from turaz_data.publish.citing import cite

    sys.stdout.write(cite(args.format))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="turaz-data",
        description="Citation-checked tables on Türkiye-Azerbaijan military relations, 1918-2023.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"turaz-data {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable, help: str, example: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.set_defaults(func=func)
        return sp

    add("tables", _cmd_tables, "List the tables with their row counts.", "turaz-data tables")
    sp = add("show", _cmd_show, "Describe a table's columns and print its first rows.", "turaz-data show events --rows 5")
    sp.add_argument("name", help="table name (see 'turaz-data tables')")
    sp.add_argument("--rows", type=int, default=None, help="how many rows to print (default 10; all with --format csv)")
    sp.add_argument("--format", choices=("table", "csv"), default="table", help="'table' (default) or raw 'csv'")
    sp = add("cite", _cmd_cite, "Print how to cite the dataset and the article.", "turaz-data cite --format bibtex")
    sp.add_argument("--format", choices=("text", "bibtex", "cff", "csl-json", "datacite"), default="text",
                    help="'text' (default), 'bibtex', 'cff' (CITATION.cff), 'csl-json' or "
                         "'datacite' (DataCite 4.5 JSON)")

    for register in _command_modules():
        register(sub, add)
    return p


def _command_modules() -> list[Callable]:
    """Commands defined in other modules: each module has ``register(sub, add)``."""
    from turaz_data.cli import contrib as cli_contrib, export as cli_export, plot as cli_plot, verify as cli_verify
    from turaz_data.cli import diff as cli_diff, serve as cli_serve

    return [cli_verify.register, cli_export.register, cli_plot.register, cli_contrib.register, cli_serve.register,
            cli_diff.register]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed usage and its message
        return EXIT_OK if e.code == 0 else EXIT_UNREADABLE
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return args.func(args)
    except CLIError as e:
        print(f"turaz-data {args.command}: error: {e}", file=sys.stderr)
        return e.code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: say so plainly, without a traceback
        print(f"turaz-data {args.command}: internal error: {type(e).__name__}: {e}\n"
              "This is a bug in turaz-data; please report it with the command you ran.", file=sys.stderr)
        return 3
