"""The ``diff`` command: what changed between two versions of the data
(see :mod:`turaz_data.publish.diff`)."""

from __future__ import annotations

import json
import sys


def _cmd_diff(args) -> int:
    from turaz_data.cli.options import EXIT_INVALID, EXIT_OK, CLIError
    from turaz_data.publish.diff import DiffInputError, diff

    try:
        result = diff(args.old, args.new)
    except DiffInputError as e:
        raise CLIError(str(e)) from None
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(result.to_markdown())
    else:
        sys.stdout.write(result.to_text())
    return EXIT_OK if result.equal else EXIT_INVALID


def register(sub, add) -> None:
    sp = add("diff", _cmd_diff,
             "Compare two versions of the data: rows added, removed and changed (with both values), "
             "per table. Exit code 0 equal, 1 different, 2 unreadable.",
             "turaz-data diff turaz-data-0.1.0.zip datapackage.json")
    sp.add_argument("old", help="the older package: its datapackage.json, the folder holding it, or a zip")
    sp.add_argument("new", help="the newer package, in any of the same forms")
    sp.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                    help="'text' (default), 'json', or 'markdown' (the data part of a CHANGELOG entry)")
