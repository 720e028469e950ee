"""The ``plot`` command: figures of the data (see :mod:`turaz_data.publish.plot`)."""

from __future__ import annotations

import sys

from turaz_data.cli import options as o

FIGURES = ("timeline",)


def _cmd_plot(args) -> int:
    from turaz_data.publish.plot import timeline

    try:
        out = timeline(args.output, package=o.package_arg(args))
    except ValueError as e:  # matplotlib: an unknown image format
        raise o.CLIError(str(e)) from None
    print(f"wrote {out} ({args.figure})", file=sys.stderr)
    return o.EXIT_OK


def register(sub, add) -> None:
    sp = add("plot", _cmd_plot,
             "Draw a figure: 'timeline' shows the dated events, agreements and arms transfers, "
             "1918-2023, coloured by table (needs matplotlib: pip install 'turaz-data[plot]').",
             "turaz-data plot timeline --output docs/timeline.svg")
    sp.add_argument("figure", choices=FIGURES, help="the figure to draw")
    sp.add_argument("--output", "-o", required=True, metavar="PATH",
                    help="the file to write; its suffix (.svg, .png, .pdf) sets the format")
    o.add_package(sp, "draw another copy of the tables, given its datapackage.json or its folder")
