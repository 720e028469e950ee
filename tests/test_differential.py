"""Every entry point judges a table the same way (differential tests).

A copy of the package gets generated valid rows of one table, then one mutation (a bad
cell, or a row change), written into its CSV file. Four judges look at it:

- the file validator: ``validate_file(tables/NAME.csv, NAME, package=..., replace=True)``;
- ``load(NAME, package=...)`` and ``records(NAME, package=...)``, the public loaders;
- the Pandera schema, ``validate(frame, NAME)``, on the frame read without checks;
- the Pydantic models, on the rows read without checks.

They must give the same verdict and the same rule codes at the same rows and columns.
Exceptions, each by design and asserted as such: the models and a frame cannot hold a
cell that does not parse as its type (``dtype``, ``decimal_comma``: the frame cannot be
built, so only the file judges see it), the models know no other table (foreign keys,
unique keys: the file judges and Pandera only), and text not in NFC is a notice in a
contributed file (``add`` normalises it) but a problem in a package (the file validator's
report is read as a package's: ``judge.package_problems``).
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turaz_data
from turaz_data.contrib.judge import model_problems, package_problems
from turaz_data.errors import TurazValidationError
from turaz_data.tables import rules
from turaz_data.tables.fields import fields
from turaz_data.tables.models import CLAIM_TABLES, TABLES, TABLES_BY_NAME
from turaz_data.tables.storage import format_cell, frame_from_rows, read_rows, resource

from ._contrib_support import example_row, header, make_package
from .strategies import examples
from .strategies import valid_rows as rows

#: Examples per table and property under the ``ci`` profile (each writes a package copy and runs 5 judges).
SETTINGS = settings(max_examples=examples(20), suppress_health_check=list(HealthCheck))
NAMES = [t.name for t in TABLES]
#: Codes only the judges that see the other tables and the whole file can give.
TABLE_CODES = {"foreign_key", "unique_key"}
#: Codes of cells that do not parse as their type: no frame or model can hold them.
PARSE_CODES = {"dtype", "decimal_comma"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return make_package(tmp_path_factory.mktemp("base"))


def _copy(base, tmp) -> object:
    """A fresh copy of the package with the same reference rows as ``base``."""
    dest = tmp / "pkg"
    if dest.exists():
        shutil.rmtree(dest)
    return make_package(dest)


def _cells(table: str, row: dict) -> list[str]:
    from turaz_data.tables.storage import format_cell

    return [format_cell(row.get(c)) for c in header(table)]


def _write(pkg, table: str, lines: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header(table))
    w.writerows(lines)
    (pkg.parent / "tables" / f"{table}.csv").write_text(buf.getvalue(), encoding="utf-8")


def _loc(problems) -> set[tuple]:
    return {(p.row, p.column, p.rule) for p in problems}


def judges(pkg, table: str) -> dict[str, set | None]:
    """What each judge says: a set of (row, column, rule); None where it cannot judge."""
    out: dict[str, set | None] = {}
    rep = turaz_data.validate_file(pkg.parent / "tables" / f"{table}.csv", table, package=pkg, replace=True)
    out["file"] = _loc(package_problems(rep))
    for name, fn in (("load", turaz_data.load), ("records", turaz_data.records)):
        try:
            fn(table, package=pkg)
            out[name] = set()
        except TurazValidationError as e:
            out[name] = _loc(e.problems)
    raw = read_rows_or_none(table, pkg)
    if raw is None:
        out["pandera"] = out["models"] = None
        return out
    out["models"] = _loc(model_problems(table, raw)[1])
    from turaz_data.tables.schemas import build_schema, validate

    refs = {}
    for f in fields(table):
        if f.fk:
            res, col = f.fk.split(".")
            refs[res] = {r[col] for r in read_rows(res, pkg)} - {None}
        if f.claim_ref:  # the id of any claim row of the package (the table itself included)
            refs["claims"] = {r["id"] for t in CLAIM_TABLES for r in read_rows(t, pkg)}
    try:
        validate(frame_from_rows(resource(table, pkg), raw), table, build_schema(table, refs=refs))
        out["pandera"] = set()
    except TurazValidationError as e:
        out["pandera"] = _loc(e.problems)
    return out


def read_rows_or_none(table: str, pkg):
    """The rows as typed values, or None when a cell does not parse by the grammar of its
    type (rules.parse_integer, parse_number, iso_date): no frame or model can hold it."""
    text = (pkg.parent / "tables" / f"{table}.csv").read_text(encoding="utf-8")
    parse = {"integer": rules.parse_integer, "number": rules.parse_number, "date": rules.iso_date}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        for f in fields(table):
            cell = row[f.name]
            if cell and f.type in parse and parse[f.type](cell) is None:
                return None
    raw = read_rows(table, pkg)
    frame_from_rows(resource(table, pkg), raw)
    return raw


def assert_agree(got: dict, table: str) -> None:
    file = got["file"]
    assert got["load"] == file, got
    assert got["records"] == file, got
    if got["pandera"] is None:
        assert {c for _, _, c in file} & PARSE_CODES, got
        return
    assert got["pandera"] == file, got
    # the models know no other table, and Pydantic stops at the first broken constraint of a
    # field: at the same places, a subset of the codes
    want = {p for p in file if p[2] not in TABLE_CODES}
    # the file engine judges row rules only on rows whose cells are all good; the models, which
    # cannot see that an id is unknown (a table code), may then break a row rule on that row
    table_rows = {line for line, _, code in file if code in TABLE_CODES}
    models = {p for p in got["models"] if not (p[1] is None and p[0] in table_rows)}
    assert {p[:2] for p in models} == {p[:2] for p in want} and models <= want, got


def _number_mutations(f) -> list[tuple[str, str]]:
    """``mutations`` of an integer or number column (none for other types)."""
    n = f.name
    out = []
    if f.type == "integer":
        out += [(n, "4,8"), (n, "abc"), (n, "4.5")]
        if f.maximum is not None:
            out.append((n, str(int(f.maximum) + 1)))
        if f.minimum is not None:
            out.append((n, str(int(f.minimum) - 1)))
    if f.type == "number":
        out += [(n, "1,5"), (n, "many"), (n, "-1")]
    return out


def mutations(table: str) -> list[tuple[str, str]]:
    """(column, bad cell) for every rule that applies to a column of ``table``."""
    out = []
    for f in fields(table):
        n = f.name
        if f.required and not f.is_list:
            out.append((n, ""))
        if f.enum and not f.is_list:
            out += [(n, "zzz"), (n, f.enum[0].upper())]
        out += _number_mutations(f)
        if f.type == "date":
            out += [(n, "not a date"), (n, "2023-02-30")]
        if f.edtf:
            out += [(n, "yesterday"), (n, "2023-02-30"), (n, "2009/2001")]
        if f.pattern and not f.is_list:
            out += [(n, "Not A Slug"), (n, "x" * 81)]
        if f.is_text or (f.type == "string" and not f.enum):
            out += [(n, " padded"), (n, "=1+1"), (n, "a\u202eb"), (n, "e\u0301")]
        if f.is_list:
            out += [(n, "a||b"), (n, "tok| x")]
            if f.max_items:
                out.append((n, "|".join(["tok"] * (f.max_items + 1))))
            if f.min_items:
                out.append((n, ""))
        if f.fk:
            out.append((n, "60" if (f.item_type or f.type) == "integer" else "zz-unknown"))
    return out


def _lines(table: str, pkg, data) -> list[list[str]]:
    """The cells of the package's seeded rows of ``table`` and of generated valid rows (new keys)."""
    seeded = read_rows(table, pkg)
    pk = TABLES_BY_NAME[table].primary_key
    keys = {tuple(r[k] for k in pk) for r in seeded}
    new = [r for r in data.draw(rows(table)) if tuple(r[k] for k in pk) not in keys]
    return [_cells(table, r) for r in seeded + new]


