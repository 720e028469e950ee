"""The hostile corpus: one case per way an input can be hostile or broken, by class.

Each case builds its inputs in a fresh folder (a copy of the package, a file outside it
holding :data:`CANARY`, the contributed file) and says which command to run, the exit
code it must give and what the message must say. ``tests/test_hostile.py`` runs every
case and also checks what holds for all of them: the exit code is 0, 1 or 2, never a
traceback or "internal error", the canary never printed, nothing outside the package
written. The classes are those of issue 13 (:data:`CLASSES`); a test fails when one has
no case. Deterministic: no randomness, the same bytes every run.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .._contrib_support import example_row, make_package, to_csv

CANARY = "CANARY-b81f3c-not-to-be-printed"

CLASSES = {
    "package-paths": "resource paths that leave the package (.., absolute, URL, symbolic links), zip slip",
    "special-files": "FIFOs, devices, folders, links to other files, files too large",
    "add-leftovers": "temporary files of a killed add, the table's mode, a hostile lock path",
    "descriptor-shapes": "a descriptor that is a list, has no resources, a null path, wrong types, bad JSON",
    "invisible-characters": "bidirectional controls, line/paragraph separators, BOM and zero-width in headers",
    "two-readers": "a cell beyond the csv module's default field limit, on every path",
    "dialects-formats": "Windows-1254, Latin-1, UTF-16, CR-only line ends, workbooks and archives given as CSV",
    "exports-formulas": "formulas in exported workbooks, an edited package exported unchecked",
    "out-of-period": "claim dates after 2023 or before 1918",
}


@dataclass
class Env:
    """The folder of one case: ``pkg`` (datapackage.json of a package copy), ``outside``
    (a folder beside the package with ``secret.csv`` holding the canary), ``new`` (a valid
    file of one events row), ``article`` (the article's path, when the case needs it)."""

    tmp: Path
    article: Path | None = None

    def __post_init__(self) -> None:
        self.outside = self.tmp / "outside"
        self.outside.mkdir()
        self.secret = self.outside / "secret.csv"
        self.secret.write_text(f"{CANARY},x\n{CANARY},y\n", encoding="utf-8")
        self.pkg = make_package(self.tmp / "pkg")
        self.root = self.pkg.parent
        self.new = self.tmp / "new.csv"
        self.new.write_bytes(to_csv("events", [example_row("events", 900)]))

    def edit(self, fn: Callable[[dict], object]) -> Path:
        """Replace the descriptor by ``fn(descriptor)`` (any JSON value)."""
        desc = json.loads(self.pkg.read_text(encoding="utf-8"))
        self.pkg.write_text(json.dumps(fn(desc)), encoding="utf-8")
        return self.pkg

    def set_path(self, name: str, path) -> Path:
        def fn(desc):
            for r in desc["resources"]:
                if r["name"] == name:
                    r["path"] = path
            return desc
        return self.edit(fn)

    def file(self, name: str, data: bytes) -> Path:
        p = self.tmp / name
        p.write_bytes(data)
        return p


@dataclass
class Run:
    argv: list
    rc: int
    says: list[str] = field(default_factory=list)
    check: Callable[[], None] | None = None
    needs_article: bool = False


@dataclass
class Case:
    name: str
    cls: str
    build: Callable[[Env], Run]


CASES: list[Case] = []


def case(cls: str, name: str | None = None):
    def deco(fn: Callable[[Env], Run]) -> Callable[[Env], Run]:
        CASES.append(Case(name or fn.__name__, cls, fn))
        return fn
    return deco


def _validate(env: Env, f, *extra) -> list:
    return ["validate", f, "--table", "events", "--package", env.pkg, *extra]


def _rows(*rows: dict) -> bytes:
    return to_csv("events", list(rows))


def _row(i: int, **kw) -> dict:
    return {**example_row("events", i), **kw}


# --------------------------------------------------------------------------- package paths

_PATH_CASES = {
    "parent": ("../outside/secret.csv", "[path_parent]"),
    "deep_parent": ("../../../../../../../../etc/passwd", "[path_parent]"),
    "absolute": (None, "[path_absolute]"),  # the secret's absolute path
    "url": ("https://example.org/events.csv", "[path_url]"),
    "file_url": ("file:///etc/passwd", "[path_url]"),
    "windows_drive": ("C:/Windows/win.ini", "[path_url]"),
    "backslash": ("..\\outside\\secret.csv", "[path_form]"),
    "dot_segment": ("tables/./events.csv", "[path_form]"),
}
_COMMANDS = ("validate", "add", "verify", "export")


def _command(env: Env, command: str) -> tuple[list, bool]:
    if command == "validate":
        return _validate(env, env.new), False
    if command == "add":
        return ["add", env.new, "--table", "events", "--package", env.pkg], False
    if command == "verify":
        return ["verify", "--article", env.article, "--package", env.pkg], True
    return ["export", "--format", "zip", "--output", env.tmp / "out.zip", "--package", env.pkg], False


def _outside_unchanged(env: Env) -> Callable[[], None]:
    before = sorted(p.name for p in env.outside.iterdir())

    def check() -> None:
        assert sorted(p.name for p in env.outside.iterdir()) == before
        assert env.secret.read_text(encoding="utf-8") == f"{CANARY},x\n{CANARY},y\n"
    return check


def _path_case(kind: str, command: str) -> None:
    path, rule = _PATH_CASES[kind]

    def build(env: Env) -> Run:
        env.set_path("events", str(env.secret) if path is None else path)
        argv, article = _command(env, command)
        return Run(argv, 2, [f"('events'): {rule}"], _outside_unchanged(env), needs_article=article)
    CASES.append(Case(f"path_{kind}_{command}", "package-paths", build))


for _kind in _PATH_CASES:
    for _cmd in _COMMANDS:
        _path_case(_kind, _cmd)


@case("package-paths")
def symlinked_folder(env: Env) -> Run:
    """tables/ is a link to a folder outside the package: every table leads out of it."""
    shutil.copytree(env.root / "tables", env.outside / "tables")
    shutil.rmtree(env.root / "tables")
    (env.root / "tables").symlink_to(env.outside / "tables")
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 2,
               ["[path_symlink]", "leads out of the package folder"], _outside_unchanged(env))


