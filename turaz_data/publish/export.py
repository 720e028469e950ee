"""Export the tables to other formats: a data package zip, SQLite, Excel, Parquet,
BibTeX and CSL-JSON.

>>> from turaz_data.publish.export import export
>>> export("sqlite", "turaz.sqlite")            # doctest: +SKIP
PosixPath('turaz.sqlite')

Every export is built from the CSV files and datapackage.json (which is generated
from the table models), so column names, types, titles, descriptions and keys are
never listed here by hand. The same data gives the same bytes, run after run:

- ``zip``: a Frictionless data package (datapackage.json at the top, the CSV files as
  shipped, CITATION.cff and the codebook); member timestamps are fixed to the release
  date and members are written in a fixed order. ``frictionless validate`` accepts it.
- ``sqlite``: one table per resource with its primary key, NOT NULL and FOREIGN KEY
  constraints. A list column is stored as a JSON array (``["tur","aze"]``), which
  SQLite's JSON functions and Datasette's array facets understand; a list whose items
  are foreign keys also gets a link table ``<table>_<column>`` (parent key, position,
  item) with declared foreign keys, so ``PRAGMA foreign_key_check`` covers them too.
  ``_metadata`` holds the package metadata (and the whole datapackage.json), ``_fields``
  every column's title, type and description. The file is VACUUMed, so pages are in
  order; it is byte-identical for the same data and the same SQLite library version
  (SQLite writes its own version number into the file header).
- ``xlsx``: a README sheet, a ``codes`` sheet (table, column, code, meaning for every
  coded column), then one sheet per table (list cells joined with ``|`` as in the CSV,
  access dates as Excel dates, each EDTF date followed by its ``_lower`` and ``_upper``
  bounds as Excel dates); column widths follow the content and long text wraps. The workbook's created/modified dates are
  the release date and the zip members' timestamps are fixed.
- ``parquet``: a folder with one ``<table>.parquet`` per table (a Parquet file holds
  one table), typed: int64, float64, date32, string, and list<string> for list
  columns; column titles and descriptions are in the Parquet field metadata.
  Byte-identical for the same pyarrow version (the writer's version is in the file).
- ``bibtex`` and ``csl-json``: the works table and the article itself, for Zotero and
  other reference managers (the key/id of each work is its ``work_id``).
- ``datasette``: a folder with the SQLite database plus full-text indexes and the
  ``claim_sources`` view, Datasette's ``metadata.json`` and the figures, for
  ``datasette publish`` (see :mod:`turaz_data.publish.browse`).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Callable

from turaz_data.errors import require
from turaz_data.publish import metadata
from turaz_data.tables.storage import (
    atomic_path,
    atomic_write,
    descriptor,
    format_cell,
    package_file,
    package_root,
    read_rows,
    table_path,
)

#: Export formats and the file name suffix each conventionally has.
FORMATS: dict[str, str] = {
    "zip": ".zip",
    "sqlite": ".sqlite",
    "xlsx": ".xlsx",
    "parquet": "",  # a folder
    "dta": "",  # a folder
    "bibtex": ".bib",
    "csl-json": ".json",
}

#: Formats written as a folder rather than a file.
FOLDER_FORMATS = ("parquet", "dta", "datasette")

#: Timestamp of every zip member (zip, xlsx): the release date, at midnight.
ZIP_DATE = tuple(int(p) for p in metadata.RELEASE_DATE.split("-")) + (0, 0, 0)


def _tables(package=None) -> list[tuple[dict, list[dict]]]:
    """The tables as (resource, rows), with the date bounds of their EDTF columns
    (:func:`~turaz_data.tables.storage.with_bounds`), then the year and dyad-year panels."""
    from turaz_data.tables.storage import with_bounds

    out = [with_bounds(res, read_rows(res["name"], package)) for res in descriptor(package)["resources"]]
    return out + _panels(package)


def _panels(package=None) -> list[tuple[dict, list[dict]]]:
    """The year and dyad-year panels (:mod:`turaz_data.publish.views`) as resources with rows."""
    from turaz_data.publish import views

    if not {"events", "agreements", "arms_transfers", "actors"} <= {r["name"] for r in descriptor(package)["resources"]}:
        return []
    out = []
    for dyad in (False, True):
        name = "dyad_panel" if dyad else "panel"
        res = {
            "name": name,
            "title": "Dyad-year panel" if dyad else "Year panel",
            "description": ("Counts per pair of states (COW codes) and year, " if dyad else "Counts per year, ")
            + f"{views.FIRST_YEAR}-{views.LAST_YEAR}. {views.PANEL_RULE}",
            "schema": {"fields": [{**f, "constraints": {"required": True}} for f in views.panel_fields(dyad)],
                       "primaryKey": ["year", "ccode1", "ccode2"] if dyad else ["year"]},
        }
        out.append((res, views.panel_rows(dyad=dyad, package=package)))
    return out


def _fields(res: dict) -> list[dict]:
    return res["schema"]["fields"]


def _type(f: dict) -> str:
    """A descriptor field's type, 'list' for list columns (storage.list_delimiter)."""
    from turaz_data.tables.storage import is_list_field

    return "list" if is_list_field(f) else f["type"]