@pytest.mark.parametrize("table", NAMES)
@SETTINGS
@given(data=st.data())
def test_a_valid_table_is_valid_for_every_judge(table, data, base, tmp_path_factory):
    pkg = _copy(base, tmp_path_factory.mktemp("v"))
    _write(pkg, table, _lines(table, pkg, data))
    got = judges(pkg, table)
    if not got["file"]:
        assert all(v == set() for v in got.values()), got
    else:  # a generated row may break a cross-column rule: then every judge says which
        assert {c for _, _, c in got["file"]} <= {r.code for r in rules.ROW_RULES.get(table, [])}, got
        assert_agree(got, table)


@pytest.mark.parametrize("table", NAMES)
@SETTINGS
@given(data=st.data())
def test_one_bad_cell_gets_the_same_code_at_the_same_place_from_every_judge(table, data, base, tmp_path_factory):
    pkg = _copy(base, tmp_path_factory.mktemp("m"))
    lines = _lines(table, pkg, data)
    if not lines:
        return
    k = data.draw(st.integers(0, len(lines) - 1))
    column, bad = data.draw(st.sampled_from(mutations(table)))
    lines[k][header(table).index(column)] = bad
    _write(pkg, table, lines)
    got = judges(pkg, table)
    assert any(row == k + 1 and col == column for row, col, _ in got["file"]) or not _breaks(table, column, bad), got
    assert_agree(got, table)


