"""``turaz-data export --format dta``: one Stata file (format 118) per table and panel, read
back by pandas.read_stata with its variable labels (at most 80 characters, cut at a word)
and value labels. R's haven reads them in tests/test_r_clients.py."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from turaz_data.cli import main
from turaz_data.publish.export import _panels, export, stata_label
from turaz_data.tables.storage import descriptor, list_delimiter, read_rows, with_bounds


def exported_tables() -> dict[str, tuple[dict, list[dict]]]:
    """Every table with its date bounds, then the panels: what the dta export writes."""
    out = {r["name"]: with_bounds(r, read_rows(r["name"])) for r in descriptor()["resources"]}
    out.update({res["name"]: (res, rows) for res, rows in _panels()})
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return export("dta", tmp_path_factory.mktemp("dta") / "out")


def test_one_format_118_file_per_table_and_panel(folder):
    tables = exported_tables()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.dta" for n in tables)
    for name in tables:
        head = (folder / f"{name}.dta").read_bytes()[:70]
        assert head.startswith(b"<stata_dta><header><release>118</release>"), name


def _expected(f: dict, v):
    enum = f.get("constraints", {}).get("enum")
    if enum:
        return v
    if list_delimiter(f):
        return list_delimiter(f).join(v)
    if f["type"] == "date":
        return None if v is None else pd.Timestamp(v)
    if f["type"] == "string":
        return "" if v is None else v  # Stata strings have no missing value
    return v


def test_pandas_reads_values_and_labels(folder):
    for name, (res, rows) in exported_tables().items():
        path = folder / f"{name}.dta"
        with pd.io.stata.StataReader(path) as reader:
            df = reader.read(convert_categoricals=True)
            labels = reader.variable_labels()
            value_labels = reader.value_labels()
        fields = res["schema"]["fields"]
        assert list(df.columns) == [f["name"] for f in fields], name
        assert len(df) == len(rows), name
        for f in fields:
            assert labels[f["name"]] == stata_label(f["description"]), (name, f["name"])
            enum = f.get("constraints", {}).get("enum")
            if enum:
                assert list(value_labels[f["name"]].values()) == enum, (name, f["name"])
            got = [None if pd.isna(v) else v for v in df[f["name"]].tolist()]
            want = [_expected(f, r.get(f["name"])) for r in rows]
            if f["type"] == "number":
                got = [None if v is None else float(v) for v in got]
            assert got == want, (name, f["name"])


def test_date_bounds_are_stata_dates(folder):
    ev = pd.read_stata(folder / "events.dta")
    assert pd.api.types.is_datetime64_any_dtype(ev["date_lower"])
    row = ev.set_index("id").loc["1918-05-28-azerbaijan-declares-independence"]
    assert (row["date_lower"], row["date_upper"], row["year_lower"]) == (pd.Timestamp("1918-05-28"),) * 2 + (1918,)


@given(st.text(alphabet=st.sampled_from("ab ,;"), max_size=200))
def test_labels_are_cut_at_a_word(text):
    label = stata_label(text)
    norm = " ".join(text.split())
    assert len(label) <= 80
    assert norm.startswith(label)
    if len(norm) <= 80:
        assert label == norm
    elif " " in norm[:81]:
        assert norm[len(label)] in " ,;:(" or label == norm[:80]


def test_export_command_writes_dta(tmp_path, capsys):
    out = tmp_path / "stata"
    assert main(["export", "--format", "dta", "--output", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out} (dta)\n"
    assert pd.read_stata(out / "actors.dta").shape[0] == len(read_rows("actors"))


def test_export_dta_onto_a_file_is_refused(tmp_path, capsys):
    f = tmp_path / "x.dta"
    f.write_bytes(b"keep")
    assert main(["export", "--format", "dta", "--output", str(f)]) == 2
    assert capsys.readouterr().err == (
        f"turaz-data export: error: {str(f)!r} is a file; the dta export writes a folder\n")
    assert f.read_bytes() == b"keep"
