"""Errors for people: every problem carries table, row, column, value, rule and a hint.

Standard library only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


def shorten(value: object, width: int = 60) -> str:
    """A value as shown in a report: repr-like, at most ``width`` characters."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell, row or file.

    ``row`` is the data row number counted from 1 (the first row under the header);
    ``line`` is the line in the CSV file where known. ``rule`` is a stable code,
    ``message`` says what is wrong and ``hint`` how to fix it.
    """

    table: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    message: str
    hint: str = ""
    line: int | None = None
    file: str | None = None

    def to_text(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        elif self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            from turaz_data.tables.invisible import visible

            where.append(f"column {visible(self.column)}")
        head = ", ".join(where) or self.table
        val = f" value {shorten(self.value)!r}" if self.value is not None else ""
        hint = f" Fix: {self.hint}" if self.hint else ""
        return f"{head}:{val} [{self.rule}] {self.message}.{hint}"

    def to_dict(self) -> dict:
        return asdict(self)


class TurazError(Exception):
    """Base class of the package's errors."""


class UnknownTableError(TurazError, KeyError):
    def __init__(self, name: str, names: list[str]):
        self.name = name
        super().__init__(name)
        self.message = f"No table named {name!r}. The tables are: {', '.join(names)} (see turaz_data.table_names())."

    def __str__(self) -> str:
        return self.message


class TurazValidationError(TurazError, ValueError):
    """A table failed validation; ``problems`` lists every failure."""

    def __init__(self, table: str, problems: list[Problem]):
        self.table = table
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in table {table!r}:"]
        lines += ["  " + p.to_text() for p in problems]
        super().__init__("\n".join(lines))


class MissingDependencyError(TurazError, ImportError):
    """An optional dependency is not installed; the message says how to install it."""

    def __init__(self, module: str, extra: str, purpose: str):
        self.module = module
        self.extra = extra
        super().__init__(
            f"{purpose} needs {module}, which is not installed. "
            f"Install it with: pip install 'turaz-data[{extra}]'"
        )


def require(module: str, extra: str, purpose: str):
    """Import an optional dependency, or raise :class:`MissingDependencyError`."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra, purpose) from None
