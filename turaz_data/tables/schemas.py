"""Pandera schemas of the tables, generated from the models.

A schema validates a DataFrame shaped as :func:`turaz_data.load` returns it (list
columns hold Python lists; derived ``*_lower``/``*_upper`` columns are ignored).
Column checks are vectorised; list cells are checked item by item. Table-level
checks: unique primary key, foreign keys into the shipped tables, and the
cross-column rules of the models. :func:`validate` runs a schema lazily and turns
every failure into a :class:`~turaz_data.errors.Problem`.
"""

from __future__ import annotations

from functools import cache
from typing import Callable

import pandas as pd
import pandera.pandas as pa

from turaz_data.errors import Problem, TurazValidationError
from turaz_data.tables import rules
from turaz_data.tables.edtf import EDTF_PATTERN
from turaz_data.tables.edtf import is_edtf as _is_edtf
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import TABLES_BY_NAME

# Rule codes, their messages and fixes: from the catalogue (turaz_data.tables.rules).
RULES: dict[str, tuple[str, str]] = {code: (r.message, r.fix) for code, r in rules.RULES.items()}


def _chk(code: str, fn=None, builtin: pa.Check | None = None, **kw) -> pa.Check:
    """A check whose reported name is the stable rule code."""
    if builtin is not None:
        return builtin
    return pa.Check(fn, name=code, error=code, **kw)


def _text_checks(required: bool, nfc: bool) -> list[pa.Check]:
    """The gates of a text column (an empty string is an empty cell: 'required' where the
    column needs a value), and NFC for free text."""

    def strings(fn):
        return lambda s: s.map(lambda v: not isinstance(v, str) or fn(v)).astype(bool)

    out = [
        _chk("required" if required else "text_empty", strings(lambda v: v != "")),
        _chk("text_control", strings(lambda v: rules.text_rule(v) is not rules.TEXT_CONTROL)),
        _chk("text_whitespace", strings(lambda v: rules.text_rule(v) is not rules.TEXT_WHITESPACE)),
        _chk("text_formula", strings(lambda v: rules.text_rule(v) is not rules.TEXT_FORMULA)),
    ]
    if nfc:
        out.append(_chk("text_nfc", strings(lambda v: rules.nfc_rule(v) is None)))
    return out