@pytest.mark.parametrize("table", NAMES)
@SETTINGS
@given(data=st.data())
def test_a_repeated_row_gets_the_same_code_from_every_judge(table, data, base, tmp_path_factory):
    pkg = _copy(base, tmp_path_factory.mktemp("d"))
    lines = _lines(table, pkg, data)
    if not lines:
        return
    k = data.draw(st.integers(0, len(lines) - 1))
    lines.insert(data.draw(st.integers(k + 1, len(lines))), list(lines[k]))
    _write(pkg, table, lines)
    got = judges(pkg, table)
    assert {c for _, _, c in got["file"]} == {"unique_key"}, got
    assert_agree(got, table)


ROW_CHANGES = [
    ("arms_transfers", {"recipient": "tur"}, "supplier_recipient"),
    ("arms_transfers", {"number_qualifier": ""}, "number_qualifier"),
    ("arms_transfers", {"number": ""}, "number_qualifier"),
    ("quantities", {"value": "150"}, "percent_range"),
    ("footnotes", {"kind": "comment"}, "summary_iff_comment"),
    ("footnotes", {"summary": "Adds a date."}, "summary_iff_comment"),
    ("citations", {"repeats": ""}, "repeats_rule"),
    ("citations", {"repeats": "30"}, "repeats_rule"),
    ("citations", {"form": "full"}, "repeats_rule"),
]


@pytest.mark.parametrize("table,change,rule", ROW_CHANGES)
def test_a_broken_row_rule_gets_the_same_code_from_every_judge(table, change, rule, base, tmp_path):
    if table == "footnotes":  # every footnote number is taken: change the first (a reference)
        pkg, n = _one(base, tmp_path, table, change), 1
    else:
        example = {k: format_cell(v) for k, v in example_row(table, 1).items()}
        pkg = _one(base, tmp_path, table, {}, extra=[{**example, **change}])
        n = len(read_rows(table, pkg))
    got = judges(pkg, table)
    # the change breaks this rule, and may break another that reads the same column
    # (supplier = recipient also leaves an unnamed actor that is no longer the row's)
    assert (n, None, rule) in got["file"] and {line for line, _, _ in got["file"]} == {n}, got
    assert_agree(got, table)


