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

#: The csv module's field limit while turaz_data reads (see :func:`raise_field_limit`): far
#: above any real cell, low enough that one runaway quoted cell cannot exhaust memory.
CSV_FIELD_LIMIT = 32 << 20


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
        if os.path.lexists(p):  # a named pipe, a device, a dangling link: never opened
            from turaz_data.tables.confine import PackageError, special_file

            raise PackageError(str(p), [f"[path_not_file] {special_file(p) or 'is not a regular file'}"])
        raise FileNotFoundError(f"No datapackage.json at {p}.")
    return p.parent


@cache
def _descriptor(root: Traversable) -> dict:
    if isinstance(root, Path):  # a folder on disk: confined (see turaz_data.tables.confine)
        from turaz_data.tables.confine import PackageError, column_problems, read_descriptor

        desc = read_descriptor(root / "datapackage.json")
        shipped = _default_root()
        if root != shipped:  # another copy: its tables have the columns of the models
            problems = column_problems(desc, _descriptor(shipped))
            if problems:
                raise PackageError(str(root / "datapackage.json"), problems,
                                   "regenerate datapackage.json from the models (python scripts/generate.py)")
        return desc
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


def table_path(name: str, package=None, *, write: bool = False) -> Traversable:
    """The file of a table, checked to lie inside the package (``write``: and not to be a
    symbolic link); :class:`turaz_data.tables.confine.PackageError` otherwise."""
    root = package_root(package)
    rel = resource(name, package)["path"]
    if isinstance(root, Path):
        from turaz_data.tables.confine import resolve

        return resolve(root, rel, write=write)
    return root.joinpath(rel)


def package_file(rel: str, package=None) -> Traversable | None:
    """Another file of the package (such as docs/codebook.md) when it is a regular file
    inside the package folder, else None (a link leading out of it is not followed)."""
    from turaz_data.tables.confine import PackageError, resolve

    root = package_root(package)
    if not isinstance(root, Path):
        p = root.joinpath(*rel.split("/"))
        return p if p.is_file() else None
    try:
        p = resolve(root, rel)
    except PackageError:
        return None
    return p if p.is_file() else None


def raise_field_limit() -> None:
    """Let Python's csv module read cells up to :data:`CSV_FIELD_LIMIT` (its default stops
    at 128 kB), so every reader of a file gives the same answer for a large cell; a cell's
    length is a rule of its column, checked and worded by the validator."""
    csv.field_size_limit(CSV_FIELD_LIMIT)


# --------------------------------------------------------------------------- cells


def list_delimiter(field: dict) -> str | None:
    """The item delimiter of a list column, or None when the field is not a list.

    A list column is a ``string`` field with a ``delimiter`` (how datapackage.json
    declares them, so that readers without the Data Package v2 ``list`` type, such as
    frictionless R, read them as text), or a v2 ``list`` field (older descriptors, forks).
    """
    if field["type"] == "list":
        return field.get("delimiter", LIST_DELIMITER)
    if field["type"] == "string" and field.get("delimiter"):
        return field["delimiter"]
    return None


def is_list_field(field: dict) -> bool:
    """Whether a Table Schema field of a descriptor holds a list (see :func:`list_delimiter`)."""
    return list_delimiter(field) is not None


def parse_cell(field: dict, raw: str) -> Any:
    """A CSV cell as a Python value, by its Table Schema field (no validation)."""
    delim = list_delimiter(field)
    if raw == "":
        return [] if delim else None
    t = field["type"]
    if delim:
        return raw.split(delim)
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
    fields = res["schema"]["fields"]
    path = table_path(name, package)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        _bad_table(path, [f"is not UTF-8 (byte {e.start + 1} of the file): save it as UTF-8"])
    raise_field_limit()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        names = [f["name"] for f in fields]
        if header != names:
            _bad_table(path, [_header_problem(header, names)])
        rows, problems = [], []
        for cells in reader:
            if not cells:
                continue
            if len(cells) > len(fields):
                problems.append(f"line {reader.line_num}: {len(cells)} cells, the header has {len(fields)}")
                continue
            cells += [""] * (len(fields) - len(cells))  # missing trailing cells are empty, as csv.DictReader had them
            try:
                rows.append({f["name"]: parse_cell(f, v) for f, v in zip(fields, cells, strict=True)})
            except ValueError:
                problems.append(f"line {reader.line_num}: a cell is not of its column's type "
                                "(run 'turaz-data validate' on the file to see which)")
            if len(problems) >= 20:
                break
    except csv.Error as e:
        _bad_table(path, [f"line {reader.line_num}: not valid CSV ({e})"])
    if problems:
        _bad_table(path, problems)
    return rows


