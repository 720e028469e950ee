"""What changed between two versions of the data: ``turaz-data diff OLD NEW``.

Each side is a data package: its ``datapackage.json``, the folder holding it, or a zip
of it (``turaz-data export --format zip``, or a release download with the package in one
top folder). Zips are read in place, never extracted. Standard library only.

Rows are matched by each table's primary key (from that version's datapackage.json)
and compared cell by cell as the CSV files write them, so a change of value is shown
exactly as a user sees it. The result lists, per table, the rows added, removed and
changed (with the changed fields and both values), the columns added and removed, and
the tables added and removed. Rows are compared on the columns both versions have: a
column added or removed is listed once, with how many rows have a value in it, rather
than as a change of every row.

Withdrawn rows. When the new package has a ``retractions`` table (``id``, ``table``,
``version``, ``reason``, ``replaced_by``), the diff reports its entries and marks each
removed row that it records as retracted. A removed row with no entry, and a recorded id
that is in use again, are reported as problems: ids are never reused.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from turaz_data.errors import TurazError

#: The table that records withdrawn rows, and its columns.
RETRACTIONS = "retractions"
RETRACTION_FIELDS = ("id", "table", "version", "reason", "replaced_by")


class DiffInputError(TurazError):
    """A side of the diff cannot be read; the message says which file and why."""


# --------------------------------------------------------------------------- reading


@dataclass
class Package:
    """One side of a diff: its descriptor and, per table, the header and rows (dicts of CSV text)."""

    path: str
    descriptor: dict
    tables: dict[str, tuple[list[str], list[dict[str, str]]]]

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", "?"))

    def key(self, name: str) -> list[str]:
        res = next(r for r in self.descriptor["resources"] if r["name"] == name)
        pk = res.get("schema", {}).get("primaryKey") or []
        return [pk] if isinstance(pk, str) else list(pk)


def _reader(path: Path):
    """(read(relative path) -> bytes, label) for a datapackage.json, a folder or a zip."""
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.exists():
        raise DiffInputError(f"{path}: no such file or folder; give a datapackage.json, its folder or a zip")
    if zipfile.is_zipfile(path):
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as e:
            raise DiffInputError(f"{path}: not a readable zip ({e})") from None
        names = set(zf.namelist())
        tops = sorted(n for n in names if PurePosixPath(n).name == "datapackage.json" and n.count("/") <= 1)
        if not tops:
            raise DiffInputError(f"{path}: the zip holds no datapackage.json at its top or in one top folder")
        base = PurePosixPath(tops[0]).parent

        def read_zip(rel: str) -> bytes:
            member = str(base / rel) if str(base) != "." else rel
            if member not in names:
                raise DiffInputError(f"{path}: the zip has no member {member!r} (named in datapackage.json)")
            return zf.read(member)

        return read_zip, str(path)
    if path.name != "datapackage.json" and path.suffix.lower() != ".json":
        raise DiffInputError(f"{path}: neither a datapackage.json, a folder holding one, nor a zip")
    root = path.parent

    def read_file(rel: str) -> bytes:
        try:
            return (root / rel).read_bytes()
        except OSError as e:
            raise DiffInputError(f"{root / rel}: cannot be read ({e.strerror or e})") from None

    return read_file, str(path)


def _safe_rel(rel: str, where: str) -> str:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or "\\" in rel:
        raise DiffInputError(f"{where}: resource path {rel!r} leaves the package; paths must be relative, inside it")
    return rel


def read_package(path: str | os.PathLike) -> Package:
    """Read a data package for :func:`diff`; raises :class:`DiffInputError` when it cannot."""
    read, label = _reader(Path(path))
    try:
        desc = json.loads(read("datapackage.json").decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DiffInputError(f"{label}: datapackage.json is not valid UTF-8 JSON ({e})") from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DiffInputError(f"{label}: datapackage.json has no list of resources")
    tables = {}
    for res in desc["resources"]:
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(res.get("path"), str):
            raise DiffInputError(f"{label}: a resource of datapackage.json lacks a name or a path")
        data = read(_safe_rel(res["path"], label))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DiffInputError(f"{label}: {res['path']} is not UTF-8 ({e})") from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            raise DiffInputError(f"{label}: {res['path']} is empty (not even a header row)")
        header, body = rows[0], rows[1:]
        for i, r in enumerate(body, 2):
            if len(r) != len(header):
                raise DiffInputError(f"{label}: {res['path']}, line {i}: {len(r)} cells, but the header has "
                                     f"{len(header)}")
        tables[res["name"]] = (header, [dict(zip(header, r, strict=True)) for r in body])
    pkg = Package(label, desc, tables)
    for name in tables:
        missing = [k for k in pkg.key(name) if k not in tables[name][0]]
        if not pkg.key(name) or missing:
            raise DiffInputError(f"{label}: table {name!r} has no usable primary key in datapackage.json")
    return pkg


# --------------------------------------------------------------------------- comparing


@dataclass
class TableDiff:
    name: str
    key: list[str]
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    #: (key values, {column: (old, new)}), on the columns both versions have
    changed: list[tuple[tuple, dict[str, tuple[str, str]]]] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)

    def key_of(self, row: dict) -> tuple:
        return tuple(row.get(k) for k in self.key)


@dataclass
class PackageDiff:
    old: Package
    new: Package
    tables: dict[str, TableDiff]
    tables_added: list[str]
    tables_removed: list[str]
    retractions: list[dict]
    problems: list[str]

    @property
    def equal(self) -> bool:
        return not (self.tables_added or self.tables_removed) and all(t.equal for t in self.tables.values())

    # ----------------------------------------------------------------------- output

    def _retraction(self, table: str, key: tuple) -> dict | None:
        if len(key) != 1:
            return None
        return next((r for r in self.retractions if r.get("table") == table and r.get("id") == key[0]), None)

    def to_dict(self) -> dict:
        tables = {}
        for name, t in self.tables.items():
            if t.equal:
                continue
            tables[name] = {
                "key": t.key,
                "added": [{"key": dict(zip(t.key, t.key_of(r), strict=True)), "row": r} for r in t.added],
                "removed": [{"key": dict(zip(t.key, t.key_of(r), strict=True)), "row": r,
                             "retraction": self._retraction(name, t.key_of(r))} for r in t.removed],
                "changed": [{"key": dict(zip(t.key, k, strict=True)),
                             "fields": {c: {"old": o, "new": n} for c, (o, n) in fields.items()}}
                            for k, fields in t.changed],
                # rows are compared on the columns both versions have; these are listed once

                "columns_added": t.columns_added,
                "columns_removed": t.columns_removed,
            }
        return {
            "old": {"path": self.old.path, "version": self.old.version},
            "new": {"path": self.new.path, "version": self.new.version},
            "equal": self.equal,
            "summary": {name: {"added": len(t.added), "removed": len(t.removed), "changed": len(t.changed)}
                        for name, t in self.tables.items()},
            "tables": tables,
            "tables_added": self.tables_added,
            "tables_removed": self.tables_removed,
            "retractions": self.retractions,
            "problems": self.problems,
        }

    def _entries(self, name: str, t: TableDiff):
        """The changes of one table in output order: (kind, key or column, detail)."""
        for c in t.columns_added:
            yield "column_added", c, sum(1 for r in self.new.tables[name][1] if r.get(c))
        for c in t.columns_removed:
            yield "column_removed", c, sum(1 for r in self.old.tables[name][1] if r.get(c))
        for r in t.added:
            yield "added", _show_key(t.key_of(r)), None
        for r in t.removed:
            yield "removed", _show_key(t.key_of(r)), self._retraction(name, t.key_of(r))
        for k, fields in t.changed:
            yield "changed", _show_key(k), fields

    def to_text(self) -> str:
        lines = [f"{self.old.path} ({self.old.version}) -> {self.new.path} ({self.new.version})"]
        for name in self.tables_added:
            lines.append(f"table {name}: added ({len(self.new.tables[name][1])} rows)")
        for name in self.tables_removed:
            lines.append(f"table {name}: removed ({len(self.old.tables[name][1])} rows)")
        for name, t in self.tables.items():
            if t.equal:
                lines.append(f"{name}: unchanged")
                continue
            lines.append(f"{name}: {len(t.added)} added, {len(t.removed)} removed, {len(t.changed)} changed")
            for kind, what, detail in self._entries(name, t):
                if kind == "removed" and detail:
                    replaced = f", replaced by {detail['replaced_by']}" if detail.get("replaced_by") else ""
                    lines.append(f"  - {what} (retracted in {detail.get('version')}{replaced}: {detail.get('reason')})")
                elif kind == "changed":
                    lines.append(f"  ~ {what}")
                    lines += [f"      {c}: {o!r} -> {n!r}" for c, (o, n) in detail.items()]
                elif kind.startswith("column"):
                    sign = "+" if kind == "column_added" else "-"
                    lines.append(f"  {sign} column {what} ({detail} non-empty values)")
                else:
                    lines.append(f"  {'+' if kind == 'added' else '-'} {what}")
        lines += [f"problem: {p}" for p in self.problems]
        lines.append("equal" if self.equal else "different")
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """The data part of a CHANGELOG entry (docs/publishing.md)."""
        lines = [f"### Data ({self.old.version} -> {self.new.version})", ""]
        if self.equal:
            return "\n".join([*lines, "- No change to the data.", ""])
        lines += [f"- New table `{n}` ({len(self.new.tables[n][1])} rows)." for n in self.tables_added]
        lines += [f"- Table `{n}` removed." for n in self.tables_removed]
        words = {"column_added": "new column", "column_removed": "removed column", "added": "added",
                 "removed": "withdrawn", "changed": "corrected"}
        for name, t in self.tables.items():
            if t.equal:
                continue
            parts = [f"{n} {what}" for n, what in ((len(t.added), "added"), (len(t.removed), "removed"),
                                                    (len(t.changed), "corrected")) if n]
            lines.append(f"- `{name}`: {', '.join(parts) or 'columns changed'}.")
            for kind, what, detail in self._entries(name, t):
                tail = ""
                if kind == "removed" and detail:
                    tail = f": {detail.get('reason')}"
                elif kind == "changed":
                    tail = f" ({', '.join(f'`{c}`' for c in detail)})"
                lines.append(f"  - {words[kind]} `{what}`{tail}")
        return "\n".join(lines) + "\n"


def _show_key(key: tuple) -> str:
    return ", ".join(str(k) for k in key)


def _table_diff(name: str, old: Package, new: Package) -> TableDiff:
    old_header, old_rows = old.tables[name]
    new_header, new_rows = new.tables[name]
    t = TableDiff(name, new.key(name))
    t.columns_added = [c for c in new_header if c not in old_header]
    t.columns_removed = [c for c in old_header if c not in new_header]
    old_key = old.key(name)
    olds = {tuple(r.get(k) for k in old_key): r for r in old_rows}
    news = {t.key_of(r): r for r in new_rows}
    # rows are compared on the columns both versions have; added and removed columns are listed once
    columns = [c for c in new_header if c in old_header]
    for k, r in news.items():
        if k not in olds:
            t.added.append(r)
            continue
        o = olds[k]
        fields = {c: (o[c], r[c]) for c in columns if o[c] != r[c]}
        if fields:
            t.changed.append((k, fields))
    t.removed = [r for k, r in olds.items() if k not in news]
    return t


def _retractions(pkg: Package) -> list[dict]:
    if RETRACTIONS not in pkg.tables:
        return []
    return [{c: (r.get(c) or None) for c in RETRACTION_FIELDS} for r in pkg.tables[RETRACTIONS][1]]


def diff(old: str | os.PathLike, new: str | os.PathLike) -> PackageDiff:
    """Compare two data packages (datapackage.json paths, folders or zips)."""
    a, b = read_package(old), read_package(new)
    names = [n for n in b.tables if n in a.tables]
    tables = {n: _table_diff(n, a, b) for n in names}
    retractions = _retractions(b)
    problems = []
    recorded = {(r["table"], r["id"]) for r in retractions}
    for name, t in tables.items():
        if RETRACTIONS not in b.tables or name == RETRACTIONS or len(t.key) != 1:
            continue
        for r in t.removed:
            if (name, t.key_of(r)[0]) not in recorded:
                problems.append(f"{name} row {t.key_of(r)[0]!r} was removed without an entry in the "
                                f"{RETRACTIONS} table: record why it was withdrawn")
    for table, row_id in sorted(recorded, key=lambda x: (str(x[0]), str(x[1]))):
        if table in b.tables and len(b.key(table)) == 1:
            live = {r.get(b.key(table)[0]) for r in b.tables[table][1]}
            if row_id in live:
                problems.append(f"{table} id {row_id!r} is recorded as withdrawn but is in use again: "
                                "ids are never reused; give the row a new id")
    return PackageDiff(a, b, tables, [n for n in b.tables if n not in a.tables],
                       [n for n in a.tables if n not in b.tables], retractions, problems)


__all__ = ["DiffInputError", "PackageDiff", "diff", "read_package"]