def _required(f: dict) -> bool:
    return bool(f.get("constraints", {}).get("required"))


def deterministic_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``members`` (name, bytes), in that order, with fixed timestamps and modes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


# --------------------------------------------------------------------------- zip


def _codebook(package) -> bytes | None:
    for rel in ("codebook.md", "docs/codebook.md"):
        p = package_file(rel, package)  # inside the package folder, links out of it not followed
        if p is not None:
            return p.read_bytes()
    return None


def zip_name(name: str) -> str:
    """``name`` when it is a safe zip entry name: relative, '/'-separated, no '..'
    (so the archive extracts inside its own folder); ValueError otherwise."""
    from turaz_data.tables.confine import path_problem

    problem = path_problem(name)
    if problem:
        raise ValueError(f"refusing zip entry {name!r}: {problem}")
    return name


def to_zip(output: Path, package=None) -> None:
    from turaz_data.publish.citing import cff_text

    root = package_root(package)
    desc = descriptor(package)
    members = [("datapackage.json", root.joinpath("datapackage.json").read_bytes())]
    for res in desc["resources"]:
        members.append((zip_name(res["path"]), table_path(res["name"], package).read_bytes()))
    members.append(("CITATION.cff", cff_text().encode("utf-8")))
    codebook = _codebook(package)
    if codebook is not None:
        members.append(("codebook.md", codebook))
    atomic_write(output, deterministic_zip(members))


def check_tables(package) -> None:
    """Validate every table of ``package`` (another copy of the tables) before it is
    exported: its resources must be the tables of the models, with their columns, and
    each must pass its schema (text rules included, so no cell starts a formula), with
    foreign keys resolved in the package itself. Raises
    :class:`~turaz_data.tables.confine.PackageError` listing every problem."""
    from turaz_data.errors import Problem, TurazValidationError
    from turaz_data.tables.fields import fields
    from turaz_data.tables.models import TABLES_BY_NAME
    from turaz_data.tables.schemas import build_schema, validate
    from turaz_data.tables.storage import load_frame, resource

    desc = descriptor(package)
    problems: list[Problem] = []
    names = [r["name"] for r in desc["resources"]]
    for name in names:
        if name not in TABLES_BY_NAME:
            problems.append(Problem(name, None, None, None, "unknown_table",
                                    f"resource {name!r} is not a table of turaz_data, so no rule checks it",
                                    "remove it from datapackage.json before exporting"))
            continue
        cols = [f["name"] for f in resource(name, package)["schema"]["fields"]]
        if cols != [f.name for f in fields(name)]:
            problems.append(Problem(name, None, None, None, "columns",
                                    f"the columns of {name!r} in datapackage.json are not those of the table",
                                    "regenerate datapackage.json (python scripts/generate.py)"))
    missing = [t for t in TABLES_BY_NAME if t not in names]
    if problems or missing:
        problems += [Problem(t, None, None, None, "missing_table", f"the package has no table {t!r}", "")
                     for t in missing]
        _refuse(package, problems)
    keys: dict[str, set] = {}
    for name in names:
        for f in fields(name):
            if f.fk:
                res, col = f.fk.split(".")
                keys.setdefault(res, set()).update(r[col] for r in read_rows(res, package))
    for name in names:
        try:
            validate(load_frame(name, package), name, build_schema(name, refs=keys))
        except TurazValidationError as e:
            rel = resource(name, package)["path"]
            problems += [dataclasses.replace(p, file=rel) for p in e.problems]
    if problems:
        _refuse(package, problems)


