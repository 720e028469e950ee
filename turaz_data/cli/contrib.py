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


def _print_report(report, fmt: str, csv_file: bool = True) -> None:
    if fmt == "json":
        o.print_json(report.to_dict())
    elif fmt == "github":
        from turaz_data.contrib.annotations import report_lines

        lines = report_lines(report, csv_file=csv_file)
        sys.stdout.write("".join(line + "\n" for line in lines))
        sys.stdout.write(report.to_text().splitlines()[-1] + "\n")
    else:
        sys.stdout.write(report.to_text())


def _input(args, table: str):
    """The contributed file (CSV, or a workbook read as text): the one place every command opens it."""
    from turaz_data.contrib.inputs import InputError, open_contribution

    try:
        return open_contribution(args.file, table, getattr(args, "sheet", None))
    except InputError as e:
        raise o.CLIError(str(e)) from None


def _cmd_validate(args) -> int:
    """Each file in turn (pre-commit passes several); the exit code is the worst one."""
    files = list(args.file)
    reports = []
    for file in files:
        args.file = file
        reports.append(_validate_one(args, quiet=args.format == "json" and len(files) > 1))
    if args.format == "json" and len(files) > 1:
        o.print_json([r.to_dict() for r in reports])  # one JSON document: the list of reports
    return max(r.exit_code for r in reports)


def _validate_one(args, quiet: bool):
    from turaz_data.contrib.engine import validate_file

    table = o.table_arg(args)
    package = o.package_arg(args)
    article = _article(args)
    max_problems = o.max_problems_arg(args)
    inp = _input(args, table)
    progress = _progress(table)
    try:
        report = validate_file(inp.open(), table, package=package, replace=args.replace, article=article,
                               max_problems=max_problems, progress=progress, name=inp.label,
                               max_bytes=args.max_bytes, encoding=_encoding(args.encoding))
    finally:
        _end_progress(progress)
    inp.fix_report(report)
    if not quiet:
        _print_report(report, args.format, csv_file=not inp.is_workbook)
    return report


def _cmd_add(args) -> int:
    from turaz_data.contrib.add import add_file

    table = o.table_arg(args)
    package = o.package_arg(args)
    article = _article(args)
    max_problems = o.max_problems_arg(args)
    inp = _input(args, table)
    if args.dry_run:
        from turaz_data.contrib.dryrun import plan_add

        plan = plan_add(inp.open(), table, replace=args.replace, package=package, article=article,
                        max_problems=max_problems, name=inp.label, fix=inp.fix_report)
        if args.format == "json":
            o.print_json(plan.to_dict())
        else:
            sys.stdout.write(plan.to_text())
        return plan.report.exit_code
    from turaz_data.contrib.engine import validate_file

    if inp.problems:  # cells of the workbook that cannot be read as typed: nothing is added
        report = inp.fix_report(validate_file(inp.open(), table, package=package, replace=args.replace,
                                              article=article, max_problems=max_problems, name=inp.label))
        _print_report(report, args.format)
        print("nothing was written", file=sys.stderr)
        return report.exit_code
    progress = _progress(table)
    from turaz_data.contrib.hygiene import interrupt_on_terminate

    try:
        with interrupt_on_terminate():  # SIGTERM and SIGHUP clean up as Ctrl-C does
            result = add_file(inp.open(), table, replace=args.replace, package=package, article=article,
                              max_problems=max_problems, progress=progress,
                              max_bytes=args.max_bytes, encoding=_encoding(args.encoding))
    finally:
        _end_progress(progress)
    report = inp.fix_report(result.report)
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


def _encoding(name):
    if name is None:
        return None
    from turaz_data.contrib.reader import check_encoding

    try:
        return check_encoding(name)
    except ValueError as e:
        raise o.CLIError(str(e)) from None


def _reading_options(sp) -> None:
    from turaz_data.contrib.reader import DEFAULT_MAX_BYTES

    sp.add_argument("--encoding", metavar="NAME",
                    help="read the file in this encoding instead of UTF-8, e.g. cp1254 (Windows Turkish), "
                         "latin-1, utf-16 (default: UTF-8; a byte-order mark is recognised)")
    sp.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                    help=f"refuse a file larger than N bytes (default {DEFAULT_MAX_BYTES:,}; 0: no limit)")