def _breaks(table: str, column: str, bad: str) -> bool:
    """Whether ``bad`` breaks a cell rule of ``column`` (some mutations are valid in some columns)."""
    f = next(f for f in fields(table) if f.name == column)
    _value, broken, notices = rules.check_cell(f, bad)
    return bool(broken or notices) or bool(f.fk)


# --------------------------------------------------------------------------- the drifts of issue 11


def _one(base, tmp, table: str, change: dict, i: int = 0, extra: list[dict] | None = None):
    pkg = _copy(base, tmp)
    seeded = read_rows(table, pkg) or [example_row(table)]
    lines = [_cells(table, r) for r in seeded]
    cols = header(table)
    for c, v in change.items():
        lines[i][cols.index(c)] = v
    for r in extra or []:
        lines.append([r.get(c, "") for c in cols])
    _write(pkg, table, lines)
    return pkg


@pytest.mark.parametrize("table,change,rule", [
    ("works", {"accessed": "not a date"}, "dtype"),
    ("quantities", {"value": "many"}, "dtype"),
    ("events", {"actors": "tur|zz-unknown"}, "foreign_key"),
    ("events", {"agreement_id": "zz-unknown"}, "foreign_key"),
    ("arms_transfers", {"supplier": "zz-unknown"}, "foreign_key"),
    ("citations", {"work_id": "zz-unknown"}, "foreign_key"),
    ("events", {"place": "e\u0301"}, "text_nfc"),
    ("events", {"place": ""}, None),
    ("events", {"description": ""}, "required"),
])
def test_the_drifts_of_issue_11_are_gone(table, change, rule, base, tmp_path):
    pkg = _one(base, tmp_path, table, change)
    got = judges(pkg, table)
    column = next(iter(change))
    if rule is None:
        assert all(not v for v in got.values()), got
        return
    assert (1, column, rule) in got["file"], got
    for name in ("load", "records"):
        assert got[name] == got["file"], got
    with pytest.raises(TurazValidationError) as e:
        turaz_data.load(table, package=pkg)
    p = next(p for p in e.value.problems if p.column == column)
    assert (p.table, p.row, p.column, p.value, p.rule) == (table, 1, column, change[column] or None, rule)
    assert f"line 2, column '{column}'" in str(e.value) and f"[{rule}]" in str(e.value)


def test_a_new_actor_may_name_another_new_actor_as_its_country(base, tmp_path):
    extra = [{"actor_id": "new-a", "name_en": "A", "name_tr": "A", "type": "company", "country": "new-b"},
             {"actor_id": "new-b", "name_en": "B", "name_tr": "B", "type": "state"}]
    pkg = _one(base, tmp_path, "actors", {}, extra=extra)
    got = judges(pkg, "actors")
    assert all(v == set() for v in got.values()), got
    from turaz_data.tables.schemas import validate

    frame = frame_from_rows(resource("actors", pkg), read_rows("actors", pkg))
    validate(frame, "actors")  # turaz_data.validate: the frame's own keys count
    # and a country that is nowhere is caught by all
    extra[0]["country"] = "new-c"
    pkg = _one(base, tmp_path / "2", "actors", {}, extra=extra)
    got = judges(pkg, "actors")
    n = len(read_rows("actors", base)) + 1
    assert got["file"] == got["load"] == got["records"] == got["pandera"] == {(n, "country", "foreign_key")}, got


@pytest.mark.parametrize("token", [" 1992", "a|b", "1992 ", "x" * 81, "\u202e1992"])
def test_the_verifier_rejects_the_tokens_the_model_rejects(token):
    from pydantic import ValidationError

    from turaz_data.source.verify import _evidence_problem
    from turaz_data.tables.models import EXAMPLE_ROWS, Event

    assert _evidence_problem([token]) is not None
    with pytest.raises(ValidationError):
        Event.model_validate({**EXAMPLE_ROWS["events"], "evidence": [token]})