def _refuse(package, problems) -> None:
    from turaz_data.tables.confine import PackageError

    where = f"nothing was exported: the tables of {package_root(package).joinpath('datapackage.json')} are not valid"
    raise PackageError(where, [p.to_text() for p in problems])


# --------------------------------------------------------------------------- SQLite

_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "string": "TEXT", "date": "TEXT", "list": "TEXT"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def link_table(res: dict, f: dict) -> str:
    """Name of the SQLite link table of a list column whose items are foreign keys."""
    return f"{res['name']}_{f['name']}"


def _list_fks(res: dict) -> list[tuple[dict, str, str]]:
    """List columns whose items are foreign keys: (field, resource, column), from the models."""
    from turaz_data.tables.fields import fields

    by_name = {f["name"]: f for f in _fields(res)}
    try:
        descs = fields(res["name"])
    except KeyError:  # a resource the models do not know (a fork): no link tables
        return []
    return [(by_name[d.name], *d.fk.split(".")) for d in descs if d.is_list and d.fk and d.name in by_name]


def _sql_value(f: dict, value):
    if _type(f) == "list":
        return json.dumps(value or [], ensure_ascii=False)
    return value


def sqlite_metadata(desc: dict) -> list[tuple[str, str]]:
    """The rows of the ``_metadata`` table."""
    from turaz_data.publish.citing import cite

    src = (desc.get("sources") or [{}])[0]
    lic = (desc.get("licenses") or [{}])[0]
    rows = [
        ("name", desc.get("name")),
        ("title", desc.get("title")),
        ("description", desc.get("description")),
        ("version", desc.get("version")),
        ("created", desc.get("created")),
        ("id", desc.get("id")),
        ("homepage", desc.get("homepage")),
        ("license", lic.get("name")),
        ("license_url", lic.get("path")),
        ("source", src.get("title")),
        ("source_url", src.get("path")),
        ("source_sha256", src.get("sha256")),
        ("source_terms", src.get("terms")),
        ("citation", cite("text")),
        ("list_columns", "List columns hold JSON arrays; list columns of foreign keys also have a "
                         "link table <table>_<column> (parent key, position, item)."),
        ("date_bounds", "Each EDTF column date has date_lower and date_upper (ISO dates) and year_lower "
                        "and year_upper beside it, derived from it."),
        ("views", "panel and dyad_panel hold yearly counts (see their _fields descriptions); the view "
                  "sources gives, for every claim row, its footnote and each work the footnote cites, "
                  "with a formatted reference from _references."),
        ("datapackage", json.dumps(desc, ensure_ascii=False, indent=2)),
    ]
    return [(k, v) for k, v in rows if v is not None]


def _sqlite_sources(con, tables) -> None:
    """``_references`` (each work's formatted reference) and the ``sources`` view: for every
    claim row, its footnote and each work the footnote cites (as ``turaz_data.sources()``)."""
    from turaz_data.publish.citing import work_text
    from turaz_data.tables.models import CLAIM_TABLES

    works = next(rows for res, rows in tables if res["name"] == "works")
    con.execute("CREATE TABLE _references (work_id TEXT PRIMARY KEY REFERENCES works (work_id), "
                "reference TEXT NOT NULL, bibtex TEXT NOT NULL)")
    con.executemany("INSERT INTO _references VALUES (?, ?, ?)",
                    [(w["work_id"], work_text(w), work_bibtex(w)) for w in works])
    present = {res["name"] for res, _ in tables}
    selects = [
        f"SELECT '{t}' AS \"table\", r.id AS id, r.footnote AS footnote, r.support AS support, "
        "(SELECT group_concat(value, '|') FROM json_each(r.evidence)) AS evidence, "
        "f.kind AS footnote_kind, f.summary AS footnote_summary, c.work_id AS work_id, c.form AS form, "
        "c.locator AS pages, ref.reference AS reference "
        f"FROM {_q(t)} r JOIN footnotes f ON f.footnote = r.footnote "
        "LEFT JOIN citations c ON c.footnote = r.footnote LEFT JOIN _references ref ON ref.work_id = c.work_id"
        for t in CLAIM_TABLES if t in present
    ]
    con.execute("CREATE VIEW sources AS\n" + "\nUNION ALL\n".join(selects))


