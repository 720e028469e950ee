"""Real R clients read what the package publishes.

- ``frictionless::read_package()`` / ``read_resource()`` (frictionless R 1.2.1) read every
  table of datapackage.json with the declared types;
- ``haven::read_dta()`` reads every Stata file of ``turaz-data export --format dta`` with
  its variable and value labels.

Where Rscript is absent the tests skip with the reason; CI (TURAZ_REQUIRE_CLIENTS=1)
installs R and fails instead of skipping.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_program
from turaz_data.tables.storage import descriptor, is_list_field, read_rows

R_DIR = Path(__file__).parent / "r"


def _rscript(script: str, *args: str) -> list[list[str]]:
    exe = require_program("Rscript", "the R client tests run real R (frictionless, haven)")
    r = subprocess.run([exe, "--vanilla", str(R_DIR / script), *args], check=False, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return [line.split("\t") for line in r.stdout.splitlines()]


@pytest.fixture(scope="module")
def r_columns() -> dict[tuple[str, str], list[str]]:
    return {(t, c): rest for t, c, *rest in _rscript("read_package.R", str(ROOT / "datapackage.json"))}


def _expected_class(f: dict) -> str:
    if f.get("constraints", {}).get("enum"):
        return "factor"
    if is_list_field(f):
        return "character"  # items joined with the declared delimiter, as in the CSV
    return {"integer": "numeric", "number": "numeric", "date": "Date", "string": "character"}[f["type"]]


def test_frictionless_r_reads_every_table_with_its_types(r_columns):
    for res in descriptor()["resources"]:
        rows = read_rows(res["name"])
        fields = res["schema"]["fields"]
        assert [c for t, c in r_columns if t == res["name"]] == [f["name"] for f in fields], res["name"]
        for f in fields:
            cls, n, whole, n_na, levels, first = r_columns[res["name"], f["name"]]
            where = (res["name"], f["name"])
            assert cls == _expected_class(f), where
            assert int(n) == len(rows), where
            # nothing lost to a parse failure: R's missing values are exactly the empty cells
            assert int(n_na) == sum(r[f["name"]] in (None, []) for r in rows), where
            if f["type"] == "integer":
                # frictionless R reads Table Schema integers as doubles by design (readr's
                # col_double, 'to avoid big integers issues'); every value is whole
                assert whole == "TRUE", where
            if cls == "factor":
                assert levels.split("|") == f["constraints"]["enum"], where
            # the first value R gives is the first non-empty cell; a list cell splits on the delimiter
            want = next((r[f["name"]] for r in rows if r[f["name"]] not in (None, [])), None)
            if want is None:
                assert first == "", where
            elif is_list_field(f):
                assert first.split(f["delimiter"]) == want, where
            elif f["type"] in ("integer", "number"):
                assert float(first) == float(want), where
            else:
                assert first == want, where


# --------------------------------------------------------------------------- Stata files through haven


@pytest.fixture(scope="module")
def dta_folder(tmp_path_factory) -> Path:
    from turaz_data.publish.export import export

    return export("dta", tmp_path_factory.mktemp("dta") / "dta")


def test_haven_reads_every_dta_with_its_labels(dta_folder):
    from tests.test_dta_export import exported_tables
    from turaz_data.publish.export import stata_label

    got: dict[tuple[str, str], list[str]] = {}
    for file, var, *rest in _rscript("read_dta.R", str(dta_folder)):
        got[file, var] = rest
    tables = exported_tables()
    assert sorted({f for f, _ in got}) == sorted(f"{n}.dta" for n in tables)
    for name, (res, rows) in tables.items():
        fields = res["schema"]["fields"]
        assert [v for f, v in got if f == f"{name}.dta"] == [f["name"] for f in fields], name
        for f in fields:
            cls, n, label, labels, _first = got[f"{name}.dta", f["name"]]
            where = (name, f["name"])
            assert int(n) == len(rows), where
            assert label == stata_label(f["description"]) and 0 < len(label) <= 80, where
            enum = f.get("constraints", {}).get("enum")
            if enum:
                assert cls == "haven_labelled", where
                assert labels == "|".join(f"{i}={code}" for i, code in enumerate(enum, 1)), where
            else:
                assert labels == "", where
                want = {"date": "Date", "integer": "numeric", "number": "numeric"}.get(f["type"], "character")
                assert cls == want, where


# --------------------------------------------------------------------------- the sqlite export through RSQLite


def test_rsqlite_reads_tables_panels_and_the_sources_view(tmp_path):
    from tests.test_dta_export import exported_tables
    from turaz_data.publish.export import export
    from turaz_data.publish.views import source_rows

    path = export("sqlite", tmp_path / "turaz.sqlite")
    got = {name: (int(n), dict(t.split(":") for t in types.split("|")))
           for name, n, types in _rscript("read_sqlite.R", str(path))}
    for name, (res, rows) in exported_tables().items():
        n, types = got[name]
        assert n == len(rows), name
        for f in res["schema"]["fields"]:
            if f["type"] == "integer" and any(r.get(f["name"]) is not None for r in rows):
                assert types[f["name"]] == "integer", (name, f["name"])  # RSQLite keeps integers
    assert got["sources"][0] == len(source_rows())
    assert got["events"][1]["date_lower"] == "character"  # ISO text: as.Date() reads it