def _bad_table(path, problems: list[str]):
    from turaz_data.tables.confine import PackageError

    raise PackageError(str(path), problems)


def _header_problem(header: list[str] | None, names: list[str]) -> str:
    from turaz_data.tables.invisible import visible

    if not header:
        return "is empty: the first line must be the header"
    shown = ", ".join(visible(h[:40]) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    return (f"its header ({shown}) is not the columns of the descriptor "
            f"({', '.join(names)}); write the header as 'turaz-data template' gives it")


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


# --------------------------------------------------------------------------- date bounds


def bound_fields(res: dict) -> dict[str, list[dict]]:
    """The columns derived from each EDTF date column of a resource, by that column's name.

    For a column ``date``: ``date_lower`` and ``date_upper`` (the earliest and latest day
    the EDTF value can mean, as dates) and ``year_lower`` and ``year_upper`` (their years;
    another EDTF column ``x`` gets ``x_year_lower`` and ``x_year_upper``). ``load()`` and the
    sqlite, parquet, xlsx and dta exports add them; the CSV files keep EDTF only.
    """
    from turaz_data.tables.edtf import EDTF_TS_PATTERN

    out: dict[str, list[dict]] = {}
    for f in res["schema"]["fields"]:
        if f.get("constraints", {}).get("pattern") != EDTF_TS_PATTERN:
            continue
        n = f["name"]
        y = "year" if n == "date" else f"{n}_year"
        src = f"Derived from the EDTF {n}, which the CSV file keeps as the one source."
        out[n] = [
            {"name": f"{n}_lower", "type": "date", "title": f"{f.get('title', n)}: earliest day",
             "description": f"Earliest day {n} can mean; empty for an open start. {src}"},
            {"name": f"{n}_upper", "type": "date", "title": f"{f.get('title', n)}: latest day",
             "description": f"Latest day {n} can mean; empty for an open end. {src}"},
            {"name": f"{y}_lower", "type": "integer", "title": f"{f.get('title', n)}: first year",
             "description": f"Year of {n}_lower, the first year {n} can mean. {src}"},
            {"name": f"{y}_upper", "type": "integer", "title": f"{f.get('title', n)}: last year",
             "description": f"Year of {n}_upper, the last year {n} can mean. {src}"},
        ]
    return out


def with_bounds(res: dict, rows: list[dict]) -> tuple[dict, list[dict]]:
    """A resource and its rows with the :func:`bound_fields` inserted after each EDTF column.

    Derived values are ISO date strings and integer years, as :func:`read_rows` gives cells.
    """
    derived = bound_fields(res)
    if not derived:
        return res, rows
    fields = []
    for f in res["schema"]["fields"]:
        fields.append(f)
        fields += derived.get(f["name"], [])
    out_res = {**res, "schema": {**res["schema"], "fields": fields}}
    out_rows = []
    for r in rows:
        r = dict(r)
        for n, (lo_f, hi_f, ylo_f, yhi_f) in derived.items():
            lo, hi = _safe_bounds(r.get(n))
            r[lo_f["name"]] = lo.isoformat() if lo else None
            r[hi_f["name"]] = hi.isoformat() if hi else None
            r[ylo_f["name"]] = lo.year if lo else None
            r[yhi_f["name"]] = hi.year if hi else None
        out_rows.append(r)
    return out_res, out_rows


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
        name, t = f["name"], ("list" if is_list_field(f) else f["type"])
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
            lo_f, hi_f, ylo_f, yhi_f = bound_fields({"schema": {"fields": [f]}})[name]
            lo, hi = _bounds_columns(values)
            data[lo_f["name"]], data[hi_f["name"]] = lo, hi
            data[ylo_f["name"]] = lo.dt.year.astype("Int64")
            data[yhi_f["name"]] = hi.dt.year.astype("Int64")
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
        d = list_delimiter(f)
        if d:
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