def to_sqlite(output: Path, package=None) -> None:
    desc = descriptor(package)
    tables = _tables(package)
    with atomic_path(output) as tmp:
        tmp.unlink()  # sqlite creates its own file
        con = sqlite3.connect(tmp, isolation_level=None)
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("BEGIN")
        con.execute("CREATE TABLE _metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.executemany("INSERT INTO _metadata VALUES (?, ?)", sqlite_metadata(desc))
        con.execute(
            "CREATE TABLE _fields (table_name TEXT NOT NULL, position INTEGER NOT NULL, "
            "field TEXT NOT NULL, title TEXT, type TEXT NOT NULL, required INTEGER NOT NULL, "
            "description TEXT, PRIMARY KEY (table_name, field))"
        )
        for res, rows in tables:
            schema = res["schema"]
            cols = [
                f"{_q(f['name'])} {_SQL_TYPES[_type(f)]}" + (" NOT NULL" if _required(f) else "")
                for f in _fields(res)
            ]
            cols.append("PRIMARY KEY (" + ", ".join(map(_q, schema["primaryKey"])) + ")")
            for fk in schema.get("foreignKeys", []):
                ref = fk["reference"]
                target = ref.get("resource") or res["name"]
                cols.append(
                    f"FOREIGN KEY ({', '.join(map(_q, fk['fields']))}) REFERENCES "
                    f"{_q(target)} ({', '.join(map(_q, ref['fields']))})"
                )
            con.execute(f"CREATE TABLE {_q(res['name'])} (\n  " + ",\n  ".join(cols) + "\n)")
            names = [f["name"] for f in _fields(res)]
            sql = f"INSERT INTO {_q(res['name'])} VALUES ({', '.join('?' * len(names))})"
            con.executemany(sql, [[_sql_value(f, r.get(f["name"])) for f in _fields(res)] for r in rows])
            con.executemany(
                "INSERT INTO _fields VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(res["name"], i, f["name"], f.get("title"), _type(f), int(_required(f)), f.get("description"))
                 for i, f in enumerate(_fields(res), 1)],
            )
            pk = schema["primaryKey"]
            types = {f["name"]: f for f in _fields(res)}
            for f, target, col in _list_fks(res):
                item_col = col if col not in pk else f"{col}_item"
                link_cols = [f"{_q(k)} {_SQL_TYPES[types[k]['type']]} NOT NULL" for k in pk]
                link_cols += ["position INTEGER NOT NULL", f"{_q(item_col)} TEXT NOT NULL",
                              "PRIMARY KEY (" + ", ".join(map(_q, [*pk, "position"])) + ")",
                              f"FOREIGN KEY ({', '.join(map(_q, pk))}) REFERENCES {_q(res['name'])} "
                              f"({', '.join(map(_q, pk))})",
                              f"FOREIGN KEY ({_q(item_col)}) REFERENCES {_q(target)} ({_q(col)})"]
                name = link_table(res, f)
                con.execute(f"CREATE TABLE {_q(name)} (\n  " + ",\n  ".join(link_cols) + "\n)")
                con.executemany(
                    f"INSERT INTO {_q(name)} VALUES ({', '.join('?' * (len(pk) + 2))})",
                    [[*(r[k] for k in pk), i, item] for r in rows for i, item in enumerate(r.get(f["name"]) or [], 1)],
                )
                con.execute(f"CREATE INDEX {_q(f'idx_{name}_{item_col}')} ON {_q(name)} ({_q(item_col)})")
            for fk in schema.get("foreignKeys", []):
                cols_ = fk["fields"]
                con.execute(
                    f"CREATE INDEX {_q('idx_' + res['name'] + '_' + '_'.join(cols_))} "
                    f"ON {_q(res['name'])} ({', '.join(map(_q, cols_))})"
                )
        if {"works", "citations", "footnotes"} <= {res["name"] for res, _ in tables}:
            _sqlite_sources(con, tables)
        con.execute("COMMIT")
        con.execute("VACUUM")
        con.close()


