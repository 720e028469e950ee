"""The Pydantic models and the Pandera schemas agree; the shipped tables validate."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import turaz_data
from turaz_data.tables.storage import frame_from_rows, read_rows, resource
from turaz_data.errors import TurazValidationError
from turaz_data.tables.fields import fields
from turaz_data.tables.models import TABLES, TABLES_BY_NAME
from turaz_data.tables.schemas import build_schema, validate

from .strategies import REFS, examples, mutation, rows

NAMES = [t.name for t in TABLES]
SCHEMAS = {name: build_schema(name, refs=REFS) for name in NAMES}


def _fk_ok(table: str, row: dict) -> bool:
    for f in fields(table):
        if not (f.fk or f.claim_ref) or row.get(f.name) is None:
            continue
        res = "claims" if f.claim_ref else f.fk.split(".")[0]
        values = row[f.name] if f.is_list else [row[f.name]]
        if any(v not in REFS[res] for v in values):
            return False
    return True


def _model_ok(table: str, row: dict) -> bool:
    try:
        TABLES_BY_NAME[table].model.model_validate(row)
        return True
    except ValidationError:
        return False


def _schema_ok(table: str, row: dict) -> bool:
    df = frame_from_rows(resource(table), [row])
    try:
        validate(df, table, SCHEMAS[table])
        return True
    except TurazValidationError:
        return False


@pytest.mark.parametrize("table", NAMES)
@settings(max_examples=examples(60))
@given(data=st.data())
def test_model_and_schema_agree_on_generated_rows(table, data):
    row = data.draw(rows(table))
    if data.draw(st.booleans()):  # mutate one field
        f = data.draw(st.sampled_from(fields(table)))
        row = {**row, f.name: data.draw(mutation(f))}
    expected = _model_ok(table, row) and _fk_ok(table, row)
    assert _schema_ok(table, row) == expected, row


@pytest.mark.parametrize("table", NAMES)
def test_every_shipped_table_validates(table):
    df = turaz_data.load(table)
    assert len(df) > 0, f"table {table} is empty"
    turaz_data.validate(df, table)
    assert len(turaz_data.records(table)) == len(df)


def _problems(df, table):
    with pytest.raises(TurazValidationError) as e:
        turaz_data.validate(df, table)
    return e.value


def test_footnote_60_is_rejected_with_row_and_column():
    df = turaz_data.load("events")
    df.loc[2, "footnote"] = 60
    err = _problems(df, "events")
    assert [(p.row, p.column, p.rule) for p in err.problems] == [(3, "footnote", "maximum")]  # a key out of range is not looked up
    assert "row 3, column 'footnote': value '60' [maximum]" in str(err)
    assert "footnote must be 1-59" in str(err)


def test_duplicated_key_is_rejected():
    df = turaz_data.load("agreements")
    df.loc[1, "id"] = df.loc[0, "id"]
    err = _problems(df, "agreements")
    assert {(p.row, p.column, p.rule) for p in err.problems} == {(2, "id", "unique_key")}  # the later row, as the file engine says


def test_bad_edtf_date_is_rejected():
    df = turaz_data.load("events")
    df.loc[0, "date"] = "1992-02-30"
    df.loc[1, "date"] = "11 Ağustos 1992"
    err = _problems(df, "events")
    assert [(p.row, p.column, p.rule) for p in err.problems] == [(1, "date", "edtf_calendar"), (2, "date", "edtf")]


def test_unknown_actor_is_rejected():
    df = turaz_data.load("arms_transfers")
    i = int(df.index[df["unnamed_actors"].map(len) == 0][0])  # a row whose actors are all named
    df.loc[i, "supplier"] = "atlantis"
    df.at[1, "evidence"] = df.loc[1, "evidence"]  # unchanged
    ev = turaz_data.load("events")
    ev.at[0, "actors"] = ["tur", "atlantis"]
    err = _problems(df, "arms_transfers")
    assert [(p.row, p.column, p.rule) for p in err.problems] == [(i + 1, "supplier", "foreign_key")]
    err = _problems(ev, "events")
    assert [(p.row, p.column, p.rule) for p in err.problems] == [(1, "actors", "foreign_key")]
    assert "not an existing actor_id of the actors table" in str(err)


def test_all_problems_reported_at_once():
    df = turaz_data.load("quantities")
    df.loc[0, "unit"] = "parsecs"
    df.loc[1, "support"] = "hearsay"
    df.at[2, "evidence"] = []
    df.loc[3, "subject"] = "=HYPERLINK(1)"
    err = _problems(df, "quantities")
    got = {(p.row, p.column, p.rule) for p in err.problems}
    assert got == {(1, "unit", "enum"), (2, "support", "enum"), (3, "evidence", "list_length"), (4, "subject", "text_formula")}


def test_cross_field_rule_reported_with_key():
    df = turaz_data.load("footnotes")
    i = df.index[df["kind"] == "comment"][0]
    df.loc[i, "summary"] = pd.NA
    err = _problems(df, "footnotes")
    (p,) = err.problems
    assert (p.row, p.column, p.rule) == (i + 1, None, "summary_iff_comment")
    assert p.value == f"footnote={int(df.loc[i, 'footnote'])}"


@pytest.mark.parametrize("table", NAMES)
def test_example_row_is_valid_and_complete(table):
    from turaz_data.tables.models import EXAMPLE_ROWS

    row = EXAMPLE_ROWS[table]
    assert list(row) == [f.name for f in fields(table)]
    TABLES_BY_NAME[table].model.model_validate(row)
    turaz_data.validate(frame_from_rows(resource(table), [row]), table)
