"""The ``plot`` command: figures of the data (see :mod:`turaz_data.publish.plot`)."""

from __future__ import annotations

import sys

FIGURES = ("timeline", "panel")


def _cmd_plot(args) -> int:
    from turaz_data.cli.options import EXIT_OK, EXIT_UNREADABLE, CLIError
    from turaz_data.errors import TurazError
    from turaz_data.publish import plot

    try:
        out = getattr(plot, args.figure)(args.output, package=args.package)
    except (OSError, TurazError, ValueError) as e:
        raise CLIError(str(e), EXIT_UNREADABLE) from None
    print(f"wrote {out} ({args.figure})", file=sys.stderr)
    return EXIT_OK


def register(sub, add) -> None:
    sp = add("plot", _cmd_plot,
             "Draw a figure: 'timeline' shows the dated events, agreements and arms transfers, "
             "1918-2023, coloured by table, key rows named; 'panel' the rows that begin in each year, "
             "by table (needs matplotlib: pip install 'turaz-data[plot]').",
             "turaz-data plot timeline --output docs/timeline.svg")
    sp.add_argument("figure", choices=FIGURES, help="the figure to draw")
    sp.add_argument("--output", "-o", required=True, metavar="PATH",
                    help="the file to write; its suffix (.svg, .png, .pdf) sets the format")
    sp.add_argument("--package", metavar="DATAPACKAGE",
                    help="draw another copy of the tables, given its datapackage.json")
