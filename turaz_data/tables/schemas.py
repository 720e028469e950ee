"""Pandera schemas of the tables, generated from the models.

A schema validates a DataFrame shaped as :func:`turaz_data.load` returns it (list
columns hold Python lists; derived ``*_lower``/``*_upper`` columns are ignored).
Column checks are vectorised; list cells are checked item by item. Table-level
checks: unique primary key, foreign keys into the shipped tables, and the
cross-column rules of the models. :func:`validate` runs a schema lazily and turns
every failure into a :class:`~turaz_data.errors.Problem`.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Callable

import pandas as pd
import pandera.pandas as pa

from turaz_data.tables.storage import LIST_DELIMITER
from turaz_data.tables.edtf import EDTF_PATTERN
from turaz_data.tables.edtf import is_edtf as _is_edtf
from turaz_data.errors import Problem, TurazValidationError
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import FORMULA_START, TABLES_BY_NAME, text_problem
from turaz_data.tables.rowrules import ROW_RULES  # defined apart so the fast path needs no Pandera

_CONTROL_RE = r"[\x00-\x08\x0a-\x1f\x7f]"

# Rule codes, their messages and hints. The code is the Pandera check name.
RULES: dict[str, tuple[str, str]] = {
    "required": ("a value is required", "fill in the cell"),
    "enum": ("not one of the allowed codes", "use one of the codes listed in docs/codebook.md"),
    "minimum": ("below the minimum", "check the number"),
    "maximum": ("above the maximum", "check the number"),
    "pattern": ("does not have the required form", "see the column's pattern in docs/codebook.md"),
    "max_length": ("too long", "shorten it"),
    "edtf": ("not an EDTF date", "write dates as 1992-08-11, 1992-08, 1992, 1999/2008, 2014/.. (open end) or 2001~ (approximate)"),
    "edtf_calendar": ("not a real date: an impossible day or an interval that ends before it starts", "check the day, the month and the order of the interval's ends"),
    "text_empty": ("empty text", "leave the cell empty (no spaces) or write the text"),
    "text_whitespace": ("leading or trailing white space", "remove the spaces at the ends"),
    "text_control": ("control character or line break", "remove it"),
    "text_formula": ("starts with =, +, - or @ (spreadsheet formula injection)", "reword so it starts with a letter or digit"),
    "text_nfc": ("not in Unicode NFC", "normalise the text to NFC"),
    "list_length": ("wrong number of items", "see the column's item limits in docs/codebook.md"),
    "list_items": ("an item is not valid", "check each item between the '|' separators"),
    "unique_key": ("duplicated key", "give each row its own key"),
    "foreign_key": ("refers to a key that does not exist", "use a key of the referenced table"),
    "dtype": ("wrong data type for the column", "write whole numbers in integer columns and numbers with a decimal point in number columns"),
    "column_missing": ("column missing", "add the column"),
    "row_rule": ("row rule broken", "see the message"),
}


def _chk(code: str, fn=None, builtin: pa.Check | None = None, **kw) -> pa.Check:
    """A check whose reported name is the stable rule code."""
    if builtin is not None:
        return builtin
    return pa.Check(fn, name=code, error=code, **kw)


def _text_checks() -> list[pa.Check]:
    return [
        _chk("text_empty", lambda s: s != ""),
        _chk("text_whitespace", lambda s: s.str.strip() == s),
        _chk("text_control", lambda s: ~s.str.contains(_CONTROL_RE, regex=True)),
        _chk("text_formula", lambda s: ~s.str.startswith(FORMULA_START)),
        _chk("text_nfc", lambda s: s.map(lambda v: unicodedata.is_normalized("NFC", v)).astype(bool)),
    ]


def _edtf_ok(s: pd.Series) -> pd.Series:
    good = [v for v in s.dropna().unique() if _is_edtf(v)]  # unique values only: dates repeat a lot
    return s.isin(good)


def _item_ok(f: FieldDesc) -> Callable[[object], bool]:
    """Whether one item of a list cell is valid (foreign keys are checked apart)."""
    import re

    pat = re.compile(f.pattern) if f.pattern else None
    free_text = f.item_type == "string" and not f.enum and not f.pattern

    def ok(v) -> bool:
        if not isinstance(v, str) or v == "" or LIST_DELIMITER in v:
            return False
        if f.enum and v not in f.enum:
            return False
        if pat and not pat.search(v):
            return False
        if f.max_length and len(v) > f.max_length:
            return False
        if free_text and text_problem(v):
            return False
        return True

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


def _messages(f: FieldDesc) -> dict[str, tuple[str, str]]:
    """Rule code -> (message, hint), specific to this column."""
    m = dict(RULES)
    if f.enum:
        m["enum"] = (f"not one of the allowed codes ({', '.join(f.enum)})", "use one of these codes")
    if f.minimum is not None or f.maximum is not None:
        rng = f"{f.minimum:g}-{f.maximum:g}" if f.minimum is not None and f.maximum is not None else ""
        if f.name == "footnote" or f.name == "repeats":
            hint = "footnote must be 1-59; the article has no other footnotes"
        else:
            hint = f"use a number in the range {rng}" if rng else "check the number"
        m["minimum"] = (f"below the minimum {f.minimum:g}" if f.minimum is not None else "", hint)
        m["maximum"] = (f"above the maximum {f.maximum:g}" if f.maximum is not None else "", hint)
    if f.pattern:
        m["pattern"] = (f"does not match the pattern {f.pattern}", "ids and slugs use lower-case letters, digits and single hyphens" if "a-z0-9" in f.pattern else "see docs/codebook.md")
    if f.max_length:
        m["max_length"] = (f"longer than {f.max_length} characters", "shorten it")
    if f.is_list:
        lo, hi = f.min_items or 0, f.max_items
        m["list_length"] = (f"needs {lo}{'-' + str(hi) if hi else ' or more'} items separated by '|'", "add or remove items")
        what = f"one of the codes ({', '.join(f.enum)})" if f.enum else ("a slug" if f.pattern else "non-empty text without outer spaces")
        lim = f" of at most {f.max_length} characters" if f.max_length else ""
        m["list_items"] = (f"every item must be {what}{lim}", "check each item between the '|' separators")
    if f.claim_ref:
        m["foreign_key"] = ("not the id of a row of any claim table (events, agreements, arms_transfers, quantities)",
                            "use an existing id (turaz-data show events, ...) or add that row first")
    if f.fk:
        res, col = f.fk.split(".")
        m["foreign_key"] = (f"not an existing {col} of the {res} table" + (" (every item must be one)" if f.is_list else ""),
                            f"use an existing {col} (turaz-data show {res}) or add the row to {res} first")
    return m


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
        if refs is not None:
            checks.append(_chk("foreign_key", _all_items(lambda i: i in refs)))
    else:
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
        if f.is_text:
            checks += _text_checks()
        if refs is not None:
            checks.append(pa.Check.isin(sorted(refs), error="foreign_key"))
    return pa.Column(dtype, checks=checks, nullable=not f.required and not f.is_list, required=True,
                     name=f.name, metadata={"messages": _messages(f)})


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
        pa.Check(fn, name=code, error=code, ignore_na=False)
        for code, msg, fn in ROW_RULES.get(table, [])
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
        if code in {r[0] for r in ROW_RULES.get(table, [])}:  # a row rule: one problem per row
            column = None
        if column is None and code in {r[0] for r in ROW_RULES.get(table, [])}:
            msg = next(m for c, m, _ in ROW_RULES[table] if c == code)
            hint = "correct the row"
            value = None
            if row is not None:
                value = ", ".join(f"{k}={_plain(df.iloc[row - 1][k])!r}" for k in pk)
        else:
            col = sch.columns.get(column) if column else None
            messages = (col.metadata or {}).get("messages", RULES) if col is not None else RULES
            msg, hint = messages.get(code, RULES.get(code, (check, "")))
        if code == "unique_key" and column is None:
            column = ",".join(pk)
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
    """Validate ``df`` as ``table``; raise TurazValidationError listing every failure."""
    sch = schema_ or schema(table)
    df = df.reset_index(drop=True)
    try:
        return sch.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise TurazValidationError(table, _problems(table, df, err, sch)) from None
