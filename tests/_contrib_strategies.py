"""Hypothesis strategies of valid rows, built from the models (generate.fields)."""

from __future__ import annotations

import unicodedata

from ._contrib_support import refs
from hypothesis import strategies as st
from pydantic import ValidationError

from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import LIST_DELIMITER, TABLES_BY_NAME, text_problem

REFS = refs()
EDTF = ["1992-08-11", "1992-08", "1992", "1999/2008", "2001~", "2012-06-05/2012-06-08", "198X", "2020-09-27/2020-11-10"]

_text = (
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: text_problem(s) is None)
)


def _scalar(table: str, f: FieldDesc, item: bool = False):
    if f.fk:
        res, _ = f.fk.split(".")
        return st.sampled_from(sorted(REFS[res]))
    if f.enum:
        return st.sampled_from(f.enum)
    if f.edtf:
        return st.sampled_from(EDTF)
    if f.type == "integer":
        return st.integers(int(f.minimum) if f.minimum is not None else -(10**6),
                           int(f.maximum) if f.maximum is not None else 10**6)
    if f.type == "number":
        return st.floats(f.minimum if f.minimum is not None else -1e9, f.maximum if f.maximum is not None else 1e9,
                         allow_nan=False, allow_infinity=False)
    if f.type == "date":
        return st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)
    if f.pattern and "https" in f.pattern:
        return st.from_regex(r"https?://[a-z0-9][a-z0-9./_-]{0,30}", fullmatch=True)
    if f.pattern:
        s = st.from_regex(f.pattern, fullmatch=True)
        return s.filter(lambda v: len(v) <= (f.max_length or 80))
    s = _text
    if item:
        s = s.filter(lambda v: LIST_DELIMITER not in v)
    if f.max_length:
        s = s.filter(lambda v: len(v) <= f.max_length)
    return s


def field_strategy(table: str, f: FieldDesc):
    if f.is_list:
        return st.lists(_scalar(table, f, item=True), min_size=f.min_items or 0, max_size=f.max_items or 4)
    s = _scalar(table, f)
    return s if f.required else st.none() | s


def _valid(table: str, row: dict) -> bool:
    try:
        TABLES_BY_NAME[table].model.model_validate(row)
    except ValidationError:
        return False
    return True


def rows(table: str, min_size: int = 1, max_size: int = 4):
    """Lists of valid rows of ``table`` (valid by the Pydantic model) with distinct keys."""
    one = st.fixed_dictionaries({f.name: field_strategy(table, f) for f in fields(table)}).filter(
        lambda r: _valid(table, r))
    pk = TABLES_BY_NAME[table].primary_key
    return st.lists(one, min_size=min_size, max_size=max_size, unique_by=lambda r: tuple(r[k] for k in pk))
