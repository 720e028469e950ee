"""The ``turaz-data`` command line: ``main`` parses and dispatches; one module per command group."""

from turaz_data.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
