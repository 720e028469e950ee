"""Writing a table is deterministic: reading and writing it back gives the same bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.tables.storage import package_root, parse_cell, read_rows, render_csv, resource, table_path
from turaz_data.tables.models import TABLES

from .strategies import examples, rows

NAMES = [t.name for t in TABLES]


@pytest.mark.parametrize("table", NAMES)
def test_shipped_csv_round_trip_is_byte_identical(table):
    original = table_path(table).read_bytes()
    assert render_csv(resource(table), read_rows(table)) == original
    assert original.endswith(b"\n") and b"\r" not in original
    original.decode("utf-8")  # strict UTF-8


@pytest.mark.parametrize("table", NAMES)
@settings(max_examples=examples(40))
@given(data=st.data())
def test_generated_rows_round_trip(table, data, tmp_path_factory):
    res = resource(table)
    batch = data.draw(st.lists(rows(table), min_size=0, max_size=5, unique_by=lambda r: tuple(r[k] for k in res["schema"]["primaryKey"])))
    first = render_csv(res, batch)
    import csv
    import io

    by_name = {f["name"]: f for f in res["schema"]["fields"]}
    back = [{k: parse_cell(by_name[k], v) for k, v in r.items()} for r in csv.DictReader(io.StringIO(first.decode(), newline=""))]
    assert render_csv(res, back) == first
    assert render_csv(res, list(reversed(back))) == first  # row order does not depend on input order


def test_package_root_is_found():
    assert package_root().joinpath("datapackage.json").is_file()
