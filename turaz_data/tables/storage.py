"""Where the data lives, and reading and writing its CSV files.

The shipped tables and ``datapackage.json`` are read through ``importlib.resources``:
in an installed wheel they are package data under ``turaz_data/_data``; in a source
checkout (development, editable install) they are at the top of the repository,
beside the package. :func:`package_root` also accepts another copy of the tables
(a contributor's fork) through the path of its ``datapackage.json``.

Standard library only, except :func:`load_frame` (pandas, imported when called).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import stat
import tempfile
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Iterable, Iterator

from turaz_data.errors import UnknownTableError
from turaz_data.tables.rules import LIST_DELIMITER


@cache
def _default_root() -> Traversable:
    pkg = files("turaz_data")
    packaged = pkg.joinpath("_data")
    if packaged.joinpath("datapackage.json").is_file():
        return packaged
    source = Path(str(pkg)).parent  # a source checkout: the repository root
    if (source / "datapackage.json").is_file():
        return source
    raise FileNotFoundError(
        "turaz_data cannot find its data (datapackage.json). Reinstall the package "
        "(pip install turaz-data) or run from a complete source checkout."
    )


def package_root(package: str | os.PathLike | None = None) -> Traversable:
    """The folder holding datapackage.json: the shipped one, or that of ``package``."""
    if package is None:
        return _default_root()
    p = Path(package)
    if p.is_dir():
        p = p / "datapackage.json"
    if not p.is_file():
        raise FileNotFoundError(f"No datapackage.json at {p}.")
    return p.parent


@cache
def _descriptor(root: Traversable) -> dict:
    return json.loads(root.joinpath("datapackage.json").read_text(encoding="utf-8"))


def descriptor(package: str | os.PathLike | None = None) -> dict:
    """The parsed datapackage.json."""
    return _descriptor(package_root(package))


def table_names(package=None) -> list[str]:
    return [r["name"] for r in descriptor(package)["resources"]]


def resource(name: str, package=None) -> dict:
    for r in descriptor(package)["resources"]:
        if r["name"] == name:
            return r
    raise UnknownTableError(name, table_names(package))


def table_path(name: str, package=None) -> Traversable:
    return package_root(package).joinpath(resource(name, package)["path"])


# --------------------------------------------------------------------------- cells


def parse_cell(field: dict, raw: str) -> Any:
    """A CSV cell as a Python value, by its Table Schema field (no validation)."""
    if raw == "":
        return [] if field["type"] == "list" else None
    t = field["type"]
    if t == "list":
        return raw.split(field.get("delimiter", LIST_DELIMITER))
    if t == "integer":
        return int(raw)
    if t == "number":
        return float(raw)
    return raw


def format_cell(value: Any) -> str:
    """A Python value as a CSV cell, canonically (so writing twice gives the same bytes)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return LIST_DELIMITER.join(format_cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_rows(name: str, package=None) -> list[dict]:
    """The rows of a table as dicts of Python values (lists split, empty cells None)."""
    res = resource(name, package)
    by_name = {f["name"]: f for f in res["schema"]["fields"]}
    text = table_path(name, package).read_text(encoding="utf-8")
    return [
        {k: parse_cell(by_name[k], v) for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]


def sort_key(res: dict):
    pk = res["schema"]["primaryKey"]
    types = {f["name"]: f["type"] for f in res["schema"]["fields"]}

    def key(row: dict):
        return tuple((0, row[k]) if types[k] in ("integer", "number") else (1, str(row[k])) for k in pk)

    return key


def render_csv(res: dict, rows: Iterable[dict]) -> bytes:
    """Rows as the canonical CSV bytes of a resource: its column order, sorted by key."""
    cols = [f["name"] for f in res["schema"]["fields"]]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(cols)
    for row in sorted(rows, key=sort_key(res)):
        w.writerow([format_cell(row.get(c)) for c in cols])
    return buf.getvalue().encode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block ends
    without an error, removed otherwise, so a crash leaves the old file intact.

    The new file keeps the mode of the file it replaces, or gets the ordinary mode of a new
    file (``0o666`` less the umask) when there was none: the temporary file's private mode
    never shows. The rename is an atomic step on POSIX and Windows.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file intact (see :func:`atomic_path`).

    The bytes are flushed and fsynced before the rename; the file keeps its mode.

    >>> import tempfile, pathlib
    >>> folder = tempfile.TemporaryDirectory()
    >>> target = pathlib.Path(folder.name) / "t.csv"
    >>> _ = target.write_bytes(b"old\\n"); target.chmod(0o640)
    >>> atomic_write(target, b"new\\n")
    >>> target.read_bytes(), oct(target.stat().st_mode & 0o777)
    (b'new\\n', '0o640')
    >>> folder.cleanup()
    """
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


# --------------------------------------------------------------------------- frames


def frame_from_rows(res: dict, rows: list[dict]):
    """A typed DataFrame from parsed rows (see :func:`turaz_data.load`)."""
    return _frame_from_columns(res, {f["name"]: [r.get(f["name"]) for r in rows] for f in res["schema"]["fields"]})


def _frame_from_columns(res: dict, columns: dict[str, list]):
    """A typed DataFrame from parsed values, column by column (as :func:`parse_cell` gives them)."""
    import pandas as pd

    from turaz_data.tables.edtf import EDTF_TS_PATTERN

    fields = res["schema"]["fields"]
    data: dict[str, Any] = {}
    for f in fields:
        name, t = f["name"], f["type"]
        values = columns[name]
        required = f.get("constraints", {}).get("required", False)
        if t == "integer":
            exact = required and all(isinstance(v, int) for v in values)
            data[name] = pd.array(values, dtype="int64" if exact else "Int64")
        elif t == "number":
            data[name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif t == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        elif t == "list":
            s = pd.Series(values, dtype="object")
            data[name] = s
        else:
            data[name] = pd.array(values, dtype="string")
        if f.get("constraints", {}).get("pattern") == EDTF_TS_PATTERN:
            data[f"{name}_lower"], data[f"{name}_upper"] = _bounds_columns(values)
    return pd.DataFrame(data)


def _bounds_columns(values: list):
    """The lower and upper bounds of EDTF values as two datetime Series, each distinct
    value bounded once (a large file repeats its dates)."""
    import numpy as np
    import pandas as pd

    if not len(values):
        empty = pd.to_datetime(pd.Series([], dtype="object"))
        return empty, empty.copy()
    codes, uniques = pd.factorize(pd.Series(values, dtype="object"), use_na_sentinel=True)
    lo_hi = [_safe_bounds(v) for v in uniques] + [(None, None)]  # the last one for empty cells
    codes = np.where(codes < 0, len(lo_hi) - 1, codes)
    out = []
    for k in (0, 1):
        conv = pd.to_datetime(pd.Series([b[k] for b in lo_hi], dtype="object"))
        out.append(pd.Series(conv.array.take(codes)))
    return out[0], out[1]


def _safe_bounds(value):
    """EDTF bounds, or (None, None) for an empty or invalid date (validation reports it)."""
    from turaz_data.tables.edtf import bounds

    if not isinstance(value, str) or not value:
        return (None, None)
    try:
        return bounds(value)
    except ValueError:
        return (None, None)


def _read_columns(name: str, package=None) -> dict[str, list] | None:
    """The cells of a table, column by column, parsed as :func:`read_rows` parses them;
    None when the file is not plainly one row per line under its header (then the
    caller falls back to :func:`read_rows`). pandas' C parser does the splitting, which is
    several times faster than csv.DictReader and a dict per row."""
    import pandas as pd

    res = resource(name, package)
    fields = res["schema"]["fields"]
    try:
        with table_path(name, package).open("rb") as fh:
            df = pd.read_csv(fh, dtype=object, na_filter=False, keep_default_na=False, encoding="utf-8",
                             index_col=False, skip_blank_lines=True, on_bad_lines="error")
    except (ValueError, pd.errors.ParserError):
        return None
    if list(df.columns) != [f["name"] for f in fields]:
        return None
    cols: dict[str, list] = {}
    for f in fields:
        raw = df[f["name"]].to_numpy(dtype=object)
        if not all(type(v) is str for v in raw):  # a short row: let read_rows say what it does
            return None
        t = f["type"]
        if t == "list":
            d = f.get("delimiter", LIST_DELIMITER)
            cols[f["name"]] = [v.split(d) if v else [] for v in raw]
        elif t == "integer":
            cols[f["name"]] = [int(v) if v else None for v in raw]
        elif t == "number":
            cols[f["name"]] = [float(v) if v else None for v in raw]
        else:
            cols[f["name"]] = [v or None for v in raw]
    return cols


def load_frame(name: str, package=None):
    res = resource(name, package)
    cols = _read_columns(name, package)
    if cols is None:
        return frame_from_rows(res, read_rows(name, package))
    return _frame_from_columns(res, cols)
