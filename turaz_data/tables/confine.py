"""Package confinement: what a ``datapackage.json`` given with ``--package`` may name.

A descriptor is input like any other: a pull request can edit it. Everything the tools
read or write through it must stay inside the folder that holds it. This module holds
the rules, and :mod:`turaz_data.tables.storage` applies them at its one entry point
(reading the descriptor), so that ``load``, ``verify``, ``validate``, ``add`` and
``export`` all get them:

- the descriptor itself is a regular file of at most :data:`MAX_DESCRIPTOR_BYTES`, UTF-8
  JSON, inside its folder (a symbolic link that leads out of the folder is refused);
- its shape is checked first (an object with a non-empty ``resources`` list, each
  resource an object with a ``name``, a ``path`` and a ``schema`` of ``fields``), one
  message per problem;
- every resource ``path`` is a relative POSIX path inside the folder: no ``..``, no
  absolute path, no drive or URL, no back slash, and once symbolic links are followed
  it still lies inside the folder and is a regular file;
- a table that ``add`` rewrites is not itself a symbolic link.

A refused file is never opened, so no message can show its content. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from turaz_data.errors import TurazError

#: Largest datapackage.json read (the shipped one is about 100 kB).
MAX_DESCRIPTOR_BYTES = 16 << 20
#: Largest table file read through a package (the shipped tables are about 100 kB each).
MAX_TABLE_BYTES = 1 << 30
#: Resource names: those of the Data Package standard (lower case, digits, '.', '_', '-').
NAME_PATTERN = re.compile(r"^[a-z0-9._-]{1,64}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FIELD_TYPES = frozenset({"string", "integer", "number", "date", "list", "boolean", "datetime", "year", "any"})
_FIX = "give a path relative to the folder of datapackage.json, inside it, such as tables/events.csv"


class PackageError(TurazError, ValueError):
    """A package (its datapackage.json or a file it names) is refused or unreadable.

    ``problems`` lists every problem found, one sentence each; the message holds them all."""

    def __init__(self, where: str, problems: list[str], hint: str = ""):
        self.where = where
        self.problems = list(problems)
        self.hint = hint
        if len(self.problems) == 1:
            text = f"{where}: {self.problems[0]}"
        else:
            text = f"{where}: {len(self.problems)} problems:\n" + "\n".join("  " + p for p in self.problems)
        if hint:
            text += ("\n" if len(self.problems) > 1 else ". ") + f"Fix: {hint}"
        super().__init__(text)

    def __str__(self) -> str:
        return self.args[0]


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def special_file(path: str | os.PathLike) -> str | None:
    """Why ``path`` (symbolic links followed) cannot be read as a file, or None; never opens it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "does not exist"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    kind = _kind(st.st_mode)
    return None if kind is None else f"is {kind}, not a regular file"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _show(value: Any) -> str:
    from turaz_data.tables.invisible import visible

    text = value if isinstance(value, str) else json.dumps(value)[:60]
    return visible(text[:120])


def path_problem(path: Any) -> str | None:
    """Why a resource ``path`` value is not a relative path inside the package, or None."""
    if path is None:
        return "[path_missing] has no path (null)"
    if not isinstance(path, str):
        return f"[path_type] path must be a string, not {type(path).__name__} {_show(path)}"
    shown = _show(path)
    if path == "":
        return "[path_missing] has an empty path"
    if "\x00" in path:
        return f"[path_form] path {shown} holds a NUL character"
    if "://" in path or _SCHEME.match(path):
        return f"[path_url] path {shown} is a URL or has a drive letter: only files inside the package are read"
    if "\\" in path:
        return f"[path_form] path {shown} holds a back slash: write paths with '/'"
    if path.startswith("/"):
        return f"[path_absolute] path {shown} is absolute: it must be relative to the folder of datapackage.json"
    parts = PurePosixPath(path).parts
    if ".." in path.split("/"):
        return f"[path_parent] path {shown} leaves the package folder through '..'"
    if any(p in ("", ".") for p in path.split("/")) or not parts:
        return f"[path_form] path {shown} is not a plain relative path (no '.' or empty parts)"
    return None


def shape_problems(desc: Any) -> list[str]:
    """Every problem with the shape of a parsed descriptor, one sentence each (empty: fine)."""
    if not isinstance(desc, dict):
        return [f"[descriptor_shape] the descriptor must be a JSON object ({{...}}), not a JSON {_json_type(desc)}"]
    out: list[str] = _metadata_problems(desc)
    resources = desc.get("resources")
    if "resources" not in desc:
        return out + ["[descriptor_shape] the descriptor has no 'resources' list"]
    if not isinstance(resources, list) or not resources:
        return out + [f"[descriptor_shape] 'resources' must be a non-empty list, not {_json_type(resources)}"]
    names: set[str] = set()
    paths: set[str] = set()
    for i, res in enumerate(resources, 1):
        at = f"resource {i}"
        if not isinstance(res, dict):
            out.append(f"{at}: [descriptor_shape] must be a JSON object, not a JSON {_json_type(res)}")
            continue
        name = res.get("name")
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            out.append(f"{at}: [descriptor_shape] 'name' must be lower-case letters, digits, '.', '_' or '-', not {_show(name)}")
        else:
            at = f"resource {i} ({name!r})"
            if name in names:
                out.append(f"{at}: [descriptor_shape] the name is used twice")
            names.add(name)
        p = res.get("path")
        problem = path_problem(p)
        if problem:
            out.append(f"{at}: {problem}")
        elif p in paths:
            out.append(f"{at}: [descriptor_shape] path {_show(p)} is used by another resource")
        else:
            paths.add(p)
        out += [f"{at}: {p}" for p in _metadata_problems(res, ("title", "description", "format", "encoding"))]
        out += _schema_problems(at, res.get("schema"))
    return out