def _iso_dates_ok(s: pd.Series) -> pd.Series | bool:
    """An ISO date column: datetime values (as load() gives them), or YYYY-MM-DD text of real days."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return True
    good = [v for v in s.dropna().unique() if isinstance(v, str) and rules.iso_date(v) is not None]
    return s.isin(good) | s.map(lambda v: hasattr(v, "isoformat")).astype(bool)


def _edtf_ok(s: pd.Series) -> pd.Series:
    good = [v for v in s.dropna().unique() if _is_edtf(v)]  # unique values only: dates repeat a lot
    return s.isin(good)


def _item_ok(f: FieldDesc) -> Callable[[object], bool]:
    """Whether one item of a list cell is valid (foreign keys are checked apart)."""

    def ok(v) -> bool:
        return isinstance(v, str) and rules._item_rules(f, v) is None

    return ok


def _all_items(item_ok: Callable[[object], bool]) -> Callable[[pd.Series], pd.Series]:
    """A check over a list column: True where the cell is not a list or every item is ok.

    Items repeat a lot (codes, keys, evidence tokens), so each distinct item is judged once:
    the column is exploded to one item a row, factorised, ``item_ok`` runs on the distinct
    items and the answers are gathered back per cell. Cells holding unhashable items are
    judged item by item, as before.
    """

    def per_cell(v) -> bool:
        return not isinstance(v, list) or all(item_ok(i) for i in v)

    def check(s: pd.Series) -> pd.Series:
        import numpy as np

        lists = s[s.map(lambda v: isinstance(v, list) and len(v) > 0).astype(bool)]
        out = pd.Series(True, index=s.index)
        if lists.empty:
            return out
        items = lists.explode()
        try:
            codes, uniques = pd.factorize(items, use_na_sentinel=True)
        except TypeError:  # an unhashable item
            return s.map(per_cell).astype(bool)
        good = np.fromiter((bool(item_ok(u)) for u in uniques), dtype=bool, count=len(uniques))
        missing_ok = bool(item_ok(None))  # None or NaN items (factorised as -1)
        item_good = np.where(codes >= 0, good[np.maximum(codes, 0)], missing_ok)
        bad_cells = items.index[~item_good].unique()
        out[bad_cells] = False
        return out

    return check


def _column(f: FieldDesc, refs: frozenset | None) -> pa.Column:
    checks: list[pa.Check] = []
    dtype = None
    if f.is_list:
        lo, hi = f.min_items or 0, f.max_items
        item_ok = _item_ok(f)
        checks += [
            _chk("list_length", lambda s: s.map(lambda v: isinstance(v, list) and len(v) >= lo and (hi is None or len(v) <= hi)).astype(bool)),
            _chk("list_items", _all_items(item_ok)),
        ]
        if rules._free_text_items(f):
            checks.append(_chk("text_nfc", _all_items(lambda v: not isinstance(v, str) or rules.nfc_rule(v) is None)))
        if refs is not None:
            checks.append(_chk("foreign_key", _all_items(lambda i: i in refs)))
    else:
        if f.type == "date":
            checks.append(_chk("dtype", _iso_dates_ok))
        if f.type == "integer":
            checks.append(_chk("dtype", lambda s: pd.api.types.is_integer_dtype(s.dtype)))
        elif f.type == "number":
            checks.append(_chk("dtype", lambda s: pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)))
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum), error="enum"))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum, error="minimum"))
        if f.maximum is not None:
            checks.append(pa.Check.le(f.maximum, error="maximum"))
        if f.edtf:
            checks.append(pa.Check.str_matches(EDTF_PATTERN, error="edtf"))
            checks.append(_chk("edtf_calendar", _edtf_ok))
        elif f.pattern:
            checks.append(pa.Check.str_matches(f.pattern, error="pattern"))
        if f.max_length is not None:
            checks.append(pa.Check.str_length(max_value=f.max_length, error="max_length"))
        if f.type not in ("integer", "number"):
            checks += _text_checks(f.required, nfc=f.is_text)
        if refs is not None:
            checks.append(pa.Check.isin(sorted(k for k in refs if k is not None), error="foreign_key"))
    return pa.Column(dtype, checks=checks, nullable=not f.required and not f.is_list, required=True,
                     name=f.name, metadata={"field": f, "keys": refs})


def _refs(fk: str, overrides: dict | None) -> frozenset:
    res, col = fk.split(".")
    if overrides and res in overrides:
        return frozenset(overrides[res])
    return reference_keys(res, col)


def claim_keys(overrides: dict | None = None) -> frozenset:
    """The ids of every claim row (for columns that name a row of any claim table).

    ``overrides["claims"]`` stands in for them; else each claim table's ids come from
    ``overrides[table]`` or the shipped table."""
    from turaz_data.tables.models import CLAIM_TABLES

    if overrides and "claims" in overrides:
        return frozenset(overrides["claims"])
    return frozenset().union(*(_refs(f"{t}.id", overrides) for t in CLAIM_TABLES))


@cache
def reference_keys(table: str, column: str) -> frozenset:
    """The keys of a shipped table (for foreign-key checks)."""
    from turaz_data.tables.storage import read_rows

    return frozenset(r[column] for r in read_rows(table))


def build_schema(table: str, refs: dict[str, set] | None = None) -> pa.DataFrameSchema:
    """The Pandera schema of ``table``. ``refs`` overrides the key sets of referenced
    tables (``{"actors": {...}}``); by default the shipped tables are used."""
    spec = TABLES_BY_NAME[table]
    cols = {f.name: _column(f, _refs(f.fk, refs) if f.fk else claim_keys(refs) if f.claim_ref else None)
            for f in fields(table)}
    checks = [
        pa.Check(r.frame, name=r.code, error=r.code, ignore_na=False)
        for r in rules.ROW_RULES.get(table, [])
    ]
    return pa.DataFrameSchema(
        cols, checks=checks, unique=list(spec.primary_key), strict=False, coerce=False,
        name=table, report_duplicates="all",
    )


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The Pandera schema of a shipped table (cached)."""
    return build_schema(table)


def _plain(v):
    """A numpy scalar as the Python value it holds (for readable messages)."""
    return v.item() if hasattr(v, "item") else v


