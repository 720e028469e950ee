"""The ``validate``, ``add`` and ``template`` commands: contributed rows (see docs/contributing.md)."""

from __future__ import annotations

import sys

from turaz_data.cli import options as o
from turaz_data.cli.options import EXIT_OK


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


def _article(args):
    """The parsed article when ``--article`` or ``$TURAZ_ARTICLE`` names one, else None."""
    path = o.article_arg(args)
    if path is None:
        return None
    from turaz_data.source.verify import open_article

    return open_article(path)


def _print_report(report, fmt: str) -> None:
    if fmt == "json":
        o.print_json(report.to_dict())
    else:
        sys.stdout.write(report.to_text())


def _cmd_validate(args) -> int:
    from turaz_data.contrib.engine import validate_file

    table = o.table_arg(args)
    package = o.package_arg(args)
    article = _article(args)
    max_problems = o.max_problems_arg(args)
    progress = _progress(table)
    try:
        report = validate_file(args.file, table, package=package, replace=args.replace, article=article,
                               max_problems=max_problems, progress=progress)
    finally:
        _end_progress(progress)
    _print_report(report, args.format)
    return report.exit_code


def _cmd_add(args) -> int:
    from turaz_data.contrib.add import add_file

    table = o.table_arg(args)
    package = o.package_arg(args)
    article = _article(args)
    max_problems = o.max_problems_arg(args)
    progress = _progress(table)
    try:
        result = add_file(args.file, table, replace=args.replace, package=package, article=article,
                          max_problems=max_problems, progress=progress)
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
        o.print_json(out)
    else:
        change = "written" if result.written else "unchanged (the rows were already there)"
        print(f"{result.path}: {result.added} row(s) added, {result.replaced} replaced; {change}")
    return EXIT_OK


def _cmd_template(args) -> int:
    from turaz_data.contrib.add import template

    sys.stdout.write(template(o.table_arg(args)))
    return EXIT_OK


def register(sub, add) -> None:
    sp = add("template", _cmd_template,
             "Print an empty CSV for a table: the header and a commented example row.",
             "turaz-data template --table events > my-events.csv")
    o.add_table(sp)

    sp = add("validate", _cmd_validate,
             "Check a CSV file of new or corrected rows for one table; list every problem.",
             "turaz-data validate my-events.csv --table events --article article.txt")
    sp.add_argument("file", help="the CSV file to check")
    o.add_table(sp, "the table the rows belong to (see 'turaz-data tables')")
    sp.add_argument("--replace", action="store_true", help="rows whose key is already in the table are corrections")
    o.add_package(sp, "check against another copy of the tables, given its datapackage.json or its folder")
    o.add_article(sp, "also check the evidence tokens of claim rows")
    o.add_format(sp, help="'text' (default) or 'json' (the report, see docs/contributing.md)")
    o.add_max_problems(sp)

    sp = add("add", _cmd_add,
             "Validate a CSV file of rows, then merge it into tables/NAME.csv of a source checkout "
             "(atomically: an invalid file or a crash leaves the table as it was).",
             "turaz-data add my-events.csv --table events")
    sp.add_argument("file", help="the CSV file of rows to add")
    o.add_table(sp, "the table to add the rows to")
    sp.add_argument("--replace", action="store_true", help="replace rows whose key is already in the table")
    o.add_package(sp, "the copy of the tables to change, given its datapackage.json or its folder "
                      "(default: this checkout)")
    o.add_article(sp, "also check the evidence tokens of claim rows")
    o.add_format(sp, help="'text' (default) or 'json' (the report and what was written)")
    o.add_max_problems(sp)


__all__ = ["register"]
