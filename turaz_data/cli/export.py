"""The ``export`` command: the tables as a data package zip, SQLite, Excel, Parquet, Stata,
BibTeX or CSL-JSON (see :mod:`turaz_data.publish.export`)."""

from __future__ import annotations

import sys

from turaz_data.cli import options as o

FORMAT_HELP = (
    "zip (Frictionless data package), sqlite (one table per resource, keys declared), "
    "xlsx (one sheet per table and a README sheet), parquet (a folder, one file per table), "
    "dta (a folder, one Stata file per table, with variable and value labels), "
    "bibtex or csl-json (the works cited and the article), "
    "datasette (a folder: database, metadata.json and figures for datasette publish)"
)


def _cmd_export(args) -> int:
    from turaz_data.publish.export import export

    if args.format == "datasette":
        from turaz_data.publish.browse import export_site

        out = export_site(args.output, package=o.package_arg(args))
    else:
        out = export(args.format, args.output, package=o.package_arg(args))
    print(f"wrote {out} ({args.format})", file=sys.stderr)
    if args.format == "datasette":
        from turaz_data.publish.browse import publish_command

        print(f"publish it with: {publish_command(out)}", file=sys.stderr)
    return o.EXIT_OK


def register(sub, add) -> None:
    from turaz_data.publish.export import FORMATS

    sp = add("export", _cmd_export, "Write the tables in another format: " + FORMAT_HELP + ".",
             "turaz-data export --format sqlite --output turaz.sqlite")
    sp.add_argument("--format", required=True, choices=(*FORMATS, "datasette"),
                    help="the format of the file to write (here --format names a file format, not a report's)")
    sp.add_argument("--output", "-o", required=True, metavar="PATH",
                    help="the file to write (for parquet, dta and datasette: a folder); an existing file is replaced")
    o.add_package(sp, "export another copy of the tables, given its datapackage.json or its folder "
                      "(default: the installed tables)")
