"""The provenance rules of the claim rows (date basis, attribution, unnamed actors, links,
ids across tables), on every path: the models, the Pandera schemas, the contributed-file
validator and its fast path; and on the shipped package as a whole."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from turaz_data.contrib.engine import validate_file
from turaz_data.errors import TurazValidationError
from turaz_data.tables.models import CLAIM_TABLES, EXAMPLE_ROWS, TABLES_BY_NAME
from turaz_data.tables.rowrules import CLAIM_RULES, cross_table_problems
from turaz_data.tables.schemas import validate
from turaz_data.tables.storage import frame_from_rows, read_rows, resource

from ._contrib_support import example_row, make_package, to_csv

# (table, rule code, changes to the table's example row that break exactly that rule)
BREAKS = [
    ("events", "date_basis_rule", {"date_basis": None}),
    ("quantities", "date_basis_rule", {"date": None}),
    ("agreements", "date_from_rule", {"date_basis": "context"}),
    ("events", "date_from_rule", {"date_from": "1992-08-11-military-education-agreement"}),
    ("agreements", "inferred_date_rule", {"date_basis": "inferred", "note": "read from the paragraph"}),
    ("quantities", "inferred_date_rule", {"date": "1999/2015~", "date_basis": "inferred"}),
    ("events", "self_reference", {"overlaps": ["2021-01-30-joint-monitoring-centre-opened"]}),
    ("agreements", "attribution_rule", {"attribution": "reported"}),
    ("quantities", "attribution_rule", {"attributed_to": "Kasapoğlu"}),
    ("events", "unnamed_actors_rule", {"unnamed_actors": ["aze"], "note": "the sentence says only 'the parties'"}),
    ("arms_transfers", "unnamed_actors_rule", {"unnamed_actors": ["isr"]}),
    ("events", "actors_targets_disjoint", {"targets": ["rus"]}),
    ("agreements", "parties_named_disjoint", {"named": ["aze"]}),
    ("arms_transfers", "number_basis_rule", {"number_basis": None}),
    ("quantities", "value_basis_rule", {"value_basis": "inferred"}),
]


def _row(table: str, changes: dict) -> dict:
    return {**EXAMPLE_ROWS[table], **changes}


def test_every_claim_rule_has_a_breaking_case():
    assert {r.code for rules in CLAIM_RULES.values() for r in rules} == {c for _, c, _ in BREAKS}


@pytest.mark.parametrize(("table", "code", "changes"), BREAKS)
def test_rule_broken_in_model_and_schema(table, code, changes):
    row = _row(table, changes)
    rule = next(r for r in CLAIM_RULES[table] if r.code == code)
    with pytest.raises(ValidationError, match=rule.message.split(" (")[0][:40]):
        TABLES_BY_NAME[table].model.model_validate(row)
    with pytest.raises(TurazValidationError) as e:
        validate(frame_from_rows(resource(table), [row]), table)
    assert [(p.row, p.column, p.rule) for p in e.value.problems] == [(1, None, code)]


@pytest.mark.parametrize(("table", "code", "changes"), BREAKS)
@pytest.mark.parametrize("fast", [True, False])
def test_rule_broken_in_contributed_file(table, code, changes, fast, tmp_path):
    row = {**_row(table, changes), "id": "new-row-2"}
    if code == "self_reference":
        row["overlaps"] = [row["id"]]
    f = tmp_path / f"{table}.csv"
    f.write_bytes(to_csv(table, [{**EXAMPLE_ROWS[table], "id": "new-row-1"}, row]))
    report = validate_file(f, table, fast=fast)  # against the shipped tables
    assert [(p.line, p.column, p.rule) for p in report.problems] == [(3, None, code)], report.to_text()


def test_example_rows_obey_the_rules_on_the_fast_path(tmp_path):
    pkg = make_package(tmp_path / "pkg")
    for table in CLAIM_TABLES:
        f = tmp_path / f"{table}.csv"
        f.write_bytes(to_csv(table, [example_row(table, i) for i in range(3)]))
        assert validate_file(f, table, package=pkg).valid


@pytest.mark.parametrize("fast", [True, False])
def test_id_of_another_claim_table_or_a_withdrawn_id_is_refused(fast, tmp_path):
    pkg = make_package(tmp_path / "pkg")
    agreement_id = next(r["id"] for r in read_rows("agreements", pkg) if r["id"].endswith("-agreement"))
    retractions = tmp_path / "pkg" / "tables" / "retractions.csv"
    retractions.write_bytes(retractions.read_bytes() + b"withdrawn-row,events,0.2.0,A reason.,\n")
    rows = [{**example_row("events", 1), "id": agreement_id}, {**example_row("events", 2), "id": "withdrawn-row"},
            example_row("events", 3)]
    f = tmp_path / "events.csv"
    f.write_bytes(to_csv("events", rows))
    report = validate_file(f, "events", package=pkg, fast=fast)
    assert [(p.line, p.rule, p.value) for p in report.problems] == [
        (2, "id_taken", agreement_id), (3, "id_taken", "withdrawn-row")]
    assert "ids are unique across the claim tables" in report.problems[0].message
    assert "never used again" in report.problems[1].message


@pytest.mark.parametrize("fast", [True, False])
def test_date_from_names_a_row_of_any_claim_table_or_of_the_file(fast, tmp_path):
    pkg = make_package(tmp_path / "pkg")
    agreement_id = read_rows("agreements", pkg)[0]["id"]
    base = {**example_row("events", 1), "date_basis": "context"}
    rows = [{**base, "date_from": agreement_id}, {**base, "id": "row-2", "date_from": "row-1"},
            {**base, "id": "row-3", "date_from": "no-such-row"}]
    f = tmp_path / "events.csv"
    f.write_bytes(to_csv("events", rows))
    report = validate_file(f, "events", package=pkg, fast=fast)
    assert [(p.line, p.column, p.rule) for p in report.problems] == [(4, "date_from", "foreign_key")]


def test_shipped_ids_unique_across_claim_tables_and_never_withdrawn():
    keys = {t: [r["id"] for r in read_rows(t)] for t in (*CLAIM_TABLES, "retractions")}
    assert cross_table_problems(keys) == []
    assert cross_table_problems({**keys, "quantities": [*keys["quantities"], keys["retractions"][0]]}) != []


def test_shipped_unnamed_actors_and_links_point_inside_the_row_and_table():
    for table in CLAIM_TABLES:
        ids = {r["id"] for r in read_rows(table)}
        for r in read_rows(table):
            assert r["part_of"] is None or r["part_of"] in ids
            assert set(r["overlaps"]) <= ids


def _cover_sum(rows: list[dict], root: str | None = None) -> int:
    """The items of the rows under ``root`` (None: all top-level rows), each counted once:
    a row's own number, or, where it has none, the sum over the rows that are part of it."""
    parts: dict[str | None, list[dict]] = {}
    for r in rows:
        parts.setdefault(r["part_of"], []).append(r)

    def one(r: dict) -> int:
        return r["number"] if r["number"] is not None else sum(one(p) for p in parts.get(r["id"], []))

    return sum(one(r) for r in parts.get(root, []))


