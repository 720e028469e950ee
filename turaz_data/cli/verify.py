"""The ``verify`` command: check every claim row's footnote, support, evidence and values."""

from __future__ import annotations

from turaz_data.cli import options as o


def _cmd_verify(args) -> int:
    from turaz_data.source.verify import verify

    package = o.package_arg(args)
    report = verify(article=o.article_arg(args), package=package)
    if args.format == "json":
        o.print_json(report.to_dict())
    elif args.format == "github":
        from turaz_data.contrib.annotations import command, verify_lines

        for line in verify_lines(report, package):
            print(line)
        text = report.to_text().splitlines()
        print(next(line for line in text if line.startswith("rows: ")))
        if report.sha256_matches is False:
            print(command("warning", text[-1], title="turaz-data verify: another article"))
    else:
        print(report.to_text())
    return report.exit_code


def register(sub, add) -> None:
    sp = add(
        "verify",
        _cmd_verify,
        "Check that every claim row's evidence tokens occur in the declared scope of its footnote, and that its "
        "dates, numbers, actors and designation are what that scope says.",
        "turaz-data verify --article ../shared/seeds/000_ccf2ee7b6882ff5b.txt",
    )
    o.add_article(sp, "the text the claim rows cite, which the package does not ship (required)")
    o.add_package(sp)
    o.add_format(sp, o.CHECK_FORMATS, help=o.CHECK_FORMATS_HELP)