@case("package-paths")
def table_is_link_to_secret(env: Env) -> Run:
    (env.root / "tables/events.csv").unlink()
    (env.root / "tables/events.csv").symlink_to(env.secret)
    return Run(_validate(env, env.new), 2, ["resource 'events': [path_symlink]"], _outside_unchanged(env))


@case("package-paths")
def table_is_link_to_secret_verify(env: Env) -> Run:
    (env.root / "tables/events.csv").unlink()
    (env.root / "tables/events.csv").symlink_to(env.secret)
    return Run(["verify", "--article", env.article, "--package", env.pkg], 2, ["[path_symlink]"],
               _outside_unchanged(env), needs_article=True)


@case("package-paths")
def add_keeps_a_link_inside(env: Env) -> Run:
    """A table that is a link to another file inside the package can be read, but add
    does not replace the link by a plain file."""
    real = env.root / "tables/events-real.csv"
    (env.root / "tables/events.csv").rename(real)
    (env.root / "tables/events.csv").symlink_to("events-real.csv")
    before = real.read_bytes()

    def check() -> None:
        assert (env.root / "tables/events.csv").is_symlink()
        assert real.read_bytes() == before
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 2,
               ["[path_symlink] path 'tables/events.csv' is a symbolic link: add does not write through links"],
               check)


@case("package-paths")
def descriptor_is_link_out(env: Env) -> Run:
    """datapackage.json itself a link to a file outside its folder."""
    other = env.outside / "datapackage.json"
    shutil.copy(env.pkg, other)
    env.pkg.unlink()
    env.pkg.symlink_to(other)
    return Run(_validate(env, env.new), 2, ["datapackage.json leads out of the package folder"])


@case("package-paths")
def zip_entries_relative(env: Env) -> Run:
    out = env.tmp / "out.zip"

    def check() -> None:
        names = zipfile.ZipFile(out).namelist()
        assert names and all(not n.startswith("/") and ".." not in n.split("/") and "\\" not in n for n in names)
    return Run(["export", "--format", "zip", "--output", out, "--package", env.pkg], 0, [], check)


# --------------------------------------------------------------------------- special files


