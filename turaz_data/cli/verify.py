"""The ``verify`` command: check every claim row's footnote, support and evidence."""

from __future__ import annotations

from turaz_data.cli import options as o


def _cmd_verify(args) -> int:
    from turaz_data.source.verify import verify

    report = verify(article=o.article_arg(args), package=o.package_arg(args))
    if args.format == "json":
        o.print_json(report.to_dict())
    else:
        print(report.to_text())
    return report.exit_code


def register(sub, add) -> None:
    sp = add(
        "verify",
        _cmd_verify,
        "Check that every claim row's evidence tokens occur in the declared scope of its footnote.",
        "turaz-data verify --article ../shared/seeds/000_ccf2ee7b6882ff5b.txt",
    )
    o.add_article(sp, "the text the claim rows cite (required: the package does not ship it)")
    o.add_package(sp)
    o.add_format(sp)