def _problems(table: str, df: pd.DataFrame, err: pa.errors.SchemaErrors, sch: pa.DataFrameSchema) -> list[Problem]:
    fc = err.failure_cases
    out: list[Problem] = []
    pk = list(TABLES_BY_NAME[table].primary_key)
    seen = set()
    for rec in fc.to_dict("records"):
        check = str(rec.get("check") or "")
        column = rec.get("column")
        column = None if column is None or (isinstance(column, float) and pd.isna(column)) or column == table else str(column)
        idx = rec.get("index")
        row = int(idx) + 1 if idx is not None and not (isinstance(idx, float) and pd.isna(idx)) else None
        value = rec.get("failure_case")
        code = check.split("(")[0] if check else "dtype"
        if code.startswith("field_uniqueness") or code.startswith("multiple_fields_uniqueness") or check.startswith("unique"):
            code = "unique_key"
        if code.startswith("column_in_dataframe") or code == "column_in_schema":
            code = "column_missing"
        if code.startswith("dtype") or code.startswith("pandas_dtype"):
            code = "dtype"
        if code.startswith("not_nullable"):
            code = "required"
        row_rules = {r.code for r in rules.ROW_RULES.get(table, [])}
        if code in row_rules:  # a row rule: one problem per row
            column = None
        if column is None and code in row_rules:
            msg, hint = rules.RULES[code].message, rules.RULES[code].fix
            value = None
            if row is not None:
                value = ", ".join(f"{k}={_plain(df.iloc[row - 1][k])!r}" for k in pk)
        else:
            col = sch.columns.get(column) if column else None
            f = (col.metadata or {}).get("field") if col is not None else None
            if f is not None and code in rules.RULES and rules.RULES[code].scope == "cell":
                keys = col.metadata.get("keys") if code == "foreign_key" else None
                msg, hint = rules.words(f, rules.RULES[code], _plain(value), keys)
            else:
                msg, hint = RULES.get(code, (check, ""))
        if code == "unique_key":  # one problem per row, with the whole key, as the file engine says
            column = ",".join(pk)
            if row is not None:
                value = ",".join(str(_plain(df.iloc[row - 1][k])) for k in pk)
        key = (row, column, code)
        if key in seen:
            continue
        seen.add(key)
        out.append(Problem(table=table, row=row, column=column,
                           value=None if value is None or (not isinstance(value, (list, str)) and pd.isna(value)) else str(value),
                           rule=code, message=msg, hint=hint))
    out.sort(key=lambda p: (p.row or 0, p.column or "", p.rule))
    return out


def validate(df: pd.DataFrame, table: str, schema_: pa.DataFrameSchema | None = None) -> pd.DataFrame:
    """Validate ``df`` as ``table``; raise TurazValidationError listing every failure.

    As the file engine and the models judge a table: a self reference may name a row of
    ``df`` itself (a new actor whose country is another new actor), and a row rule is
    judged only on a row whose cells are all good."""
    df = df.reset_index(drop=True)
    sch = schema_ or _with_own_keys(table, df) or schema(table)
    try:
        return sch.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        found = _as_the_engine_says(table, _problems(table, df, err, sch))
        if not found:
            return df
        raise TurazValidationError(table, found) from None


def _as_the_engine_says(table: str, found: list[Problem]) -> list[Problem]:
    """Pandera runs every check of a cell; say what the file engine and the models say:
    nothing after a gate (rules.GATES), 'edtf_calendar' only for EDTF text, a foreign key
    only for a value that breaks nothing else, a row rule only on a row whose cells are good."""
    row_codes = {r.code for r in rules.ROW_RULES.get(table, [])}
    by_cell: dict[tuple, set[str]] = {}
    for p in found:
        if p.column and p.rule not in row_codes and p.rule != "unique_key":
            by_cell.setdefault((p.row, p.column), set()).add(p.rule)
    bad_rows = {row for row, _ in by_cell}
    first_of_key: dict[tuple, int] = {}
    for p in found:
        if p.rule == "unique_key" and p.row is not None:
            k = (p.column, p.value)
            first_of_key[k] = min(first_of_key.get(k, p.row), p.row)
    out = []
    for p in found:
        codes = by_cell.get((p.row, p.column), set())
        if p.rule in row_codes and p.row in bad_rows:
            continue
        if p.rule == "unique_key" and first_of_key.get((p.column, p.value)) == p.row:
            continue  # the first row of a repeated key is not the duplicate
        if codes & rules.GATES and p.rule not in rules.GATES and p.rule != "unique_key":
            continue
        if codes & rules.GATES and p.rule in rules.GATES and p.rule != min(codes & rules.GATES, key=_GATE_ORDER.index):
            continue
        if p.rule == "edtf_calendar" and "edtf" in codes:
            continue
        if p.rule == "foreign_key" and codes - {"foreign_key", "text_nfc"}:
            continue
        out.append(p)
    return out


_GATE_ORDER = ["required", "text_empty", "text_control", "text_whitespace", "dtype", "decimal_comma", "text_formula"]


def _with_own_keys(table: str, df: pd.DataFrame) -> pa.DataFrameSchema | None:
    """The schema whose self references also accept the keys of ``df``, or None."""
    own = [f for f in fields(table) if f.fk and f.fk.split(".")[0] == table]
    if not own:
        return None
    col = own[0].fk.split(".")[1]
    if col not in df.columns:
        return None
    refs = {table: set(reference_keys(table, col)) | {v for v in df[col].dropna().tolist()}}
    return build_schema(table, refs=refs)