def _cmd_template(args) -> int:
    table = o.table_arg(args)
    if args.format == "xlsx":
        from turaz_data.contrib.workbook import template_workbook
        from turaz_data.tables.storage import atomic_write

        if not args.output:
            raise o.CLIError("--format xlsx writes a workbook: give its path with --output FILE.xlsx")
        atomic_write(args.output, template_workbook(table))
        print(f"{args.output}: template of table '{table}' written (fill in the sheet '{table}', "
              "then: turaz-data validate " + args.output + f" --table {table})")
        return EXIT_OK
    from turaz_data.contrib.add import template

    text = template(table)
    if args.output:
        from turaz_data.tables.storage import atomic_write

        atomic_write(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_review(args) -> int:
    from turaz_data.contrib.inputs import InputError
    from turaz_data.contrib.review import build_review
    from turaz_data.source.verify import InputError as ArticleInputError
    from turaz_data.tables.storage import atomic_write

    table = o.table_arg(args)
    package = o.package_arg(args)
    article = o.article_arg(args)
    if article is None:
        raise o.CLIError("review shows each row beside its source: give your copy of the article with --article "
                         "PATH (or set $TURAZ_ARTICLE)")
    try:
        review = build_review(args.file, table, article=article, package=package, sheet=args.sheet,
                              replace=args.replace)
    except (InputError, ArticleInputError) as e:
        raise o.CLIError(str(e)) from None
    atomic_write(args.output, review.to_html().encode("utf-8"))
    if args.format == "json":
        out = review.report.to_dict()
        out["review"] = {"output": args.output, "rows": len(review.rows),
                         "rows_with_problems": review.rows_with_problems, "article_sha256": review.article_sha256,
                         "row_reviews": review.rows_dict()}
        o.print_json(out)
    elif args.format == "github":
        _print_report(review.report, "github", csv_file=review.sheet is None)
    else:
        print(f"{args.output}: review page written: {review.summary()}")
    return review.exit_code


def _add_sheet(sp) -> None:
    sp.add_argument("--sheet", metavar="NAME", help="for an .xlsx workbook: the sheet to read (default: the first)")


def register(sub, add) -> None:
    sp = add("template", _cmd_template,
             "Write an empty table to fill in: a CSV file (the header and a commented example row) or an .xlsx "
             "workbook (the header, the example row, a codes sheet and drop-down lists for coded columns).",
             "turaz-data template --table events --format xlsx --output my-events.xlsx")
    o.add_table(sp)
    sp.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                    help="'csv' (default, printed on stdout unless --output) or 'xlsx' (needs --output)")
    sp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    sp = add("validate", _cmd_validate,
             "Check a CSV file or .xlsx workbook of new or corrected rows for one table; list every problem.",
             "turaz-data validate my-events.csv --table events --article article.txt")
    sp.add_argument("file", nargs="+", metavar="FILE",
                    help="the CSV file or .xlsx workbook to check (several: each in turn, as pre-commit passes them)")
    o.add_table(sp, "the table the rows belong to (see 'turaz-data tables')", from_file=True)
    _add_sheet(sp)
    sp.add_argument("--replace", action="store_true", help="rows whose key is already in the table are corrections")
    o.add_package(sp, "check against another copy of the tables, given its datapackage.json or its folder")
    o.add_article(sp, "also check the evidence tokens of claim rows")
    o.add_format(sp, o.CHECK_FORMATS, help=o.CHECK_FORMATS_HELP)
    o.add_max_problems(sp)
    _reading_options(sp)

    sp = add("review", _cmd_review,
             "Write one self-contained HTML page to review contributed rows beside their source: each row's "
             "values, its footnote, the cited passage with the evidence marked, each value found, taken from "
             "context, inferred or contradicted, and the row's problems.",
             "turaz-data review my-events.csv --table events --article article.txt --output review.html")
    sp.add_argument("file", help="the CSV file or .xlsx workbook of rows to review")
    o.add_table(sp, "the table the rows belong to (see 'turaz-data tables')", from_file=True)
    _add_sheet(sp)
    sp.add_argument("--output", "-o", required=True, metavar="FILE", help="the HTML page to write")
    sp.add_argument("--replace", action="store_true", help="rows whose key is already in the table are corrections")
    o.add_package(sp, "check against another copy of the tables, given its datapackage.json or its folder")
    o.add_article(sp, "your copy of the article: passages and value checks come from it")
    o.add_format(sp, o.CHECK_FORMATS, help="what to print besides the page: " + o.CHECK_FORMATS_HELP)

    sp = add("add", _cmd_add,
             "Validate a CSV file or .xlsx workbook of rows, then merge it into tables/NAME.csv of a source "
             "checkout (atomically: an invalid file or a crash leaves the table as it was).",
             "turaz-data add my-events.csv --table events --dry-run")
    sp.add_argument("file", help="the CSV file or .xlsx workbook of rows to add")
    o.add_table(sp, "the table to add the rows to", from_file=True)
    _add_sheet(sp)
    sp.add_argument("--replace", action="store_true", help="replace rows whose key is already in the table")
    sp.add_argument("--dry-run", action="store_true",
                    help="only show which rows would be added and which replaced (field by field); change nothing")
    o.add_package(sp, "the copy of the tables to change, given its datapackage.json or its folder "
                      "(default: this checkout)")
    o.add_article(sp, "also check the evidence tokens of claim rows")
    o.add_format(sp, help="'text' (default) or 'json' (the report and what was written)")
    o.add_max_problems(sp)
    _reading_options(sp)


__all__ = ["register"]
