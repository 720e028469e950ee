"""The ``serve`` command: browse the tables in a web browser, with Datasette
(see :mod:`turaz_data.publish.browse`)."""

from __future__ import annotations

import sys

from turaz_data.cli import options as o


def _cmd_serve(args) -> int:
    from turaz_data.publish.browse import DB_NAME, serve

    if not 1 <= args.port <= 65535:
        raise o.CLIError(f"--port {args.port} is not a port number: give one from 1 to 65535")
    package = o.package_arg(args)
    print(f"turaz-data serve: the tables at http://{args.host}:{args.port}/{DB_NAME} (Ctrl-C stops)", file=sys.stderr)
    return serve(host=args.host, port=args.port, package=package, open_browser=args.open)


def register(sub, add) -> None:
    sp = add("serve", _cmd_serve,
             "Browse the tables in a web browser (Datasette, on this computer only): descriptions, "
             "facets, search, links between tables, each claim row's footnote and cited works "
             "(needs: pip install 'turaz-data[serve]').",
             "turaz-data serve --port 8001")
    sp.add_argument("--port", type=int, default=8001, help="the port to listen on (default 8001)")
    sp.add_argument("--host", default="127.0.0.1",
                    help="the address to listen on (default 127.0.0.1: this computer only)")
    sp.add_argument("--open", action="store_true", help="open the page in the web browser")
    o.add_package(sp, "browse another copy of the tables, given its datapackage.json or its folder")