# --------------------------------------------------------------------------- xlsx


def _xlsx_value(f: dict, value):
    if value is None or value == []:
        return None
    if _type(f) == "list":
        return format_cell(value)
    if f["type"] == "date":
        import datetime as dt

        return dt.date.fromisoformat(value)
    return value


def _readme_rows(desc: dict, tables) -> list[list]:
    from turaz_data.publish.citing import article_text, dataset_text

    src = (desc.get("sources") or [{}])[0]
    lic = (desc.get("licenses") or [{}])[0]
    rows: list[list] = [
        [desc.get("title")],
        [],
        ["Description", desc.get("description")],
        ["Version", desc.get("version")],
        ["Created", desc.get("created")],
        ["Licence", f"{lic.get('name')} ({lic.get('path')})"],
        ["Source", src.get("title")],
        ["Source URL", src.get("path")],
        ["Source terms", src.get("terms")],
        ["Cite the dataset", dataset_text()],
        ["Cite the article", article_text()],
        ["List cells", "Items joined with '|', as in the CSV files."],
        ["Codes", "The sheet 'codes' gives the meaning of every code of every coded column."],
        ["Date bounds", ("Each EDTF date column is followed by <column>_lower and <column>_upper: the earliest "
                         "and latest day the date can mean, as Excel dates.")],
        [],
        ["Sheet", "Rows", "Title", "Description"],
    ]
    rows += [[res["name"], len(r), res.get("title"), res.get("description")] for res, r in tables]
    rows += [[], ["Sheet", "Column", "Title", "Type", "Required", "Description"]]
    for res, _ in tables:
        rows += [[res["name"], f["name"], f.get("title"), _type(f), "yes" if _required(f) else "no", f.get("description")]
                 for f in _fields(res)]
    return rows


def _fix_xlsx(data: bytes) -> bytes:
    """Fixed core-properties dates and zip timestamps, members in a fixed order."""
    stamp = f"{metadata.RELEASE_DATE}T00:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in src.infolist():
        body = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                          lambda m: m.group(1) + stamp.encode() + m.group(3), body)
        members.append((info.filename, body))
    return deterministic_zip(members)


#: Column widths of the xlsx sheets, in characters: from the longest value, within these limits.
XLSX_MIN_WIDTH, XLSX_MAX_WIDTH = 8, 60


def sheet_columns(res: dict) -> list[tuple[dict, Callable[[dict], object]]]:
    """The columns of a table's sheet: (field, value of a row). ``res`` already carries the
    date bounds after each EDTF column (:func:`~turaz_data.tables.storage.with_bounds`)."""
    return [(f, lambda r, n=f["name"]: r.get(n)) for f in _fields(res)]


def code_rows(desc: dict) -> list[list[str]]:
    """(table, column, code, meaning) for every coded column, in package and vocabulary order."""
    from turaz_data.tables.fields import fields

    rows = []
    for res in desc["resources"]:
        try:
            known = {d.name: d.categories for d in fields(res["name"]) if d.categories}
        except KeyError:  # a table the models do not know: the descriptor's categories
            known = {}
        for f in _fields(res):
            cats = known.get(f["name"]) or {c["value"]: c.get("label", "") for c in f.get("categories", [])}
            rows += [[res["name"], f["name"], code, meaning] for code, meaning in cats.items()]
    return rows


def _fit_columns(ws, header_rows: int = 1) -> None:
    """Column widths from the content (within XLSX_MIN_WIDTH..XLSX_MAX_WIDTH); long text wraps."""
    from openpyxl.styles import Alignment

    def shown(value) -> int:  # characters a cell shows; a date shows as yyyy-mm-dd
        return 10 if hasattr(value, "isoformat") else len(str(value))

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for column in ws.iter_cols():
        longest = max((shown(c.value) for c in column if c.value is not None), default=0)
        width = min(max(longest + 2, XLSX_MIN_WIDTH), XLSX_MAX_WIDTH)
        ws.column_dimensions[column[0].column_letter].width = width
        for cell in column[header_rows:]:
            if cell.value is None:
                continue
            cell.alignment = wrap if shown(cell.value) > width - 2 else top


