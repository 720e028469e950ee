"""What every command shares, defined once: the exit codes, the options ``--table``,
``--package``, ``--format``, ``--article`` and ``--max-problems``, how their values are
checked, and the error a command raises for the user.

Standard library only: ``turaz-data --help`` imports nothing heavy.
"""

from __future__ import annotations

import argparse
import os
import sys

from turaz_data.errors import TurazError
from turaz_data.source import ARTICLE_ENV

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: Every exit code of every command, with its meaning (shown by ``turaz-data --help``
#: and in docs/cli.md).
EXIT_CODES = (
    (EXIT_OK, "ok: done; the data or file checked is valid"),
    (EXIT_INVALID, "invalid: the data or file checked has problems (every one is listed)"),
    (EXIT_UNREADABLE, ("unreadable or misused: an input cannot be read (file, article, package),"
                       " an unknown table, a bad option")),
    (EXIT_INTERNAL, "internal error: a bug in turaz-data, said in one line (please report it)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C); nothing is half-written"),
)

#: Commands that used to take the table as a positional argument (``show NAME``):
#: still accepted, with a warning, and rewritten to ``--table NAME``.
DEPRECATED_TABLE_POSITIONAL = ("show", "template")

REPORT_FORMATS = ("text", "json")
#: The formats of the commands that check files (validate, verify, review): also GitHub
#: workflow commands, one per problem, shown on the lines of a pull request.
CHECK_FORMATS = ("text", "json", "github")
#: The help of --format for those commands.
CHECK_FORMATS_HELP = ("'text' (default, for people), 'json' (for programs) or 'github' (GitHub Actions "
                      "annotations: one '::error file=...,line=...::' line per problem)")


class CLIError(TurazError):
    """A problem the user can fix; printed as one message, exit code ``code``."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE):
        super().__init__(message)
        self.code = code


def exit_codes_text(indent: str = "  ") -> str:
    """The exit codes as lines of text: ``  0    success: ...``."""
    return "\n".join(f"{indent}{code:<4} {meaning}" for code, meaning in EXIT_CODES)


# --------------------------------------------------------------------------- defining options


def add_table(p: argparse.ArgumentParser, help: str = "the table (see 'turaz-data tables')",
              from_file: bool = False) -> None:
    """``--table NAME``; with ``from_file`` it may be omitted when the file is named after
    its table (``tables/events.csv``, ``events.xlsx``): see :func:`table_arg`."""
    if from_file:
        p.add_argument("--table", "-t", metavar="NAME",
                       help=help + " (default: the file's name, when it is a table's: events.csv, events.xlsx)")
    else:
        p.add_argument("--table", "-t", required=True, metavar="NAME", help=help)


def add_package(p: argparse.ArgumentParser, help: str = "use another copy of the tables, given its "
                "datapackage.json or its folder (default: the installed tables)") -> None:
    p.add_argument("--package", metavar="PATH", help=help)


def add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = REPORT_FORMATS, help: str = "") -> None:
    p.add_argument("--format", choices=choices, default=choices[0],
                   help=help or f"'{choices[0]}' (default, for people) or 'json' (for programs)")


def add_article(p: argparse.ArgumentParser, purpose: str) -> None:
    p.add_argument("--article", metavar="PATH",
                   help=f"the plain-text article: {purpose}; default: ${ARTICLE_ENV}")


def add_max_problems(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-problems", type=int, default=1000, metavar="N",
                   help="list at most N problems (all are counted; 0 lists all; default 1000)")


# --------------------------------------------------------------------------- reading them


def rewrite_deprecated(argv: list[str]) -> list[str]:
    """The 0.1 forms, rewritten with a warning on stderr: ``show NAME`` and ``template NAME``
    as ``--table NAME``; ``show --format table`` as ``--format text``."""
    def warn(old: str, new: str) -> None:
        print(f"turaz-data {argv[0]}: warning: '{old}' is deprecated; use '{new}'", file=sys.stderr)

    if len(argv) >= 2 and argv[0] in DEPRECATED_TABLE_POSITIONAL and not argv[1].startswith("-"):
        warn(f"turaz-data {argv[0]} NAME", f"turaz-data {argv[0]} --table NAME")
        argv = [argv[0], "--table", *argv[1:]]
    if argv[:1] == ["show"] and "table" in argv:
        i = argv.index("table")
        if argv[i - 1] == "--format":
            warn("--format table", "--format text")
            argv = [*argv[:i], "text", *argv[i + 1:]]
    return argv


def table_arg(args: argparse.Namespace) -> str:
    """The ``--table`` given, checked against the tables of the models."""
    from turaz_data.errors import UnknownTableError
    from turaz_data.tables.models import TABLES_BY_NAME

    if args.table is None:  # only commands that take a file allow it (add_table(from_file=True))
        from pathlib import Path

        stem = Path(str(getattr(args, "file", "") or "")).stem
        if stem not in TABLES_BY_NAME:
            raise CLIError(f"say which table the rows belong to: --table NAME (the file name {stem!r} is "
                           f"not a table's; tables: {', '.join(TABLES_BY_NAME)})")
        return stem
    if args.table not in TABLES_BY_NAME:
        raise CLIError(str(UnknownTableError(args.table, list(TABLES_BY_NAME))))
    return args.table


def package_arg(args: argparse.Namespace) -> str | None:
    """The ``--package`` given (None: the installed tables), checked to hold a datapackage.json."""
    if args.package is None:
        return None
    from turaz_data.tables.storage import package_root

    try:
        package_root(args.package)
    except FileNotFoundError as e:
        raise CLIError(str(e)) from None
    return args.package


def article_arg(args: argparse.Namespace) -> str | None:
    """The ``--article`` given, else ``$TURAZ_ARTICLE``, else None."""
    return args.article or os.environ.get(ARTICLE_ENV) or None


def max_problems_arg(args: argparse.Namespace) -> int | None:
    if args.max_problems < 0:
        raise CLIError(f"--max-problems must be 0 (list all) or more, not {args.max_problems}")
    return None if args.max_problems == 0 else args.max_problems


def print_json(obj) -> None:
    """One JSON document on stdout, as every ``--format json`` prints it."""
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