@case("special-files")
def fifo_input(env: Env) -> Run:
    fifo = env.tmp / "pipe.csv"
    os.mkfifo(fifo)
    return Run(_validate(env, fifo), 2, ["[not_regular_file] the path is a named pipe (FIFO), not a regular file"])


@case("special-files")
def fifo_input_add(env: Env) -> Run:
    fifo = env.tmp / "pipe.csv"
    os.mkfifo(fifo)
    return Run(["add", fifo, "--table", "events", "--package", env.pkg], 2, ["[not_regular_file]"])


@case("special-files")
def dev_zero(env: Env) -> Run:
    return Run(_validate(env, "/dev/zero"), 2, ["[not_regular_file] the path is a character device"])


@case("special-files")
def dev_urandom(env: Env) -> Run:
    return Run(_validate(env, "/dev/urandom"), 2, ["[not_regular_file]"])


@case("special-files")
def folder_input(env: Env) -> Run:
    return Run(_validate(env, env.outside), 2, ["[not_regular_file] the path is a folder"])


@case("special-files")
def link_to_secret_input(env: Env) -> Run:
    link = env.tmp / "link.csv"
    link.symlink_to(env.secret)
    return Run(_validate(env, link), 2, ["[not_regular_file] the file is a symbolic link"])


@case("special-files")
def fifo_descriptor(env: Env) -> Run:
    env.pkg.unlink()
    os.mkfifo(env.pkg)
    return Run(_validate(env, env.new), 2, ["datapackage.json: [path_not_file] is a named pipe (FIFO), not a regular file"])


@case("special-files")
def fifo_table(env: Env) -> Run:
    (env.root / "tables/events.csv").unlink()
    os.mkfifo(env.root / "tables/events.csv")
    return Run(_validate(env, env.new), 2, ["[path_not_file] path 'tables/events.csv' is a named pipe (FIFO)"])


@case("special-files")
def device_table(env: Env) -> Run:
    (env.root / "tables/events.csv").unlink()
    (env.root / "tables/events.csv").symlink_to("/dev/zero")
    return Run(["export", "--format", "sqlite", "--output", env.tmp / "x.sqlite", "--package", env.pkg], 2,
               ["[path_symlink]"])


@case("special-files")
def fifo_article(env: Env) -> Run:
    fifo = env.tmp / "article.txt"
    os.mkfifo(fifo)
    return Run(["verify", "--article", fifo, "--package", env.pkg], 2, ["article not found"])


@case("special-files")
def too_large(env: Env) -> Run:
    f = env.file("big.csv", _rows(*[_row(i) for i in range(200)]))
    size = f.stat().st_size
    return Run(_validate(env, f, "--max-bytes", "10000"), 2,
               [(f"[file_too_large] the file is {size / 1e3:,.1f} kB ({size:,} bytes), more than the limit of "
                f"10,000 bytes. Fix: if the file is meant to be this large, pass --max-bytes {size} (0: no limit)")])


@case("special-files")
def too_large_raised(env: Env) -> Run:
    f = env.file("big.csv", _rows(*[_row(i) for i in range(200)]))
    return Run(_validate(env, f, "--max-bytes", "0"), 0, ["valid: 200 rows"])


# --------------------------------------------------------------------------- add leftovers


@case("add-leftovers")
def leftover_temp_removed(env: Env) -> Run:
    tmp = env.root / "tables/.events.csv.k2j4h5g6.tmp"
    tmp.write_text("half-written", encoding="utf-8")
    other = env.root / "tables/.events.csv.notes"  # not a temporary file of add: kept

    other.write_text("keep", encoding="utf-8")

    def check() -> None:
        assert not tmp.exists()
        assert other.exists()
        assert not [p for p in (env.root / "tables").iterdir() if p.name.endswith(".tmp")]
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 0, ["1 row(s) added"], check)


@case("add-leftovers")
def table_keeps_mode(env: Env) -> Run:
    table = env.root / "tables/events.csv"
    table.chmod(0o640)

    def check() -> None:
        assert (table.stat().st_mode & 0o777) == 0o640
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 0, ["written"], check)


@case("add-leftovers")
def lock_is_link(env: Env) -> Run:
    victim = env.outside / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (env.root / ".turaz-add.lock").symlink_to(victim)

    def check() -> None:
        assert victim.read_text(encoding="utf-8") == "precious"
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 2,
               [".turaz-add.lock is a symbolic link", "nothing was written"], check)


