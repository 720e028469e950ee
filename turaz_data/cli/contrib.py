"""The ``validate``, ``add`` and ``template`` commands: contributed rows (see docs/contributing.md)."""

from __future__ import annotations

import json
import sys

from turaz_data.cli.options import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, CLIError


def _table(name: str) -> str:
    from turaz_data.errors import UnknownTableError
    from turaz_data.tables.models import TABLES_BY_NAME

    if name not in TABLES_BY_NAME:
        raise CLIError(str(UnknownTableError(name, list(TABLES_BY_NAME))))
    return name


def _progress(table: str):
    """A progress indicator on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(rows: int, nbytes: int) -> None:
        sys.stderr.write(f"\rchecking {table}: {rows:,} rows, {nbytes / 1e6:,.1f} MB read")
        sys.stderr.flush()

    return show


def _end_progress(progress) -> None:
    if progress is not None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _article(path):
    if path is None:
        return None
    from turaz_data.contrib.engine import ContribError, load_article_or_fail

    try:
        return load_article_or_fail(path)
    except ContribError as e:
        raise CLIError(str(e)) from None


def _max(n: int) -> int | None:
    return None if n == 0 else n


def _print_report(report, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text())


def _cmd_validate(args) -> int:
    from turaz_data.contrib.engine import validate_file

    table = _table(args.table)
    package = _package(args.package)
    article = _article(args.article)
    progress = _progress(table)
    try:
        report = validate_file(args.file, table, package=package, replace=args.replace, article=article,
                               max_problems=_max(args.max_problems), progress=progress,
                               max_bytes=args.max_bytes, encoding=_encoding(args.encoding))
    finally:
        _end_progress(progress)
    _print_report(report, args.format)
    return report.exit_code


def _package(path):
    if path is None:
        return None
    from turaz_data.tables.storage import package_root

    try:
        package_root(path)
    except FileNotFoundError as e:
        raise CLIError(str(e)) from None
    return path


def _cmd_add(args) -> int:
    from turaz_data.contrib.engine import ContribError, add_file

    table = _table(args.table)
    package = _package(args.package)
    article = _article(args.article)
    progress = _progress(table)
    from turaz_data.contrib.hygiene import HostilePathError, interrupt_on_terminate

    try:
        with interrupt_on_terminate():
            result = add_file(args.file, table, replace=args.replace, package=package, article=article,
                              max_problems=_max(args.max_problems), progress=progress,
                              max_bytes=args.max_bytes, encoding=_encoding(args.encoding))
    except (ContribError, HostilePathError) as e:
        raise CLIError(str(e)) from None
    finally:
        _end_progress(progress)
    report = result.report
    if not report.valid:
        _print_report(report, args.format)
        print(f"nothing was written: {result.path} is unchanged", file=sys.stderr)
        return report.exit_code
    if args.format == "json":
        out = report.to_dict()
        out["add"] = {"path": result.path, "added": result.added, "replaced": result.replaced,
                      "written": result.written}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        change = "written" if result.written else "unchanged (the rows were already there)"
        print(f"{result.path}: {result.added} row(s) added, {result.replaced} replaced; {change}")
    return EXIT_OK


def _encoding(name):
    if name is None:
        return None
    from turaz_data.contrib.reader import check_encoding

    try:
        return check_encoding(name)
    except ValueError as e:
        raise CLIError(str(e)) from None


def _reading_options(sp) -> None:
    from turaz_data.contrib.reader import DEFAULT_MAX_BYTES

    sp.add_argument("--encoding", metavar="NAME",
                    help="read the file in this encoding instead of UTF-8, e.g. cp1254 (Windows Turkish), "
                         "latin-1, utf-16 (default: UTF-8; a byte-order mark is recognised)")
    sp.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                    help=f"refuse a file larger than N bytes (default {DEFAULT_MAX_BYTES:,}; 0: no limit)")


def _cmd_template(args) -> int:
    from turaz_data.contrib.engine import template

    sys.stdout.write(template(_table(args.name)))
    return EXIT_OK


def register(sub, add) -> None:
    formats = ("text", "json")
    sp = add("validate", _cmd_validate,
             "Check a CSV file of new or corrected rows for one table; list every problem. "
             "Exit code 0 valid, 1 invalid, 2 unreadable.",
             "turaz-data validate my-events.csv --table events --article article.txt")
    sp.add_argument("file", help="the CSV file to check")
    sp.add_argument("--table", required=True, help="the table the rows belong to (see 'turaz-data tables')")
    sp.add_argument("--article", metavar="PATH", help="the article text: also check the evidence tokens (claim tables)")
    sp.add_argument("--replace", action="store_true", help="rows whose key is already in the table are corrections")
    sp.add_argument("--package", metavar="PATH", help="check against another copy of the tables (its datapackage.json)")
    sp.add_argument("--format", choices=formats, default="text", help="'text' (default) or 'json' (see docs/contributing.md)")
    sp.add_argument("--max-problems", type=int, default=1000, metavar="N",
                    help="list at most N problems (all are counted; 0 lists all; default 1000)")
    _reading_options(sp)

    sp = add("add", _cmd_add,
             "Validate a CSV file of rows, then merge it into tables/NAME.csv of a source checkout "
             "(atomically: an invalid file or a crash leaves the table as it was).",
             "turaz-data add my-events.csv --table events")
    sp.add_argument("file", help="the CSV file of rows to add")
    sp.add_argument("--table", required=True, help="the table to add the rows to")
    sp.add_argument("--replace", action="store_true", help="replace rows whose key is already in the table")
    sp.add_argument("--package", metavar="PATH", help="the datapackage.json of the copy to change (default: this checkout)")
    sp.add_argument("--article", metavar="PATH", help="the article text: also check the evidence tokens (claim tables)")
    sp.add_argument("--format", choices=formats, default="text")
    sp.add_argument("--max-problems", type=int, default=1000, metavar="N",
                    help="list at most N problems (0 lists all; default 1000)")
    _reading_options(sp)

    sp = add("template", _cmd_template,
             "Print an empty CSV for a table: the header and a commented example row.",
             "turaz-data template events > my-events.csv")
    sp.add_argument("name", help="table name (see 'turaz-data tables')")


__all__ = ["register", "EXIT_OK", "EXIT_INVALID", "EXIT_UNREADABLE"]
