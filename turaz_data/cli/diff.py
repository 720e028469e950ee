"""The ``diff`` command: what changed between two versions of the data
(see :mod:`turaz_data.publish.diff`)."""

from __future__ import annotations

import sys

from turaz_data.cli import options as o


def _cmd_diff(args) -> int:
    from turaz_data.publish.diff import diff

    result = diff(args.old, args.new)  # an unreadable side: DiffInputError, exit 2
    if args.format == "json":
        o.print_json(result.to_dict())
    elif args.format == "markdown":
        sys.stdout.write(result.to_markdown())
    else:
        sys.stdout.write(result.to_text())
    return o.EXIT_OK if result.equal else o.EXIT_INVALID


def register(sub, add) -> None:
    sp = add("diff", _cmd_diff,
             "Compare two versions of the data: rows added, removed and changed (with both values), "
             "per table; withdrawn rows from the retractions table. Exit code 0 equal, 1 different, "
             "2 unreadable.",
             "turaz-data diff turaz-data-0.1.0.zip datapackage.json")
    sp.add_argument("old", help="the older package: its datapackage.json, the folder holding it, or a zip")
    sp.add_argument("new", help="the newer package, in any of the same forms")
    o.add_format(sp, ("text", "json", "markdown"),
                 "'text' (default), 'json', or 'markdown' (the data part of a CHANGELOG entry)")