@case("add-leftovers")
def lock_is_folder(env: Env) -> Run:
    (env.root / ".turaz-add.lock").mkdir()
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 2, ["is not a regular file"])


@case("add-leftovers")
def lock_is_fifo(env: Env) -> Run:
    os.mkfifo(env.root / ".turaz-add.lock")
    return Run(["add", env.new, "--table", "events", "--package", env.pkg], 2, ["is not a regular file"])


# --------------------------------------------------------------------------- descriptor shapes

def _first(fn: Callable[[dict], object]) -> Callable[[dict], dict]:
    """An edit of the first resource (footnotes) of a descriptor."""
    def edit(d: dict) -> dict:
        fn(d["resources"][0])
        return d
    return edit


_SHAPES: dict[str, tuple[Callable[[dict], object], str]] = {
    "json_list": (lambda d: [d], "[descriptor_shape] the descriptor must be a JSON object ({...}), not a JSON list"),
    "json_string": (lambda d: "resources", "not a JSON string"),
    "json_null": (lambda d: None, "not a JSON null"),
    "no_resources": (lambda d: {k: v for k, v in d.items() if k != "resources"},
                     "[descriptor_shape] the descriptor has no 'resources' list"),
    "resources_null": (lambda d: {**d, "resources": None}, "'resources' must be a non-empty list, not null"),
    "resources_empty": (lambda d: {**d, "resources": []}, "'resources' must be a non-empty list"),
    "resource_number": (lambda d: {**d, "resources": [1, *d["resources"][1:]]},
                        "resource 1: [descriptor_shape] must be a JSON object, not a JSON number"),
    "null_path": (_first(lambda r: r.update(path=None)), "resource 1 ('footnotes'): [path_missing] has no path (null)"),
    "path_number": (_first(lambda r: r.update(path=7)), "[path_type] path must be a string, not int"),
    "path_list": (_first(lambda r: r.update(path=["a.csv", "b.csv"])), "[path_type] path must be a string, not list"),
    "no_name": (_first(lambda r: r.pop("name")), "'name' must be lower-case"),
    "bad_name": (_first(lambda r: r.update(name="../x")), "'name' must be lower-case"),
    "duplicate_name": (_first(lambda r: r.update(name="events")), "the name is used twice"),
    "no_schema": (_first(lambda r: r.pop("schema")), "'schema' must be a JSON object, not null"),
    "fields_string": (_first(lambda r: r["schema"].update(fields="id")),
                      "'schema.fields' must be a non-empty list, not string"),
    "field_type": (_first(lambda r: r["schema"]["fields"][0].update(type="evil")),
                   "has type 'evil', not a Table Schema type"),
    "field_renamed": (_first(lambda r: r["schema"]["fields"][1].update(name="sec")),
                      ("resource 'footnotes': [descriptor_fields] column 2 is 'sec' (string) where the table "
                       "footnotes has 'section' (string)")),
    "field_retyped": (_first(lambda r: r["schema"]["fields"][0].update(type="number")),
                      ("[descriptor_fields] column 1 is 'footnote' (number) where the table footnotes has "
                       "'footnote' (integer)")),
    "field_dropped": (_first(lambda r: r["schema"]["fields"].pop()), "[descriptor_fields] column 7 is nothing"),
    "other_key": (_first(lambda r: r["schema"].update(primaryKey=["section"])),
                  "[descriptor_fields] the primary key is not that of the table"),
    "primary_key": (_first(lambda r: r["schema"].update(primaryKey="id")),
                    "'schema.primaryKey' must be a list of its field names"),
    "title_object": (lambda d: {**d, "title": {"x": 1}}, "'title' must be a string, not object"),
    "title_control": (lambda d: {**d, "title": "a\x07b"}, "'title' holds a control character"),
    "sources_string": (lambda d: {**d, "sources": "x"}, "'sources' must be a list of objects"),
}


def _shape_case(kind: str, command: str) -> None:
    fn, says = _SHAPES[kind]

    def build(env: Env) -> Run:
        env.edit(fn)
        argv, article = _command(env, command)
        return Run(argv, 2, [says], needs_article=article)
    CASES.append(Case(f"shape_{kind}_{command}", "descriptor-shapes", build))


