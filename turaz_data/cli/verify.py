"""The ``verify`` command: check every claim row's footnote, support, evidence and values."""

from __future__ import annotations

import json
import sys


def _cmd_verify(args) -> int:
    from turaz_data.cli.options import EXIT_INVALID, EXIT_OK, CLIError
    from turaz_data.source.verify import InputError, verify

    try:
        report = verify(article=args.article, package=args.package)
    except (InputError, FileNotFoundError) as e:
        raise CLIError(str(e)) from None
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.to_text())
    return EXIT_OK if report.ok else EXIT_INVALID


def register(sub, add) -> None:
    sp = add(
        "verify",
        _cmd_verify,
        "Check that every claim row's evidence tokens occur in the declared scope of its footnote, and that its "
        "dates, numbers, actors and designation are what that scope says.",
        "turaz-data verify --article ../shared/seeds/000_ccf2ee7b6882ff5b.txt",
    )
    sp.add_argument("--article", help="plain-text copy of the article (default: $TURAZ_ARTICLE)")
    sp.add_argument("--package", help="datapackage.json of the tables to check (default: the installed tables)")
    sp.add_argument("--format", choices=("text", "json"), default="text")
