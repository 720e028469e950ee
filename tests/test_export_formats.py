"""Every export, read back by its own ecosystem's reader and compared with the CSV
tables row for row; every export byte-identical when made twice.

Runs on the shipped tables (whatever rows they have) and on a small sample package
with rows in every table (tests/publish_sample.py).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.publish_sample import ROWS, write_sample
from turaz_data.cli import main
from turaz_data.errors import MissingDependencyError
from turaz_data.publish import metadata
from turaz_data.publish.citing import ARTICLE_KEY
from turaz_data.publish.export import FORMATS, export
from turaz_data.tables import vocab
from turaz_data.tables.edtf import bounds
from turaz_data.tables.storage import descriptor, is_list_field, read_rows, with_bounds

PACKAGES = ("shipped", "sample")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module", params=PACKAGES)
def pkg(request, sample):
    """(package argument, expected tables as {name: (resource, rows)})."""
    package = None if request.param == "shipped" else sample
    tables = {r["name"]: (r, read_rows(r["name"], package)) for r in descriptor(package)["resources"]}
    return package, tables


@pytest.fixture(scope="module")
def out(pkg, tmp_path_factory):
    """Every format exported once for ``pkg``."""
    package, _ = pkg
    d = tmp_path_factory.mktemp("exports")
    return {fmt: export(fmt, d / f"out{FORMATS[fmt] or '.' + fmt}", package=package) for fmt in FORMATS}


def _fields(res):
    return res["schema"]["fields"]


def _kind(f):
    return "list" if is_list_field(f) else f["type"]


PANELS = ("panel", "dyad_panel")


def _exported(tables, package):
    """What the sqlite, xlsx, parquet and dta exports hold: every table with its date bounds,
    then the two panels."""
    from turaz_data.publish.export import _panels

    out = {name: with_bounds(res, rows) for name, (res, rows) in tables.items()}
    out.update({res["name"]: (res, rows) for res, rows in _panels(package)})
    return out


def test_sample_has_rows_in_every_table(sample):
    for res in descriptor(sample)["resources"]:
        assert read_rows(res["name"], sample), res["name"]
    assert set(ROWS) | {"actors"} == {r["name"] for r in descriptor(sample)["resources"]}


# --------------------------------------------------------------------------- zip


def test_zip_is_a_valid_frictionless_package_with_the_same_rows(pkg, out):
    import frictionless

    _, tables = pkg
    report = frictionless.validate(str(out["zip"]))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["warnings"] == 0 and report.stats["tasks"] == len(tables)
    package = frictionless.Package(str(out["zip"]))
    for name, (res, rows) in tables.items():
        got = package.get_resource(name).read_rows()
        assert len(got) == len(rows), name
        for g, want in zip(got, rows, strict=True):
            for f in _fields(res):
                value = g[f["name"]]
                if f["type"] == "date" and value is not None:
                    value = value.isoformat()
                if f["type"] == "number" and value is not None:
                    value = float(value)  # frictionless reads numbers as Decimal
                if _kind(f) == "list":
                    value = value.split(f["delimiter"]) if value else []
                assert value == want[f["name"]], (name, f["name"])


def test_zip_members_and_timestamps(pkg, out):
    package, tables = pkg
    with zipfile.ZipFile(out["zip"]) as zf:
        names = zf.namelist()
        assert names[:1 + len(tables)] == ["datapackage.json", *(res["path"] for res, _ in tables.values())]
        assert "CITATION.cff" in names
        assert ("codebook.md" in names) == (package is None)  # the sample package has no codebook
        assert {i.date_time for i in zf.infolist()} == {tuple(map(int, metadata.RELEASE_DATE.split("-"))) + (0, 0, 0)}


# --------------------------------------------------------------------------- SQLite


def test_sqlite_tables_keys_and_rows(pkg, out):
    package, tables = pkg
    tables = _exported(tables, package)
    con = sqlite3.connect(out["sqlite"])
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for name, (res, rows) in tables.items():
        cols = [f["name"] for f in _fields(res)]
        info = {r[1]: r for r in con.execute(f'PRAGMA table_info("{name}")')}
        assert list(info) == cols
        pk = [c for c, r in sorted(info.items(), key=lambda kv: kv[1][5]) if r[5]]
        assert pk == res["schema"]["primaryKey"]
        fks = {(r[3], r[2], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{name}")')}
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            assert (fk["fields"][0], target, fk["reference"]["fields"][0]) in fks
        got = con.execute(f'SELECT * FROM "{name}"').fetchall()
        assert len(got) == len(rows)
        for g, want in zip(got, rows, strict=True):
            for f, value in zip(_fields(res), g, strict=True):
                if _kind(f) == "list":
                    value = json.loads(value)
                assert value == want[f["name"]], (name, f["name"])


def test_sqlite_link_tables_and_metadata(pkg, out):
    package, tables = pkg
    tables = _exported(tables, package)
    con = sqlite3.connect(out["sqlite"])
    links = con.execute("SELECT id, position, actor_id FROM events_actors ORDER BY id, position").fetchall()
    want = sorted((r["id"], i, a) for r in tables["events"][1] for i, a in enumerate(r["actors"], 1))
    assert links == want
    assert {"events_actors", "agreements_parties", "quantities_actors"} <= {
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    meta = dict(con.execute("SELECT key, value FROM _metadata"))
    assert meta["version"] == metadata.PACKAGE["version"] and meta["license"] == "CC-BY-4.0"
    assert json.loads(meta["datapackage"])["name"] == "turaz-data"
    n_fields = sum(len(_fields(res)) for res, _ in tables.values())
    assert con.execute("SELECT count(*) FROM _fields").fetchone() == (n_fields,)


def test_sqlite_foreign_key_check_catches_a_dangling_key(out, tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(out["sqlite"].read_bytes())
    con = sqlite3.connect(path)
    con.execute("INSERT INTO actors (actor_id, name_en, name_tr, type, country) VALUES ('xx', 'X', 'X', 'state', 'nowhere')")
    con.commit()
    assert con.execute("PRAGMA foreign_key_check").fetchall() == [("actors", con.execute(
        "SELECT rowid FROM actors WHERE actor_id = 'xx'").fetchone()[0], "actors", 0)]


# --------------------------------------------------------------------------- xlsx


def test_xlsx_sheets_and_rows(pkg, out):
    import openpyxl

    package, tables = pkg
    tables = _exported(tables, package)
    wb = openpyxl.load_workbook(out["xlsx"])
    assert wb.sheetnames == ["README", "codes", *tables]
    readme = [c for row in wb["README"].iter_rows(values_only=True) for c in row if c is not None]
    assert metadata.PACKAGE["title"] in readme and metadata.PACKAGE["version"] in readme
    for name, (res, rows) in tables.items():
        got = list(wb[name].iter_rows(values_only=True))
        header = list(got[0])
        names = [f["name"] for f in _fields(res)]  # with the date bounds after each EDTF date (with_bounds)
        edtf = [n for n in names if n == "date"]
        assert all(names[names.index(n) + 1:names.index(n) + 3] == [f"{n}_lower", f"{n}_upper"] for n in edtf)
        assert header == names
        assert len(got) - 1 == len(rows)
        for g, want in zip(got[1:], rows, strict=True):
            cells = dict(zip(header, g, strict=True))
            for n in edtf:  # the bounds of each EDTF date, as Excel dates
                lo, hi = bounds(want[n]) if want[n] else (None, None)
                assert [cells[f"{n}_lower"], cells[f"{n}_upper"]] == [
                    dt.datetime.combine(d, dt.time()) if d else None for d in (lo, hi)], (name, want[n])
            for f, value in ((f, cells[f["name"]]) for f in _fields(res)):
                w = want[f["name"]]
                if _kind(f) == "list":
                    value = value.split("|") if value else []
                elif f["type"] == "date" and value is not None:
                    assert isinstance(value, dt.datetime)
                    value = value.date().isoformat()
                elif f["type"] == "number" and value is not None:
                    value = float(value)
                assert value == w, (name, f["name"])
    assert wb.properties.created == dt.datetime.fromisoformat(metadata.RELEASE_DATE)


def test_xlsx_codes_sheet_and_column_widths(pkg, out):
    import openpyxl

    from turaz_data.tables.fields import fields

    _, tables = pkg
    wb = openpyxl.load_workbook(out["xlsx"])
    codes = list(wb["codes"].iter_rows(values_only=True))
    assert codes[0] == ("table", "column", "code", "meaning")
    expected = [(t, f.name, code, meaning) for t in tables for f in fields(t) if f.categories
                for code, meaning in f.categories.items()]
    assert codes[1:] == expected
    assert ("agreements", "provisions", "training", vocab.PROVISIONS["training"]) in codes  # a list of codes too
    for name in ("codes", *tables):
        ws = wb[name]
        for col in ws.iter_cols():
            width = ws.column_dimensions[col[0].column_letter].width
            longest = max(10 if isinstance(c.value, dt.datetime) else len(str(c.value))
                          for c in col if c.value is not None)
            is_date = any(isinstance(c.value, dt.datetime) for c in col)
            if any(isinstance(c.value, float) for c in col):  # a float reads back shorter than written
                assert len(col[0].value) + 2 <= width <= 60
                continue
            expected = min(max(longest + 2, 8), 60)
            assert width == (max(expected, 13) if is_date else expected), (name, col[0].value)
            for cell in col[1:]:  # text longer than the column wraps
                if isinstance(cell.value, str):
                    assert bool(cell.alignment.wrap_text) == (len(cell.value) > width - 2), (name, cell.value)


# --------------------------------------------------------------------------- Parquet


def test_parquet_typed_tables(pkg, out):
    import pyarrow as pa
    import pyarrow.parquet as pq

    package, tables = pkg
    tables = _exported(tables, package)
    assert sorted(p.name for p in out["parquet"].iterdir()) == sorted(f"{n}.parquet" for n in tables)
    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    for name, (res, rows) in tables.items():
        t = pq.read_table(out["parquet"] / f"{name}.parquet")
        assert t.schema.names == [f["name"] for f in _fields(res)]
        for f in _fields(res):
            field = t.schema.field(f["name"])
            assert field.type == types[_kind(f)], (name, f["name"])
            assert field.metadata[b"description"].decode() == f["description"]
        assert t.schema.metadata[b"version"].decode() == metadata.PACKAGE["version"]
        got = t.to_pylist()
        assert len(got) == len(rows)
        for g, want in zip(got, rows, strict=True):
            for f in _fields(res):
                value = g[f["name"]]
                if f["type"] == "date" and value is not None:
                    value = value.isoformat()
                assert value == want[f["name"]], (name, f["name"])


# --------------------------------------------------------------------------- BibTeX, CSL-JSON


def _unbrace(s: str) -> str:
    return s[1:-1] if s.startswith("{") and s.endswith("}") else s


def test_bibtex_has_the_article_and_every_work(pkg, out):
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    _, tables = pkg
    works = tables["works"][1]
    lib = bibtexparser.parse_file(str(out["bibtex"]), append_middleware=[LatexDecodingMiddleware()])
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert list(entries) == [ARTICLE_KEY, *(w["work_id"] for w in works)]
    art = entries[ARTICLE_KEY]
    assert art.entry_type == "article" and _unbrace(art["title"]) == metadata.ARTICLE["title"]
    assert art["url"] == metadata.ARTICLE["url"]
    names = bibtexparser.parse_file(str(out["bibtex"]), append_middleware=[SeparateCoAuthors()])
    authors = {e.key: e.fields_dict.get("author") for e in names.entries}
    for w in works:
        e = entries[w["work_id"]]
        assert _unbrace(e["title"]) == w["title"]
        assert e.fields_dict.get("year") is None if w["year"] is None else int(e["year"]) == w["year"]
        if w["url"]:  # read without LaTeX decoding, for which '%' starts a comment
            assert names.entries_dict[w["work_id"]]["url"] == w["url"]
        got = authors[w["work_id"]].value if authors[w["work_id"]] else []
        assert [a.strip("{}").replace("\\_", "_") for a in got] == w["authors"]
    _ = SplitNameParts  # importable: citation managers split 'Family, Given' the same way


def test_csl_json_has_the_article_and_every_work(pkg, out):
    _, tables = pkg
    works = tables["works"][1]
    items = json.loads(out["csl-json"].read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [ARTICLE_KEY, *(w["work_id"] for w in works)]
    for item, w in zip(items[1:], works, strict=True):
        assert item["type"] == w["type"] and item["title"] == w["title"]
        names = [f"{a['family']}, {a['given']}" if "given" in a else a.get("literal", a.get("family"))
                 for a in item.get("author", [])]
        assert names == w["authors"]
        assert item.get("issued", {}).get("date-parts", [[None]])[0][0] == w["year"]
        assert item.get("URL") == w["url"] and item.get("container-title") == w["container"]


def test_sample_bibtex_escapes_latex_specials(sample, tmp_path):
    text = export("bibtex", tmp_path / "s.bib", package=sample).read_text(encoding="utf-8")
    assert r"title = {{Türkiye\_Azerbaycan \{askerî\} işbirliği}}," in text
    assert "author = {{NATO}}," in text and "@incollection{veliyev-2020," in text
    assert "author = {}" not in text


# --------------------------------------------------------------------------- determinism


def _bytes(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return {path.name: path.read_bytes()}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_is_byte_identical_when_run_twice(fmt, pkg, out, tmp_path):
    package, _ = pkg
    again = export(fmt, tmp_path / out[fmt].name, package=package)
    assert _bytes(again) == _bytes(out[fmt])


# --------------------------------------------------------------------------- CLI


def test_export_command(tmp_path, capsys):
    path = tmp_path / "t.sqlite"
    assert main(["export", "--format", "sqlite", "--output", str(path)]) == 0
    assert capsys.readouterr().err == f"wrote {path} (sqlite)\n"
    assert sqlite3.connect(path).execute("SELECT count(*) FROM actors").fetchone()[0] == len(read_rows("actors"))


def test_export_command_errors(tmp_path, capsys, monkeypatch):
    assert main(["export", "--format", "zip", "--output", str(tmp_path / "no" / "x.zip")]) == 2
    assert capsys.readouterr().err == (
        f"turaz-data export: error: the folder {str(tmp_path / 'no')!r} does not exist: create it first\n")
    assert main(["export", "--format", "rtf", "--output", "x"]) == 2
    assert "invalid choice: 'rtf'" in capsys.readouterr().err

    import turaz_data.publish.export as ex

    def missing(module, extra, purpose):
        raise MissingDependencyError(module, extra, purpose)

    monkeypatch.setattr(ex, "require", missing)
    assert main(["export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx")]) == 2
    assert capsys.readouterr().err == (
        "turaz-data export: error: The xlsx export needs openpyxl, which is not installed. "
        "Install it with: pip install 'turaz-data[export]'\n")