for _kind in _SHAPES:
    for _cmd in _COMMANDS:
        _shape_case(_kind, _cmd)


def _raw_descriptor(name: str, data: bytes, says: str) -> None:
    def build(env: Env) -> Run:
        env.pkg.write_bytes(data)
        return Run(_validate(env, env.new), 2, [says])
    CASES.append(Case(f"shape_{name}", "descriptor-shapes", build))


_raw_descriptor("not_json", b"{resources: [", "[descriptor_json] is not valid JSON: Expecting property name")
_raw_descriptor("empty", b"", "[descriptor_json] is not valid JSON: Expecting value at line 1, column 1")
_raw_descriptor("nested_deep", b"[" * 200_000 + b"]" * 200_000, "[descriptor_json] is not valid JSON: nested too deeply")
_raw_descriptor("not_utf8", b'{"title": "\xff"}', "[descriptor_json] is not UTF-8 (byte 12 is 0xFF)")
_raw_descriptor("binary", gzip.compress(b"{}", mtime=0), "[descriptor_json] is not UTF-8")


@case("descriptor-shapes")
def too_large_descriptor(env: Env) -> Run:
    with open(env.pkg, "wb") as fh:
        fh.truncate((16 << 20) + 10)
    return Run(_validate(env, env.new), 2, ["[descriptor_json] is larger than 16 MB"])


@case("descriptor-shapes")
def table_header_is_other(env: Env) -> Run:
    """A table whose file is not the table (another CSV inside the package): named, not echoed at length."""
    (env.root / "tables/actors.csv").write_text("user,shell\nroot,/bin/bash\n", encoding="utf-8")
    return Run(_validate(env, env.new), 1, [])  # the actors read as having no keys: nothing is echoed


@case("descriptor-shapes")
def table_bad_integer(env: Env) -> Run:
    p = env.root / "tables/footnotes.csv"
    lines = p.read_text(encoding="utf-8").splitlines(True)
    lines[1] = "x" + lines[1][1:]
    p.write_text("".join(lines), encoding="utf-8")
    return Run(_validate(env, env.new), 0, [])  # no crash (was exit 3); the engine reads the keys it can


@case("descriptor-shapes")
def table_ragged(env: Env) -> Run:
    p = env.root / "tables/actors.csv"
    p.write_text(p.read_text(encoding="utf-8") + "a,b,c,d,e,f,g,h,i\n", encoding="utf-8")
    return Run(_validate(env, env.new), 0, [])  # no crash (was exit 3); the engine reads the keys it can


# --------------------------------------------------------------------------- invisible characters


@case("invisible-characters")
def rlo_in_cell(env: Env) -> Run:
    f = env.file("rlo.csv", _rows(_row(1, description="Tank\u202etfos")))
    return Run(_validate(env, f), 1, [(r"value 'Tank\u202etfos' [text_control] control character (such as NUL), "
                                       "line break or bidirectional control inside the cell")])


@case("invisible-characters")
def isolate_in_list_item(env: Env) -> Run:
    row = _row(1)
    row["evidence"] = ["11 Ağustos 1992", "a\u2067b"]
    f = env.file("iso.csv", _rows(row))
    return Run(_validate(env, f), 1, [r"value '11 Ağustos 1992|a\u2067b' [list_items]"])


@case("invisible-characters")
def line_separator(env: Env) -> Run:
    f = env.file("ls.csv", _rows(_row(1, note="one\u2028two"), _row(2, note="three\u2029four")))
    return Run(_validate(env, f), 1, [r"value 'one\u2028two' [text_control]", r"value 'three\u2029four' [text_control]"])


@case("invisible-characters")
def bom_in_header_name(env: Env) -> Run:
    data = _rows(_row(1)).replace(b"id,", "\ufeff\ufeffid,".encode(), 1)
    f = env.file("bom.csv", data)
    return Run(_validate(env, f), 1, [(r"line 1, column '\ufeffid': [column_unknown] unknown column '\ufeffid'. "
                                      "Fix: it holds U+FEFF BYTE ORDER MARK at character 1, which cannot be seen: "
                                      "delete it, so that the name is 'id'")])


