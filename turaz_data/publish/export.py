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
- ``xlsx``: a README sheet, then one sheet per table (list cells joined with ``|`` as
  in the CSV, access dates as Excel dates). The workbook's created/modified dates are
  the release date and the zip members' timestamps are fixed.
- ``parquet``: a folder with one ``<table>.parquet`` per table (a Parquet file holds
  one table), typed: int64, float64, date32, string, and list<string> for list
  columns; column titles and descriptions are in the Parquet field metadata.
  Byte-identical for the same pyarrow version (the writer's version is in the file).
- ``bibtex`` and ``csl-json``: the works table and the article itself, for Zotero and
  other reference managers (the key/id of each work is its ``work_id``).
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Callable

from turaz_data.publish import metadata
from turaz_data.tables.storage import atomic_path, atomic_write, descriptor, format_cell, package_root, read_rows
from turaz_data.errors import require

#: Export formats and the file name suffix each conventionally has.
FORMATS: dict[str, str] = {
    "zip": ".zip",
    "sqlite": ".sqlite",
    "xlsx": ".xlsx",
    "parquet": "",  # a folder
    "bibtex": ".bib",
    "csl-json": ".json",
}

#: Timestamp of every zip member (zip, xlsx): the release date, at midnight.
ZIP_DATE = tuple(int(p) for p in metadata.RELEASE_DATE.split("-")) + (0, 0, 0)


def _tables(package=None) -> list[tuple[dict, list[dict]]]:
    return [(res, read_rows(res["name"], package)) for res in descriptor(package)["resources"]]


def _fields(res: dict) -> list[dict]:
    return res["schema"]["fields"]


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


def _codebook(root) -> bytes | None:
    for rel in ("codebook.md", "docs/codebook.md"):
        p = root.joinpath(*rel.split("/"))
        if p.is_file():
            return p.read_bytes()
    return None


def to_zip(output: Path, package=None) -> None:
    from turaz_data.publish.citing import cff_text

    root = package_root(package)
    desc = descriptor(package)
    members = [("datapackage.json", root.joinpath("datapackage.json").read_bytes())]
    for res in desc["resources"]:
        members.append((res["path"], root.joinpath(*res["path"].split("/")).read_bytes()))
    members.append(("CITATION.cff", cff_text().encode("utf-8")))
    codebook = _codebook(root)
    if codebook is not None:
        members.append(("codebook.md", codebook))
    atomic_write(output, deterministic_zip(members))


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
    if f["type"] == "list":
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
        ("datapackage", json.dumps(desc, ensure_ascii=False, indent=2)),
    ]
    return [(k, v) for k, v in rows if v is not None]


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
                f"{_q(f['name'])} {_SQL_TYPES[f['type']]}" + (" NOT NULL" if _required(f) else "")
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
                [(res["name"], i, f["name"], f.get("title"), f["type"], int(_required(f)), f.get("description"))
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
        con.execute("COMMIT")
        con.execute("VACUUM")
        con.close()


# --------------------------------------------------------------------------- xlsx


def _xlsx_value(f: dict, value):
    if value is None or value == []:
        return None
    if f["type"] == "list":
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
        [],
        ["Sheet", "Rows", "Title", "Description"],
    ]
    rows += [[res["name"], len(r), res.get("title"), res.get("description")] for res, r in tables]
    rows += [[], ["Sheet", "Column", "Title", "Type", "Required", "Description"]]
    for res, _ in tables:
        rows += [[res["name"], f["name"], f.get("title"), f["type"], "yes" if _required(f) else "no", f.get("description")]
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
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 20
    readme.column_dimensions["B"].width = 24
    for res, rows in tables:
        ws = wb.create_sheet(res["name"][:31])
        fs = _fields(res)
        ws.append([f["name"] for f in fs])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, f in enumerate(fs, 1):
            if f.get("description"):
                from openpyxl.comments import Comment

                c = Comment(f"{f.get('title', f['name'])}: {f['description']}", "turaz_data")
                c.width, c.height = 300, 120
                ws.cell(row=1, column=i).comment = c
        for r in rows:
            ws.append([_xlsx_value(f, r.get(f["name"])) for f in fs])
        for i, f in enumerate(fs, 1):
            col = ws.cell(row=1, column=i).column_letter
            if f["type"] == "date":
                for cell in ws[col][1:]:
                    cell.number_format = "yyyy-mm-dd"
            for cell in ws[col][1:]:  # strings are text, never formulas
                if isinstance(cell.value, str):
                    cell.data_type = "s"
            ws.column_dimensions[col].width = 14 if f["type"] != "string" else 28
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
    p = wb.properties
    p.title = desc.get("title")
    p.subject = desc.get("description")
    p.creator = "turaz_data"
    p.version = desc.get("version")
    p.keywords = ", ".join(desc.get("keywords", []))
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(output, _fix_xlsx(buf.getvalue()))


# --------------------------------------------------------------------------- Parquet


def arrow_table(res: dict, rows: list[dict], desc: dict | None = None):
    """A table as a typed pyarrow Table with column titles and descriptions as metadata."""
    pa = require("pyarrow", "export", "The parquet export")
    import datetime as dt

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string(), "date": pa.date32()}
    item_types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string()}
    fields, columns = [], []
    for f in _fields(res):
        t = pa.list_(item_types[f.get("itemType", "string")]) if f["type"] == "list" else types[f["type"]]
        meta = {"title": f.get("title", ""), "description": f.get("description", "")}
        fields.append(pa.field(f["name"], t, nullable=not (_required(f) or f["type"] == "list"), metadata=meta))
        values = [r.get(f["name"]) for r in rows]
        if f["type"] == "date":
            values = [dt.date.fromisoformat(v) if v else None for v in values]
        if f["type"] == "list":
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
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}


def export(format: str, output: str | os.PathLike, package: str | os.PathLike | None = None) -> Path:
    """Write the tables (or those of ``package``, a datapackage.json) as ``format`` to ``output``.

    ``output`` is a file, except for ``parquet``: a folder (created if missing) that
    receives one ``<table>.parquet`` per table. An existing file is replaced. Returns
    the path written. Raises :class:`~turaz_data.errors.MissingDependencyError` when
    the format needs an optional library that is not installed.
    """
    if format not in _WRITERS:
        raise ValueError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    out = Path(output)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(out.parent)!r} does not exist: create it first")
    if format != "parquet" and out.is_dir():
        raise IsADirectoryError(f"{str(out)!r} is a folder; give a file name such as turaz{FORMATS[format]}")
    if format == "parquet" and out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{str(out)!r} is a file; the parquet export writes a folder")
    _WRITERS[format](out, package)
    return out


__all__ = ["FORMATS", "export", "deterministic_zip", "arrow_table"]