def _text_cells(ws) -> None:
    """Every string cell of a sheet is stored as text, never as a formula (openpyxl makes
    a string that starts with '=' a formula)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def to_xlsx(output: Path, package=None) -> None:
    openpyxl = require("openpyxl", "export", "The xlsx export")
    from openpyxl.styles import Font

    desc = descriptor(package)
    tables = _tables(package)
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "README"
    for row in _readme_rows(desc, tables):
        readme.append(row)
    _fit_columns(readme, header_rows=0)
    _text_cells(readme)
    readme["A1"].font = Font(bold=True, size=14)
    codes = wb.create_sheet("codes")
    codes.append(["table", "column", "code", "meaning"])
    for row in code_rows(desc):
        codes.append(row)
    for cell in codes[1]:
        cell.font = Font(bold=True)
    _fit_columns(codes)
    _text_cells(codes)
    codes.freeze_panes = "A2"
    codes.auto_filter.ref = codes.dimensions
    for res, rows in tables:
        _xlsx_table_sheet(wb, res, rows)
    p = wb.properties
    p.title = desc.get("title")
    p.subject = desc.get("description")
    p.creator = "turaz_data"
    p.version = desc.get("version")
    p.keywords = ", ".join(desc.get("keywords", []))
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(output, _fix_xlsx(buf.getvalue()))


def _xlsx_table_sheet(wb, res: dict, rows: list[dict]) -> None:
    """The sheet of one table: bold header with the column descriptions as comments,
    dates as dates, strings as text cells, a frozen header and a filter."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    ws = wb.create_sheet(res["name"][:31])
    cols = sheet_columns(res)
    ws.append([f["name"] for f, _ in cols])
    for i, (f, _) in enumerate(cols, 1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        if f.get("description"):
            c = Comment(f"{f.get('title', f['name'])}: {f['description']}", "turaz_data")
            c.width, c.height = 300, 120
            cell.comment = c
    for r in rows:
        ws.append([_xlsx_value(f, get(r)) for f, get in cols])
    for i, (f, _) in enumerate(cols, 1):
        col = ws.cell(row=1, column=i).column_letter
        if f["type"] == "date":
            for cell in ws[col][1:]:
                cell.number_format = "yyyy-mm-dd"
        for cell in ws[col][1:]:  # strings are text, never formulas
            if isinstance(cell.value, str):
                cell.data_type = "s"
    _fit_columns(ws)
    for i, (f, _) in enumerate(cols, 1):  # a date needs 10 characters and the filter button
        if f["type"] == "date":
            letter = ws.cell(row=1, column=i).column_letter
            ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width, 13)
    _text_cells(ws)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions


# --------------------------------------------------------------------------- Parquet


def arrow_table(res: dict, rows: list[dict], desc: dict | None = None):
    """A table as a typed pyarrow Table with column titles and descriptions as metadata."""
    pa = require("pyarrow", "export", "The parquet export")
    import datetime as dt

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string(), "date": pa.date32()}
    item_types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string()}
    fields, columns = [], []
    for f in _fields(res):
        kind = _type(f)
        t = pa.list_(item_types[f.get("itemType", "string")]) if kind == "list" else types[f["type"]]
        meta = {"title": f.get("title", ""), "description": f.get("description", "")}
        fields.append(pa.field(f["name"], t, nullable=not (_required(f) or kind == "list"), metadata=meta))
        values = [r.get(f["name"]) for r in rows]
        if f["type"] == "date":
            values = [dt.date.fromisoformat(v) if v else None for v in values]
        if kind == "list":
            values = [v or [] for v in values]
        columns.append(pa.array(values, type=t))
    desc = desc or {}
    schema_meta = {
        "name": res["name"],
        "title": res.get("title", ""),
        "description": res.get("description", ""),
        "primary_key": json.dumps(res["schema"]["primaryKey"]),
        "package": desc.get("name", ""),
        "version": str(desc.get("version", "")),
        "license": (desc.get("licenses") or [{}])[0].get("name", ""),
        "source": (desc.get("sources") or [{}])[0].get("title", ""),
    }
    return pa.Table.from_arrays(columns, schema=pa.schema(fields, metadata=schema_meta))


