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


CLAIMS = sorted(REFS["events"] | REFS["agreements"] | REFS["arms_transfers"] | REFS["quantities"])


def _scalar(table: str, f: FieldDesc, item: bool = False):
    if f.claim_ref:
        return st.sampled_from(CLAIMS)
    if f.fk:
        res, _ = f.fk.split(".")
        keys = sorted(REFS.get(res, ()))
        return st.sampled_from(keys) if keys else st.nothing()  # no key to refer to: the cell stays empty
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
        if f.fk and not REFS.get(f.fk.split(".")[0]):
            return st.just([])
        return st.lists(_scalar(table, f, item=True), min_size=f.min_items or 0, max_size=f.max_items or 4)
    s = _scalar(table, f)
    return s if f.required else st.none() | s


def _valid(table: str, row: dict) -> bool:
    try:
        TABLES_BY_NAME[table].model.model_validate(row)
    except ValidationError:
        return False
    return True


def _coherent(table: str, row: dict) -> dict:
    """Make the provenance columns of a drawn claim row agree with each other (the row
    rules), so that most drawn rows are valid; other tables pass unchanged."""
    from turaz_data.tables.rowrules import ACTOR_COLUMNS, UNCERTAINTY_MARKS

    if table not in ACTOR_COLUMNS:
        return row
    r = dict(row)
    if r.get("date") is None:
        r["date_basis"] = None
    elif r["date_basis"] is None or (r["date_basis"] == "inferred" and not any(m in r["date"] for m in UNCERTAINTY_MARKS)):
        r["date_basis"] = "stated"
    if r["date_basis"] != "context":
        r["date_from"] = None
    elif r["date_from"] is None:
        r["date_from"] = CLAIMS[0]
    if r["attribution"] == "asserted":
        r["attributed_to"] = None
    elif r["attributed_to"] is None:
        r["attributed_to"] = "the cited work"
    actors = set()
    for c in ACTOR_COLUMNS[table]:
        v = r.get(c)
        actors |= set(v) if isinstance(v, list) else ({v} if v else set())
    r["unnamed_actors"] = [a for a in r["unnamed_actors"] if a in actors]
    if table == "events":
        r["targets"] = [a for a in r["targets"] if a not in r["actors"]]
    if table == "agreements":
        r["named"] = [a for a in r["named"] if a not in r["parties"]]
    if table == "arms_transfers" and (r["number"] is None) != (r["number_basis"] is None):
        r["number_basis"] = None if r["number"] is None else "stated"
    if r["id"] in (r["date_from"], r["part_of"]) or r["id"] in r["overlaps"]:
        r["part_of"], r["overlaps"] = None, []
        if r["date_from"] == r["id"]:
            r["date_basis"], r["date_from"] = "stated", None
    if r["note"] is None and (r["unnamed_actors"] or "inferred" in (r["date_basis"], r.get("number_basis"), r.get("value_basis"))):
        r["note"] = "inferred"
    return r


def rows(table: str, min_size: int = 1, max_size: int = 4):
    """Lists of valid rows of ``table`` (valid by the Pydantic model) with distinct keys."""
    one = st.fixed_dictionaries({f.name: field_strategy(table, f) for f in fields(table)}).map(
        lambda r: _coherent(table, r)).filter(lambda r: _valid(table, r))
    pk = TABLES_BY_NAME[table].primary_key
    return st.lists(one, min_size=min_size, max_size=max_size, unique_by=lambda r: tuple(r[k] for k in pk))