def _schema_problems(at: str, schema: Any) -> list[str]:
    """The problems of one resource's ``schema`` (``at`` names the resource)."""
    if not isinstance(schema, dict):
        return [f"{at}: [descriptor_shape] 'schema' must be a JSON object, not {_json_type(schema)}"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [f"{at}: [descriptor_shape] 'schema.fields' must be a non-empty list, not {_json_type(fields)}"]
    out, seen = _field_problems(at, fields)
    pk = schema.get("primaryKey", [])
    if not isinstance(pk, list) or not all(isinstance(k, str) and k in seen for k in pk):
        out.append(f"{at}: [descriptor_shape] 'schema.primaryKey' must be a list of its field names")
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list) or not all(
            isinstance(fk, dict) and isinstance(fk.get("fields"), list)
            and isinstance(fk.get("reference"), dict) and isinstance(fk["reference"].get("fields"), list)
            for fk in fks):
        out.append(f"{at}: [descriptor_shape] 'schema.foreignKeys' must be a list of {{fields, reference: {{resource, fields}}}}")
    return out


def _field_problems(at: str, fields: list) -> tuple[list[str], set[str]]:
    """The problems of a schema's ``fields``, and the set of their names."""
    out: list[str] = []
    seen: set[str] = set()
    for j, f in enumerate(fields, 1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f.get("name"):
            out.append(f"{at}: [descriptor_shape] field {j} must be an object with a 'name' string")
            continue
        if f["name"] in seen:
            out.append(f"{at}: [descriptor_shape] field {_show(f['name'])} appears twice")
        seen.add(f["name"])
        if f.get("type") not in _FIELD_TYPES:
            out.append(f"{at}: [descriptor_shape] field {_show(f['name'])} has type {_show(f.get('type'))}, not a Table Schema type")
        if "constraints" in f and not isinstance(f["constraints"], dict):
            out.append(f"{at}: [descriptor_shape] field {_show(f['name'])}: 'constraints' must be an object")
        if "delimiter" in f and (not isinstance(f["delimiter"], str) or len(f["delimiter"]) != 1):
            out.append(f"{at}: [descriptor_shape] field {_show(f['name'])}: 'delimiter' must be one character")
    return out, seen


_TEXT_KEYS = ("name", "id", "title", "description", "version", "created", "homepage", "$schema")
_LIST_KEYS = {"licenses": ("name", "path", "title"), "sources": ("title", "path", "sha256", "terms"),
              "contributors": ("title", "path", "email", "role")}
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _metadata_problems(obj: dict, keys: tuple[str, ...] = _TEXT_KEYS) -> list[str]:
    """Metadata strings the exports write (README sheet, SQLite, citation) must be strings
    without control characters; lists of licences, sources and contributors are lists of objects."""
    out = []

    def text(where: str, v: Any) -> None:
        if v is None:
            return
        if not isinstance(v, str):
            out.append(f"[descriptor_shape] {where} must be a string, not {_json_type(v)}")
        elif _BAD_TEXT.search(v):
            out.append(f"[descriptor_shape] {where} holds a control character: {_show(v[:60])}")

    for k in keys:
        text(f"'{k}'", obj.get(k))
    if keys is _TEXT_KEYS:
        for k, sub in _LIST_KEYS.items():
            v = obj.get(k)
            if v is None:
                continue
            if not isinstance(v, list) or not all(isinstance(i, dict) for i in v):
                out.append(f"[descriptor_shape] '{k}' must be a list of objects, not {_json_type(v)}")
                continue
            for i, item in enumerate(v, 1):
                for s_ in sub:
                    text(f"'{k}' item {i} '{s_}'", item.get(s_))
        kw = obj.get("keywords")
        if kw is not None and (not isinstance(kw, list) or not all(isinstance(k, str) for k in kw)):
            out.append("[descriptor_shape] 'keywords' must be a list of strings")
    return out


def _json_type(v: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(v), type(v).__name__)


def read_descriptor(path: Path) -> dict:
    """The parsed ``datapackage.json`` at ``path``, its shape and resource paths checked.

    Raises :class:`PackageError` (every problem at once) without ever printing what a
    refused or malformed file holds."""
    where = str(path)
    root = Path(os.path.abspath(path.parent))
    problems = _file_problems(root, path.name, what="datapackage.json")
    if problems:
        raise PackageError(where, problems)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise PackageError(where, [f"[path_not_file] cannot be opened ({e.strerror or e})"]) from None
    with os.fdopen(fd, "rb") as fh:
        if _kind(os.fstat(fh.fileno()).st_mode):
            raise PackageError(where, ["[path_not_file] is not a regular file"])
        data = fh.read(MAX_DESCRIPTOR_BYTES + 1)
    if len(data) > MAX_DESCRIPTOR_BYTES:
        raise PackageError(where, [f"[descriptor_json] is larger than {MAX_DESCRIPTOR_BYTES >> 20} MB: not a datapackage.json"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PackageError(where, [f"[descriptor_json] is not UTF-8 (byte {e.start + 1} is 0x{data[e.start]:02X}): save it as UTF-8 JSON"]) \
            from None
    try:
        desc = json.loads(text)
    except RecursionError:
        raise PackageError(where, ["[descriptor_json] is not valid JSON: nested too deeply"]) from None
    except json.JSONDecodeError as e:
        raise PackageError(where, [f"[descriptor_json] is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}"]) from None
    problems = shape_problems(desc)
    if not problems:
        for res in desc["resources"]:
            problems += [f"resource {res['name']!r}: {p}" for p in _file_problems(root, res["path"])]
    if problems:
        raise PackageError(where, problems, _FIX if any("[path_" in p for p in problems) else "")
    return desc


def _file_problems(root: Path, rel: str, what: str = "") -> list[str]:
    """Whether ``root/rel`` is a regular file inside ``root`` once links are followed."""
    shown = what or f"path {_show(rel)}"
    real_root = Path(os.path.realpath(root))
    target = Path(os.path.realpath(root / rel))
    if not _inside(target, real_root):
        return [(f"[path_symlink] {shown} leads out of the package folder through a symbolic link; "
                 "only files inside the folder of datapackage.json are read")]
    why = special_file(target)
    if why == "does not exist":
        return [] if what else [f"[path_missing] {shown} does not exist"]
    if why:
        return [f"[path_not_file] {shown} {why}"]
    size = os.stat(target).st_size
    if not what and size > MAX_TABLE_BYTES:
        return [f"[path_too_large] {shown} is {size:,} bytes, more than the {MAX_TABLE_BYTES:,} a table may have"]
    return []


def resolve(root: Path, rel: str, *, write: bool = False) -> Path:
    """``root/rel`` after checking it stays inside ``root``; for ``write``, the file must
    not be a symbolic link (a write would replace the link or go through it)."""
    problem = path_problem(rel)
    if problem:
        raise PackageError(str(root / "datapackage.json"), [problem], _FIX)
    path = root / rel
    problems = _file_problems(root, rel)
    if problems:
        raise PackageError(str(root / "datapackage.json"), problems, _FIX)
    if write and os.path.islink(path):
        raise PackageError(str(root / "datapackage.json"),
                           [f"[path_symlink] path {_show(rel)} is a symbolic link: add does not write through links"],
                           "replace the link by the file itself")
    return path


def column_problems(desc: dict, reference: dict) -> list[str]:
    """Resources of ``desc`` named as a table of ``reference`` (the shipped descriptor,
    generated from the models) must declare its columns: the same names, types, list
    delimiters and primary key, in the same order. The tools read and check a table by its
    model; a descriptor that says otherwise is refused rather than half obeyed."""
    ref = {r["name"]: r for r in reference["resources"]}
    out = []
    for res in desc["resources"]:
        want = ref.get(res["name"])
        if want is None:
            continue

        def cols(r: dict) -> list[tuple]:
            return [(f.get("name"), f.get("type"), f.get("delimiter")) for f in r["schema"]["fields"]]

        got, exp = cols(res), cols(want)
        if got != exp:
            i = next((i for i, (a, b) in enumerate(zip(got, exp, strict=False)) if a != b), min(len(got), len(exp)))
            have = f"{_show(got[i][0])} ({got[i][1]})" if i < len(got) else "nothing"
            should = f"{_show(exp[i][0])} ({exp[i][1]})" if i < len(exp) else "nothing"
            out.append(f"resource {res['name']!r}: [descriptor_fields] column {i + 1} is {have} where the table "
                       f"{res['name']} has {should}")
        elif res["schema"].get("primaryKey", []) != want["schema"].get("primaryKey", []):
            out.append(f"resource {res['name']!r}: [descriptor_fields] the primary key is not that of the table")
    return out


def check_output(path: str | os.PathLike, *, folder: bool = False) -> None:
    """Refuse an output path that exists and is not a regular file (or, with ``folder``, a
    folder): writing would replace a device such as /dev/null, block on a named pipe, or
    go through a symbolic link to another file. :class:`PackageError` (exit 2)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise PackageError(str(path), [f"[output_not_file] cannot be checked ({e.strerror or e})"]) from None
    if stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode)):
        return
    what = "a symbolic link" if stat.S_ISLNK(mode) else f"{_kind(mode)}"
    raise PackageError(str(path), [(f"[output_not_file] is {what}, not a regular file: the output is written "
                                   "only to a new or a regular file")], "give another output path")