def test_transfers_summed_both_ways_count_each_item_once():
    from turaz_data.tables.edtf import bounds_of, parse

    rows = read_rows("arms_transfers")
    by_id = {r["id"]: r for r in rows}
    for r in rows:  # part_of forms a forest of like transfers
        seen, up = {r["id"]}, r["part_of"]
        while up is not None:
            assert up not in seen, f"part_of cycle at {r['id']}"
            seen.add(up)
            up = by_id[up]["part_of"]
        if r["part_of"]:
            agg = by_id[r["part_of"]]
            assert (r["supplier"], r["recipient"]) == (agg["supplier"], agg["recipient"]), r["id"]
            (lo, _), (_, hi) = bounds_of(parse(r["date"])[0]), bounds_of(parse(r["date"])[-1])
            (alo, _), (_, ahi) = bounds_of(parse(agg["date"])[0]), bounds_of(parse(agg["date"])[-1])
            assert alo <= hi and lo <= ahi, f"{r['id']} lies outside its aggregate {agg['id']}"
    # Top down (aggregates, falling back on their parts) and bottom up (every numbered row
    # whose aggregates carry no number) give the same total.
    bottom_up = sum(r["number"] for r in rows if r["number"] is not None
                    and all(by_id[a]["number"] is None for a in _ancestors(r, by_id)))
    assert _cover_sum(rows) == bottom_up
    # An aggregate that carries its own number is counted instead of its parts, not with them.
    tb2 = next(r for r in rows if r["part_of"] and r["number"] is not None)
    agg = {**by_id[tb2["part_of"]], "number": tb2["number"] + 7}
    changed = [agg if r["id"] == agg["id"] else r for r in rows]
    assert _cover_sum(changed) == _cover_sum(rows) + 7


def _ancestors(r: dict, by_id: dict) -> list[str]:
    out, up = [], r["part_of"]
    while up is not None:
        out.append(up)
        up = by_id[up]["part_of"]
    return out