@case("invisible-characters")
def zero_width_in_header(env: Env) -> Run:
    f = env.file("zw.csv", _rows(_row(1)).replace(b"footnote", "foot\u200bnote".encode(), 1))
    return Run(_validate(env, f), 1, [(r"unknown column 'foot\u200bnote'. Fix: it holds U+200B ZERO WIDTH SPACE "
                                      "at character 5, which cannot be seen: delete it, so that the name is 'footnote'")])


# --------------------------------------------------------------------------- two readers

BIG = 5_000_000


@case("two-readers")
def large_cell_valid(env: Env) -> Run:
    f = env.file("big.csv", _rows(_row(1, description="x" * BIG), _row(2)))
    return Run(_validate(env, f), 0, ["valid: 2 rows"])


@case("two-readers")
def large_cell_and_bad_row(env: Env) -> Run:
    f = env.file("big.csv", _rows(_row(1, description="x" * BIG), _row(2, footnote=99)))
    return Run(_validate(env, f), 1, ["line 3, column 'footnote': value '99'", "invalid: 1 problem in 2 rows"])


@case("two-readers")
def large_cell_too_long(env: Env) -> Run:
    row = _row(1)
    row["evidence"] = ["y" * BIG]
    f = env.file("big.csv", _rows(row))
    return Run(_validate(env, f), 1, ["[list_items]"])


@case("two-readers")
def large_cell_in_package(env: Env) -> Run:
    """A large cell in a package table is read by the package reader too."""
    p = env.root / "tables/events.csv"
    p.write_bytes(_rows(_row(1, description="z" * BIG)))
    return Run(_validate(env, env.new), 0, ["valid: 1 row"])


# --------------------------------------------------------------------------- dialects and formats

_TR_ROW = _row(1, description="Türkiye ile Azerbaycan arasında işbirliği; ğüşöçı İĞŞ")
_TR_CSV = _rows(_TR_ROW).decode("utf-8")
_SAVE = ("Fix: save it as CSV UTF-8 (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; in "
         "LibreOffice: File > Save As > 'Text CSV', character set 'Unicode (UTF-8)', field delimiter ',')")


@case("dialects-formats")
def turkish_excel(env: Env) -> Run:
    """Windows-1254 with semicolons, as Excel saves 'CSV' on a Turkish system."""
    f = env.file("tr.csv", _TR_CSV.replace(",", ";").encode("cp1254"))
    return Run(_validate(env, f), 2, [("the file looks like Windows-1254 (Turkish; what Excel saves as 'CSV' on a "
                                      "Turkish system); it is also delimited with semicolons"),
                                      "or pass --encoding cp1254 to read it as it is"])


@case("dialects-formats")
def turkish_read_with_encoding(env: Env) -> Run:
    f = env.file("tr.csv", _TR_CSV.encode("cp1254"))
    return Run(_validate(env, f, "--encoding", "cp1254"), 0, ["valid: 1 row"])


@case("dialects-formats")
def latin1(env: Env) -> Run:
    f = env.file("l1.csv", _rows(_row(1, description="Café, naïve résumé")).decode().encode("latin-1", "replace"))
    return Run(_validate(env, f), 2, ["the file looks like Latin-1 or Windows-1252 (Western European)",
                                      "--encoding cp1252"])


@case("dialects-formats")
def utf16_bom(env: Env) -> Run:
    f = env.file("u16.csv", codecs.BOM_UTF16_LE + _TR_CSV.encode("utf-16-le"))
    return Run(_validate(env, f), 0, ["note: [encoding_read] the file is UTF-16 (little-endian)", "valid: 1 row"])


@case("dialects-formats")
def utf16_no_bom(env: Env) -> Run:
    f = env.file("u16.csv", _TR_CSV.encode("utf-16-le"))
    return Run(_validate(env, f), 2, ["it looks like UTF-16 without a byte-order mark", "--encoding utf-16-le"])


@case("dialects-formats")
def unknown_encoding(env: Env) -> Run:
    return Run(_validate(env, env.new, "--encoding", "klingon"), 2, ["unknown encoding 'klingon'"])


@case("dialects-formats")
def cr_only(env: Env) -> Run:
    f = env.file("mac.csv", _rows(_row(1), _row(2)).replace(b"\n", b"\r"))
    return Run(_validate(env, f), 0, ["note: [line_ends_cr] the lines end with a carriage return alone", "valid: 2 rows"])


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


