"""Properties: valid rows pass; every single mutation is caught at its line and column."""

from __future__ import annotations

import csv
import io

import pytest
from ._contrib_support import example_row, header, refs, to_csv
from .strategies import examples
from .strategies import valid_rows as rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from turaz_data.contrib.engine import validate_file
from turaz_data.tables.fields import fields
from turaz_data.tables.models import TABLES, TABLES_BY_NAME

SETTINGS = settings(max_examples=examples(25), suppress_health_check=list(HealthCheck))


def check(table, data: bytes, **kw):
    return validate_file(io.BytesIO(data), table, refs=refs(), name="f.csv", _collect=True, **kw)


@pytest.mark.parametrize("table", [t.name for t in TABLES])
@SETTINGS
@given(data=st.data())
def test_valid_rows_pass_and_round_trip(table, data):
    rs = data.draw(rows(table))
    rep = check(table, to_csv(table, rs))
    assert rep.valid, rep.to_text()
    assert rep.rows == len(rs)
    got = rep.collected
    for want, have in zip(rs, got):
        for f in fields(table):
            w = want[f.name]
            w = [] if w is None and f.is_list else w
            assert have[f.name] == w, (f.name, want, have)


def mutations(table: str) -> list[tuple[str, str, str]]:
    """(column, bad cell, rule) for every rule that applies to a column of ``table``."""
    out = []
    for f in fields(table):
        n = f.name
        if f.required and not f.is_list:
            out.append((n, "", "required"))
        if f.enum and not f.is_list:
            out.append((n, "zzz", "enum"))
        if f.type == "integer":
            out += [(n, "4,8", "decimal_comma"), (n, "abc", "dtype"), (n, "4.5", "dtype")]
            if f.maximum is not None:
                out.append((n, str(int(f.maximum) + 1), "maximum"))
            if f.minimum is not None and f.minimum > 0:
                out.append((n, str(int(f.minimum) - 1), "minimum"))
        if f.type == "number":
            out += [(n, "1,5", "decimal_comma"), (n, "nan", "dtype"), (n, "-1", "minimum")]
        if f.type == "date":
            out.append((n, "2023-02-30", "dtype"))
        if f.edtf:
            out += [(n, "yesterday", "edtf"), (n, "2023-02-30", "edtf_calendar")]
        if f.pattern and not f.is_list:
            out.append((n, "Not A Slug" if "a-z0-9" in f.pattern else "bad value", "pattern"))
        if f.is_text:
            out += [(n, " padded", "text_whitespace"), (n, "=1+1", "text_formula"), (n, "a\x00b", "text_control"),
                    (n, "@x", "text_formula")]
        if f.is_list and f.min_items:
            out.append((n, "", "list_length"))
        if f.is_list and f.max_items:
            out.append((n, "|".join(["tok"] * (f.max_items + 1)), "list_length"))
        if f.is_list:
            out.append((n, "a||b", "list_items"))
        if f.fk and (f.pattern or f.is_list) and f.item_type != "integer":
            out.append((n, "zz-unknown", "foreign_key"))
    return out


CASES = [(t.name, m) for t in TABLES for m in mutations(t.name)]


def mutated(table: str, n: int, k: int, column: str, bad: str) -> bytes:
    """A file of ``n`` valid rows whose row ``k`` has ``bad`` in ``column``."""
    lines = to_csv(table, [example_row(table, i) for i in range(n)]).decode().splitlines(True)
    cells = dict(zip(header(table), next(csv.reader([lines[k + 1]]))))
    cells[column] = bad
    lines[k + 1] = to_csv(table, [cells], raw=True).decode().splitlines(True)[1]
    return "".join(lines).encode()


def assert_caught(table, data, line, column, rule):
    rep = check(table, data)
    assert not rep.valid
    hits = [(p.line, p.column, p.rule) for p in rep.problems]
    assert (line, column, rule) in hits, hits
    assert all(p.line == line for p in rep.problems), hits  # nothing reported elsewhere


@pytest.mark.parametrize("table,mutation", CASES, ids=[f"{t}-{m[0]}-{m[2]}-{i}" for i, (t, m) in enumerate(CASES)])
def test_every_mutation_is_caught(table, mutation):
    column, bad, rule = mutation
    assert_caught(table, mutated(table, 3, 1, column, bad), 3, column, rule)


@pytest.mark.parametrize("table", [t.name for t in TABLES])
@SETTINGS
@given(data=st.data())
def test_single_mutation_anywhere_is_caught_at_its_line_and_column(table, data):
    n = data.draw(st.integers(1, 6))
    k = data.draw(st.integers(0, n - 1))
    column, bad, rule = data.draw(st.sampled_from(mutations(table)))
    assert_caught(table, mutated(table, n, k, column, bad), k + 2, column, rule)


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_duplicate_key_is_caught(table):
    rs = [example_row(table, i) for i in range(3)] + [example_row(table, 1)]
    rep = check(table, to_csv(table, rs))
    pk = ",".join(TABLES_BY_NAME[table].primary_key)
    assert [(p.line, p.column, p.rule) for p in rep.problems] == [(5, pk, "unique_key")]


ROW_RULE_CASES = [
    ("arms_transfers", {"supplier": "aze"}, "supplier_recipient"),
    ("arms_transfers", {"number_qualifier": None}, "number_qualifier"),
    ("quantities", {"value": 150.0}, "percent_range"),
    ("footnotes", {"summary": None}, "summary_iff_comment"),
    ("citations", {"repeats": None}, "repeats_rule"),
]


@pytest.mark.parametrize("table,change,rule", ROW_RULE_CASES)
def test_row_rules(table, change, rule):
    rs = [example_row(table, i) for i in range(3)]
    rs[1] = {**rs[1], **change}
    rep = check(table, to_csv(table, rs))
    assert [(p.line, p.column, p.rule) for p in rep.problems] == [(3, None, rule)]


def test_streaming_in_small_chunks():
    """The chunked path: keys, self-references and line numbers across chunk borders."""
    table = "actors"
    rs = [{**example_row(table, i), "country": f"new-{i + 5}" if i < 3 else "tur"} for i in range(9)]
    rs.append(example_row(table, 2))  # duplicate of line 4, six chunks later
    rs[6] = {**rs[6], "name_en": " x"}
    seen = []
    rep = check(table, to_csv(table, rs), chunk_rows=2, progress=lambda r, b: seen.append(r))
    assert [(p.line, p.column, p.rule) for p in rep.problems] == [(8, "name_en", "text_whitespace"),
                                                                  (11, "actor_id", "unique_key")]
    assert seen == [2, 4, 6, 8, 10, 10]
    assert rep.rows == 10
