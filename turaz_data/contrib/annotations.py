"""``--format github``: problems as GitHub Actions workflow commands, so that each one
appears on its line of the pull request.

One line per problem: ``::error file=F,line=L,col=C,title=T::MESSAGE``. As GitHub
documents for workflow commands, the message escapes ``%`` ``\\r`` ``\\n`` (as ``%25``
``%0D`` ``%0A``) and the properties escape those and also ``:`` and ``,`` (``%3A``
``%2C``). Standard library only.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, file: str | None = None, line: int | None = None,
            col: int | None = None, title: str | None = None) -> str:
    """One workflow command (``level``: error, warning or notice)."""
    props = [(k, v) for k, v in (("file", file), ("line", line), ("col", col), ("title", title)) if v is not None]
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{level}{' ' + head if head else ''}::{escape_data(message)}"


def repo_path(path: str | os.PathLike) -> str:
    """``path`` relative to the working directory (the repository root in a workflow)
    when it lies under it, with forward slashes; else as given."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def _field_columns(text: str) -> list[int]:
    """The 1-based character column where each CSV field of one line starts."""
    starts, quoted, i = [1], False, 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"':
                if text[i + 1:i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"':
            quoted = True
        elif ch == ",":
            starts.append(i + 2)
        i += 1
    return starts


def _columns_of(path: str, lines: set[int]) -> tuple[list[str], dict[int, list[int]]]:
    """The header and, for each wanted line of a CSV file, where its fields start."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return [], {}
    # the file's own lines (LF, CRLF), not str.splitlines(), which also breaks at U+2028 and others
    physical = [line.removesuffix("\r") for line in text.split("\n")]
    header: list[str] = []
    for raw in physical:
        if raw and not raw.startswith("#"):
            header = next(csv.reader(io.StringIO(raw)), [])
            break
    return header, {n: _field_columns(physical[n - 1]) for n in lines if 0 < n <= len(physical)}


def report_lines(report, *, csv_file: bool = True) -> list[str]:
    """The problems of a contributed file's report (:class:`turaz_data.contrib.engine.Report`)
    as workflow commands; a CSV file's cells also get their character column."""
    file = repo_path(report.file)
    problems = ([report.fatal] if report.fatal else []) + list(report.problems)
    header, cols = (_columns_of(report.file, {p.line for p in problems if p.line}) if csv_file else ([], {}))
    out = []
    for p in problems:
        col = None
        if p.column in header and p.line in cols and header.index(p.column) < len(cols[p.line]):
            col = cols[p.line][header.index(p.column)]
        where = f"{p.column}: " if p.column else ""
        val = f"value {p.value!r} " if p.value is not None else ""
        fix = f" Fix: {p.hint}" if p.hint else ""
        out.append(command("error", f"{where}{val}{p.message}.{fix}", file=file, line=p.line, col=col,
                           title=f"turaz-data {p.rule}"))
    for p in report.notices:
        out.append(command("notice", f"{p.column + ': ' if p.column else ''}{p.message}.", file=file, line=p.line,
                           title=f"turaz-data {p.rule}"))
    return out


def verify_lines(report, package=None) -> list[str]:
    """The failing rows of a :class:`turaz_data.source.verify.VerifyReport` as workflow
    commands on the line of each row in its table's CSV file."""
    from turaz_data.tables.storage import table_path

    out = []
    found: dict[str, dict[str, int]] = {}
    for f in report.failures:
        if f.table not in found:
            path = str(table_path(f.table, package)) if f.table != "?" else ""
            found[f.table] = _id_lines(path) if path else {}
            found[f.table + ":path"] = path  # type: ignore[assignment]
        path = found[f.table + ":path"]
        for message in f.messages():
            out.append(command("error", f"{f.label}: {message}", file=repo_path(path) if path else None,
                               line=found[f.table].get(f.id), title="turaz-data verify"))
    return out


def _id_lines(path: str) -> dict[str, int]:
    """The line of each row of a table's CSV file, by its first column (the id)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    out: dict[str, int] = {}
    last = 0
    for cells in reader:
        line, last = last + 1, reader.line_num
        if cells and line > 1:
            out.setdefault(cells[0], line)
    return out


__all__ = ["command", "escape_data", "escape_property", "repo_path", "report_lines", "verify_lines"]
