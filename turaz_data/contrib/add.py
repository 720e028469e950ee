"""Merge a valid contributed file into a table (``turaz-data add``), and the empty file a
contributor starts from (``turaz-data template``).

:func:`add_file` validates with :func:`turaz_data.contrib.engine.validate_file`, then merges
the rows into ``tables/NAME.csv`` with :func:`turaz_data.tables.storage.atomic_write`, so the
table is either replaced whole by a valid result or left byte for byte as it was.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from turaz_data.contrib.engine import DEFAULT_CHUNK_ROWS, _reference_keys, validate_file
from turaz_data.contrib.report import ContribError, Report
from turaz_data.tables.fields import fields
from turaz_data.tables.models import TABLES_BY_NAME

#: Lines starting with this character are comments and are skipped.
COMMENT = "#"
#: The lock file ``add`` holds, beside the package's datapackage.json.
LOCK_NAME = ".turaz-add.lock"
#: Seconds ``add`` waits for another add to finish.
LOCK_TIMEOUT = 60.0


@dataclass
class AddResult:
    report: Report
    path: str | None = None
    added: int = 0
    replaced: int = 0
    written: bool = False


def _writable_root(package) -> Path:
    from turaz_data.tables.storage import package_root

    root = Path(str(package_root(package)))
    if root.name == "_data" and (root.parent / "__init__.py").is_file():
        raise ContribError(
            f"the tables at {root} belong to an installed turaz-data package; add changes the tables "
            "of a source checkout: run it in a clone of the repository, or pass "
            "--package PATH/datapackage.json of the copy to change")
    if not os.access(root / "tables", os.W_OK):
        raise ContribError(f"cannot write to {root / 'tables'}: the folder is read-only")
    return root


def add_file(
    source: str | os.PathLike,
    table: str,
    *,
    replace: bool = False,
    package: str | os.PathLike | None = None,
    article: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_problems: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> AddResult:
    """Validate ``source``, then merge its rows into the table of ``package``.

    New keys are added, existing keys replaced only with ``replace``; the table is
    rendered with :func:`turaz_data.tables.storage.render_csv` (its column order, sorted by key)
    and written with :func:`turaz_data.tables.storage.atomic_write`. When the file is invalid, or
    anything fails before the final rename, the table is left as it was.

    The whole add (validation against the shipped keys, merge, write) holds a lock on
    the package (``.turaz-add.lock`` beside its datapackage.json), so two adds at once
    run one after the other and neither loses the other's rows; an add that waits more
    than ``lock_timeout`` seconds gives up with a :class:`ContribError`.
    """
    from filelock import FileLock, Timeout

    root = _writable_root(package)
    lock = root / LOCK_NAME
    try:
        with FileLock(str(lock), timeout=lock_timeout):
            return _add_locked(source, table, replace=replace, package=package, article=article,
                               chunk_rows=chunk_rows, max_problems=max_problems, progress=progress)
    except Timeout:
        raise ContribError(
            f"another 'turaz-data add' is changing the tables of {root} (it holds {lock}); waited "
            f"{lock_timeout:g} s. Run the add again when that one has finished; nothing was written") from None
    except PermissionError as e:
        raise ContribError(f"cannot create the lock file {lock}: {e.strerror or e}; nothing was written") from None


def _add_locked(source, table: str, *, replace: bool, package, article, chunk_rows: int,
                max_problems: int | None, progress) -> AddResult:
    from turaz_data.errors import TurazValidationError
    from turaz_data.tables.schemas import build_schema, validate
    from turaz_data.tables.storage import atomic_write, frame_from_rows, read_rows, render_csv, resource, table_path

    report = validate_file(source, table, package=package, replace=replace, article=article,
                           chunk_rows=chunk_rows, max_problems=max_problems, progress=progress, _collect=True)
    path = Path(str(table_path(table, package)))
    result = AddResult(report=report, path=str(path))
    if not report.valid:
        return result
    res = resource(table, package)
    pk = TABLES_BY_NAME[table].primary_key
    merged = {tuple(r[k] for k in pk): r for r in read_rows(table, package)}
    for row in report.collected or []:
        key = tuple(row[k] for k in pk)
        if key in merged:
            result.replaced += 1
        else:
            result.added += 1
        merged[key] = row
    rows = list(merged.values())
    # Belt and braces: the merged table must pass the table's own schema.
    refs = _reference_keys(table, package, None)
    for f in fields(table):
        if f.fk and f.fk.split(".")[0] == table:
            refs[table] = {r[f.fk.split(".")[1]] for r in rows}
    try:
        validate(frame_from_rows(res, rows), table, build_schema(table, refs=refs))
    except TurazValidationError as e:
        raise ContribError(f"the merged table would not be valid; nothing was written:\n{e}") from None
    data = render_csv(res, rows)
    if path.read_bytes() != data:
        try:
            atomic_write(path, data)
        except OSError as e:
            raise ContribError(f"could not write {path}: {e.strerror or e}; the table is unchanged") from None
        result.written = True
    return result


# --------------------------------------------------------------------------- template


def template(table: str) -> str:
    """An empty CSV for ``table``: the header, then a commented example row."""
    from turaz_data.errors import UnknownTableError
    from turaz_data.tables.storage import format_cell

    if table not in TABLES_BY_NAME:
        raise UnknownTableError(table, list(TABLES_BY_NAME))
    from turaz_data.tables.models import EXAMPLE_ROWS

    fs = fields(table)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f.name for f in fs])
    head = buf.getvalue()
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    example = EXAMPLE_ROWS.get(table) or {f.name: f.example for f in fs}
    w.writerow([format_cell(example.get(f.name)) for f in fs])
    return (head
            + f"# Lines starting with '#' are comments and are skipped. Example row of {table} below: "
            "remove its '#' and edit it, or write your rows under the header.\n"
            + COMMENT + buf.getvalue())
