"""The ``export`` command: the tables as a data package zip, SQLite, Excel, Parquet,
BibTeX or CSL-JSON (see :mod:`turaz_data.publish.export`)."""

from __future__ import annotations

import sys

FORMAT_HELP = (
    "zip (Frictionless data package), sqlite (one table per resource, keys declared), "
    "xlsx (one sheet per table and a README sheet), parquet (a folder, one file per table), "
    "bibtex or csl-json (the works cited and the article), "
    "datasette (a folder: database, metadata.json and figures for datasette publish)"
)


def _cmd_export(args) -> int:
    from turaz_data.cli.options import EXIT_OK, EXIT_UNREADABLE, CLIError
    from turaz_data.errors import MissingDependencyError, TurazError
    from turaz_data.publish.export import export

    try:
        out = export(args.format, args.output, package=args.package)
    except MissingDependencyError as e:
        raise CLIError(str(e), EXIT_UNREADABLE) from None
    except (OSError, TurazError) as e:
        raise CLIError(str(e), EXIT_UNREADABLE) from None
    print(f"wrote {out} ({args.format})", file=sys.stderr)
    if args.format == "datasette":
        from turaz_data.publish.browse import publish_command

        print(f"publish it with: {publish_command(out)}", file=sys.stderr)
    return EXIT_OK


def register(sub, add) -> None:
    from turaz_data.publish.export import FORMATS

    sp = add("export", _cmd_export, "Write the tables in another format: " + FORMAT_HELP + ".",
             "turaz-data export --format sqlite --output turaz.sqlite")
    sp.add_argument("--format", required=True, choices=tuple(FORMATS), help="the format to write")
    sp.add_argument("--output", "-o", required=True, metavar="PATH",
                    help="the file to write (for parquet and datasette: a folder); an existing file is replaced")
    sp.add_argument("--package", metavar="DATAPACKAGE",
                    help="export another copy of the tables, given its datapackage.json (default: the shipped tables)")