def to_parquet(output: Path, package=None) -> None:
    require("pyarrow", "export", "The parquet export")
    import pyarrow.parquet as pq

    desc = descriptor(package)
    output.mkdir(exist_ok=True)
    for res, rows in _tables(package):
        buf = io.BytesIO()
        pq.write_table(arrow_table(res, rows, desc), buf, compression="zstd", write_statistics=True)
        atomic_write(output / f"{res['name']}.parquet", buf.getvalue())


# --------------------------------------------------------------------------- Stata


def stata_label(text: str, limit: int = 80) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary (Stata's label limit)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    i = cut.rfind(" ")
    cut = cut[:i] if i > 0 else text[:limit]
    return cut.rstrip(" ,;:(")


def stata_frame(res: dict, rows: list[dict]):
    """A table as a pandas DataFrame ready for ``to_stata``, with its variable labels and
    value labels: coded columns become 1, 2, ... labelled with their codes (in the order of the
    vocabulary), list columns are joined with the delimiter, dates are datetimes."""
    import pandas as pd

    from turaz_data.tables.storage import list_delimiter

    data, var_labels, value_labels, dates = {}, {}, {}, {}
    for f in _fields(res):
        name, values = f["name"], [r.get(f["name"]) for r in rows]
        enum = f.get("constraints", {}).get("enum")
        delim = list_delimiter(f)
        if enum:
            codes = {v: i for i, v in enumerate(enum, 1)}
            data[name] = pd.array([codes.get(v) for v in values], dtype="Int16")
            value_labels[name] = {i: v for v, i in codes.items()}
        elif delim:
            data[name] = [delim.join(map(str, v or [])) for v in values]
        elif f["type"] == "integer":
            data[name] = pd.array(values, dtype="Int64" if any(v is None for v in values) else "int64")
        elif f["type"] == "number":
            data[name] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif f["type"] == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
            dates[name] = "td"
        else:
            data[name] = ["" if v is None else str(v) for v in values]
        var_labels[name] = stata_label(f.get("description") or f.get("title") or name)
    return pd.DataFrame(data, columns=[f["name"] for f in _fields(res)]), var_labels, value_labels, dates


def to_dta(output: Path, package=None) -> None:
    """One Stata 14+ file (format 118, UTF-8) per table and panel, in the folder ``output``."""
    import datetime as dt

    output.mkdir(exist_ok=True)
    stamp = dt.datetime.fromisoformat(metadata.RELEASE_DATE)
    for res, rows in _tables(package):
        df, var_labels, value_labels, dates = stata_frame(res, rows)
        buf = io.BytesIO()
        df.to_stata(buf, version=118, write_index=False, convert_dates=dates, variable_labels=var_labels,
                    value_labels=value_labels, time_stamp=stamp,
                    data_label=stata_label(f"{res.get('title', res['name'])}: {metadata.PACKAGE['title']}"))
        atomic_write(output / f"{res['name']}.dta", buf.getvalue())


# --------------------------------------------------------------------------- BibTeX, CSL-JSON

#: Work types (CSL) -> (BibTeX entry type, field holding the container, field holding the publisher).
BIBTEX_TYPES = {
    "article-journal": ("article", "journal", "publisher"),
    "article-newspaper": ("article", "journal", "publisher"),
    "book": ("book", "series", "publisher"),
    "chapter": ("incollection", "booktitle", "publisher"),
    "thesis": ("mastersthesis", "howpublished", "school"),
    "report": ("techreport", "series", "institution"),
    "webpage": ("online", "organization", "publisher"),
    "legislation": ("misc", "howpublished", "publisher"),
}


def work_bibtex(w: dict) -> str:
    from turaz_data.publish.citing import bib_entry, bib_names

    kind, container, publisher = BIBTEX_TYPES.get(w["type"], ("misc", "howpublished", "publisher"))
    return bib_entry(kind, w["work_id"], [
        ("author", ("raw", bib_names(w.get("authors") or []))),
        ("editor", ("raw", bib_names(w.get("editors") or []))),
        ("title", w["title"]),
        (container, w.get("container")),
        (publisher, w.get("publisher")),
        ("address", w.get("place")),
        ("year", w.get("year")),
        ("volume", w.get("volume")),
        ("number", w.get("issue")),
        ("url", w.get("url")),
        ("urldate", w.get("accessed")),
        ("annote", w.get("note")),
    ])


def work_csl(w: dict) -> dict:
    from turaz_data.publish.citing import _csl_date, _csl_name

    item = {
        "id": w["work_id"],
        "type": w["type"],
        "title": w["title"],
        "author": [_csl_name(n) for n in w.get("authors") or []],
        "editor": [_csl_name(n) for n in w.get("editors") or []],
        "container-title": w.get("container"),
        "publisher": w.get("publisher"),
        "publisher-place": w.get("place"),
        "issued": {"date-parts": [[w["year"]]]} if w.get("year") else None,
        "volume": w.get("volume"),
        "issue": w.get("issue"),
        "URL": w.get("url"),
        "accessed": _csl_date(w["accessed"]) if w.get("accessed") else None,
        "note": w.get("note"),
    }
    return {k: v for k, v in item.items() if v not in (None, [], "")}


def to_bibtex(output: Path, package=None) -> None:
    from turaz_data.publish.citing import article_bibtex

    works = read_rows("works", package)
    head = (
        f"% {metadata.PACKAGE['title']}, version {metadata.PACKAGE['version']}: the article "
        "and every work its footnotes cite.\n% Generated by turaz-data export --format bibtex.\n\n"
    )
    text = head + "\n".join([article_bibtex(), *(work_bibtex(w) for w in works)])
    atomic_write(output, text.encode("utf-8"))


def to_csl_json(output: Path, package=None) -> None:
    from turaz_data.publish.citing import article_csl

    items = [article_csl(), *(work_csl(w) for w in read_rows("works", package))]
    atomic_write(output, (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- entry point

_WRITERS: dict[str, Callable[[Path, object], None]] = {
    "zip": to_zip,
    "sqlite": to_sqlite,
    "xlsx": to_xlsx,
    "parquet": to_parquet,
    "dta": to_dta,
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}


def export(format: str, output: str | os.PathLike, package: str | os.PathLike | None = None, *,
           writer: Callable[[Path, object], object] | None = None) -> Path:
    """Write the tables (or those of ``package``, a datapackage.json) as ``format`` to ``output``.

    ``output`` is a file, except for ``parquet``, ``dta`` and ``datasette``: a folder (created
    if missing) that receives one ``<table>.parquet`` or ``<table>.dta`` per table and panel,
    or the database, metadata and figures for Datasette. An existing file is replaced. Returns
    the path written. Raises :class:`~turaz_data.errors.MissingDependencyError` when
    the format needs an optional library that is not installed. The tables are validated
    first (:func:`check_tables`; except the data of an installed wheel, checked at
    release): nothing no rule has checked is exported.
    """
    if format not in _WRITERS and writer is None:
        raise ValueError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)} "
                         "(the datasette site: turaz_data.publish.browse.export_site)")
    out = Path(output)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(out.parent)!r} does not exist: create it first")
    if format not in FOLDER_FORMATS and out.is_dir():
        raise IsADirectoryError(f"{str(out)!r} is a folder; give a file name such as turaz{FORMATS[format]}")
    if format in FOLDER_FORMATS and out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{str(out)!r} is a file; the {format} export writes a folder")
    from turaz_data.tables.confine import check_output

    check_output(out, folder=format in FOLDER_FORMATS)
    root = package_root(package)
    installed = package is None and getattr(root, "name", "") == "_data"
    if not installed:  # tables that may have been edited (a checkout, another copy): check them all first
        check_tables(package)
    (writer or _WRITERS[format])(out, package)
    return out


__all__ = ["FORMATS", "export", "deterministic_zip", "arrow_table"]