_FORMATS = {
    "xlsx": (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
             # a workbook is an accepted input (issue 16): a damaged one is named, with how to save it again
             "cannot be read as an .xlsx workbook"),
    "ods": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
            "it is an OpenDocument spreadsheet (.ods)"),
    "zip": (_zip({"events.csv": b"id\n"}), "it is a zip archive. Fix: extract it first"),
    "gzip": (gzip.compress(b"id,footnote\n", mtime=0), "it is a gzip-compressed file. Fix: decompress it first"),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "it is an old-style Excel workbook (.xls)"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "it is a PDF document"),
    "sqlite": (b"SQLite format 3\x00" + b"\0" * 84, "it is an SQLite database"),
    "damaged_zip": (b"PK\x03\x04garbage", "it is a zip archive (damaged)"),
}


def _format_case(kind: str) -> None:
    data, says = _FORMATS[kind]

    def build(env: Env) -> Run:
        return Run(_validate(env, env.file(f"given.{kind}.csv", data)), 2, [says])
    CASES.append(Case(f"format_{kind}", "dialects-formats", build))


for _kind in _FORMATS:
    _format_case(_kind)


# --------------------------------------------------------------------------- exports


def _no_formula(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                body = zf.read(name)
                assert b"<f>" not in body and b"<f " not in body, name


@case("exports-formulas")
def xlsx_metadata_formula(env: Env) -> Run:
    env.edit(lambda d: {**d, "title": '=HYPERLINK("http://example.org","x")', "description": "@SUM(1)",
                        "resources": [{**r, "title": "+1"} for r in d["resources"]]})
    out = env.tmp / "out.xlsx"
    return Run(["export", "--format", "xlsx", "--output", out, "--package", env.pkg], 0, [],
               lambda: _no_formula(out))


@case("exports-formulas")
def zip_of_edited_package_refused(env: Env) -> Run:
    p = env.root / "tables/events.csv"
    p.write_bytes(_rows(_row(1, description="=cmd|' /C calc'!A0")))
    out = env.tmp / "out.zip"
    return Run(["export", "--format", "zip", "--output", out, "--package", env.pkg], 2,
               ["tables/events.csv, row 1, column 'description'", "[text_formula]"], lambda: _absent(out))


@case("exports-formulas")
def xlsx_of_edited_package_refused(env: Env) -> Run:
    p = env.root / "tables/events.csv"
    p.write_bytes(_rows(_row(1, place="@SUM(A1)")))
    out = env.tmp / "out.xlsx"
    return Run(["export", "--format", "xlsx", "--output", out, "--package", env.pkg], 2, ["[text_formula]"],
               lambda: _absent(out))


@case("exports-formulas")
def export_unknown_table_refused(env: Env) -> Run:
    extra = env.root / "tables/extra.csv"
    extra.write_text("a\n=1+1\n", encoding="utf-8")
    env.edit(lambda d: {**d, "resources": [*d["resources"], {"name": "extra", "path": "tables/extra.csv",
                                                              "schema": {"fields": [{"name": "a", "type": "string"}]}}]})
    out = env.tmp / "out.zip"
    return Run(["export", "--format", "zip", "--output", out, "--package", env.pkg], 2,
               ["resource 'extra' is not a table of turaz_data"], lambda: _absent(out))


def _absent(p: Path) -> None:
    assert not p.exists()


# --------------------------------------------------------------------------- period


@case("out-of-period")
def after_2023(env: Env) -> Run:
    f = env.file("late.csv", _rows(_row(1, date="2024-03-01")))
    return Run(_validate(env, f), 1, [("line 2, column 'date': value '2024-03-01' [date_after_period] the date is "
                                      "after 2023, when the article was published. Fix: check the year: the "
                                      "article covers 1918-2023 and cannot back a later claim")])


@case("out-of-period")
def interval_starting_after_2023(env: Env) -> Run:
    f = env.file("late.csv", _rows(_row(1, date="2025/2026")))
    return Run(_validate(env, f), 1, ["[date_after_period]"])


@case("out-of-period")
def may_reach_past_2023(env: Env) -> Run:
    f = env.file("open.csv", _rows(_row(1, date="2020/.."), _row(2, date="20XX")))
    return Run(_validate(env, f), 0, ["valid: 2 rows"])


@case("out-of-period")
def before_1918(env: Env) -> Run:
    f = env.file("early.csv", _rows(_row(1, date="1905")))
    return Run(_validate(env, f), 0, ["valid: 1 row"])  # allowed: background the article gives (such as 1917)


@case("special-files")
def huge_article(env: Env) -> Run:
    art = env.tmp / "article.txt"
    with open(art, "wb") as fh:
        fh.truncate(3 << 30)  # sparse: 3 GB that take no disk
    return Run(["verify", "--article", art, "--package", env.pkg], 2,
               [f"{art} is 3,221,225,472 bytes, not the article"])


@case("special-files")
def article_is_other_file(env: Env) -> Run:
    return Run(["verify", "--article", env.secret, "--package", env.pkg], 2,
               ["is not a readable copy of the article"])


@case("special-files")
def sparse_file_one_line(env: Env) -> Run:
    """900 MB of NUL bytes (sparse: no disk used), under the size limit: one line, refused at 64 MB."""
    f = env.tmp / "zeros.csv"
    with open(f, "wb") as fh:
        fh.truncate(900 << 20)
    return Run(_validate(env, f), 2, ["[line_too_long] line 1 is longer than 64 MB without a line end"])


@case("two-readers")
def runaway_quoted_cell(env: Env) -> Run:
    """A quote never closed swallows the rest of the file: refused at the field limit (32 MB)."""
    f = env.tmp / "quote.csv"
    with open(f, "wb") as fh:
        fh.write(_rows(_row(1)) + b'row-2,18,sentence,"abc\n')
        fh.write((b"y" * 1023 + b"\n") * (34 << 10))
    return Run(_validate(env, f), 2, ["[cell_too_large] a cell of the row starting on line 3 is larger than 32 MB"])


@case("special-files")
def export_to_fifo(env: Env) -> Run:
    out = env.tmp / "out.zip"
    os.mkfifo(out)
    return Run(["export", "--format", "zip", "--output", out, "--package", env.pkg], 2,
               ["[output_not_file] is a named pipe (FIFO), not a regular file"], lambda: _is_fifo(out))


@case("special-files")
def export_through_link(env: Env) -> Run:
    out = env.tmp / "out.sqlite"
    out.symlink_to(env.secret)
    return Run(["export", "--format", "sqlite", "--output", out, "--package", env.pkg], 2,
               ["[output_not_file] is a symbolic link"], _outside_unchanged(env))


@case("special-files")
def plot_to_fifo(env: Env) -> Run:
    out = env.tmp / "t.svg"
    os.mkfifo(out)
    return Run(["plot", "timeline", "--output", out, "--package", env.pkg], 2,
               ["[output_not_file] is a named pipe (FIFO)"], lambda: _is_fifo(out))


def _is_fifo(p: Path) -> None:
    import stat

    assert stat.S_ISFIFO(os.lstat(p).st_mode)


@case("special-files")
def huge_table_in_package(env: Env) -> Run:
    """A table file of 2 GB (sparse) in the package: refused before it is read."""
    with open(env.root / "tables/works.csv", "r+b") as fh:
        fh.truncate(2 << 30)
    return Run(_validate(env, env.new), 2, [("resource 'works': [path_too_large] path 'tables/works.csv' is "
                                            "2,147,483,648 bytes, more than the 1,073,741,824 a table may have")])


@case("invisible-characters")
def zero_width_in_code(env: Env) -> Run:
    """A code with a zero-width space at its end: the value is shown escaped."""
    f = env.file("zwc.csv", _rows(_row(1, support="sentence\u200b")))
    return Run(_validate(env, f), 1, [r"column 'support': value 'sentence\u200b' [enum]"])


@case("invisible-characters")
def pop_directional_in_title(env: Env) -> Run:
    f = env.file("pdf.csv", _rows(_row(1, place="Bak\u202cu"), _row(2, place="\u2066Baku\u2069")))
    return Run(_validate(env, f), 1, [r"value 'Bak\u202cu' [text_control]", r"value '\u2066Baku\u2069' [text_control]"])
