"""Hypothesis strategies for table rows, generated from the models' field descriptions:
the one row generator of the tests.

- :func:`rows` draws one row of a table, valid for the field rules (cross-field rules may
  be broken): the model-versus-schema and round-trip properties use it.
- :func:`valid_rows` draws lists of rows that the model accepts, with distinct keys: the
  contributed-file properties (validator, fast path) write them to CSV files.

Rows are dicts of Python values as :func:`turaz_data.tables.storage.parse_cell` produces them
(lists as lists, empty cells None). Foreign keys draw from the key sets in ``REFS``: the keys
the models' examples refer to and a few more (tests/_contrib_support.py builds package copies
holding exactly these), so that the properties do not depend on the shipped data. Tests pass
``REFS`` to ``schemas.build_schema(table, refs=REFS)`` and ``refs()`` to ``validate_file``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import settings
from hypothesis import strategies as st
from pydantic import ValidationError

from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import LIST_DELIMITER, TABLES_BY_NAME, text_problem

from ._contrib_support import refs as _refs


def examples(n: int) -> int:
    """``n`` examples under the ``ci`` Hypothesis profile, scaled by the profile loaded
    (``dev``: a quarter; see tests/conftest.py). Use as ``settings(max_examples=examples(n))``."""
    return max(1, n * settings.default.max_examples // 100)


REFS: dict[str, set] = {k: v for k, v in _refs().items() if ":" not in k}
#: Ids of rows of any claim table (columns with ``claim_ref``).
REFS["claims"] = set().union(*(REFS.get(t, set()) for t in ("events", "agreements", "arms_transfers", "quantities")))

_WORD = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEĞIİÖŞÜ0123456789'’.,()", min_size=1, max_size=12)
WORDS = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
#: Any text the text rules accept (NFC, no control characters, no edge white space, no formula start).
UNICODE_TEXT = (
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: text_problem(s) is None)
)
TEXT = st.one_of(WORDS, UNICODE_TEXT)
#: EDTF dates as written in the tables: generated ones, and shapes the generator does not make.
EDTF_SAMPLES = ["1992-08-11", "1992-08", "1992", "1999/2008", "2001~", "2012-06-05/2012-06-08", "198X",
                "2020-09-27/2020-11-10"]
SLUG = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8), min_size=1, max_size=5).map("-".join)


@st.composite
def edtf_dates(draw) -> str:
    def one():
        d = draw(st.dates(dt.date(1900, 1, 1), dt.date(2023, 12, 31)))
        prec = draw(st.sampled_from(["day", "month", "year"]))
        s = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[prec]
        return s + draw(st.sampled_from(["", "", "", "~", "?"]))

    a = one()
    shape = draw(st.sampled_from(["single", "single", "interval", "open_end", "open_start"]))
    if shape == "open_end":
        return f"{a}/.."
    if shape == "open_start":
        return f"../{a}"
    if shape == "interval":
        b = one()
        if b.rstrip("~?") < a.rstrip("~?"):
            a, b = b, a
        if b.rstrip("~?").startswith(a.rstrip("~?")) or a.rstrip("~?").startswith(b.rstrip("~?")):
            return a  # nested precisions ("1992/1992-03") make a degenerate interval
        return f"{a}/{b}"
    return a


def _scalar(f: FieldDesc, refs: dict, item: bool = False, wide: bool = False) -> st.SearchStrategy:
    """Valid values of one field (of one list item when ``item``). ``wide``: ISO dates are
    strings of any year from 1000 (as a CSV file holds them; pandas' datetime64 ends in 2262),
    else date objects of 1990-2023."""
    if f.claim_ref:
        claims = refs.get("claims") or set().union(
            *(refs.get(t, set()) for t in ("events", "agreements", "arms_transfers", "quantities")))
        return st.sampled_from(sorted(claims)) if claims else st.nothing()
    if f.fk:
        res, _ = f.fk.split(".")
        keys = sorted(refs.get(res, ()))
        return st.sampled_from(keys) if keys else st.nothing()  # no key to refer to: the cell stays empty
    if f.enum:
        return st.sampled_from(list(f.enum))
    if f.edtf:
        return st.one_of(edtf_dates(), st.sampled_from(EDTF_SAMPLES))
    if f.type == "integer":
        return st.integers(int(f.minimum if f.minimum is not None else -10**6),
                           int(f.maximum if f.maximum is not None else 10**6))
    if f.type == "number":
        lo = f.minimum if f.minimum is not None else -1e9
        hi = f.maximum if f.maximum is not None else 1e12
        return st.one_of(st.floats(lo, hi, allow_nan=False, allow_infinity=False),
                         st.floats(max(lo, 0), hi, allow_nan=False).map(lambda x: round(x, 3)))
    if f.type == "date":
        if not wide:
            return st.dates(dt.date(1990, 1, 1), dt.date(2023, 12, 31))
        return st.dates(dt.date(1000, 1, 1)).map(dt.date.isoformat)  # as read back from a CSV file
    if f.pattern and "https?" in f.pattern:
        return st.one_of(SLUG.map(lambda s: f"https://example.org/{s}"),
                         st.from_regex(r"https?://[a-z0-9][a-z0-9./_-]{0,30}", fullmatch=True))
    if f.pattern:
        heuristic = []
        if "a-z0-9" in f.pattern:
            heuristic.append(SLUG)
        if "A-Z]{3}" in f.pattern:
            heuristic.append(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3))
        regex = st.from_regex(f.pattern, fullmatch=True)
        strat = st.one_of(*heuristic, regex).filter(lambda v: len(v) <= (f.max_length or 80))
        return strat.filter(lambda v: LIST_DELIMITER not in v) if item else strat
    strat = TEXT
    if item:
        strat = strat.filter(lambda v: LIST_DELIMITER not in v)
    if f.max_length:
        strat = strat.filter(lambda v: len(v) <= f.max_length)
    return strat


def field_strategy(table: str, f: FieldDesc, refs: dict = REFS, wide: bool = False) -> st.SearchStrategy:
    """Values of field ``f`` of ``table`` valid for its own rules (None for an optional one)."""
    if f.is_list:
        if f.fk and not refs.get(f.fk.split(".")[0]):
            return st.just([])  # no key to refer to: the list stays empty
        item = _scalar(FieldDesc(name=f.name, type=f.item_type or "string", description="", required=True,
                                 enum=f.enum, pattern=f.pattern, max_length=f.max_length, fk=f.fk),
                       refs, item=True, wide=wide)
        return st.lists(item, min_size=f.min_items or 0, max_size=f.max_items or 4)
    s = _scalar(f, refs, wide=wide)
    return s if f.required else st.one_of(st.none(), s)


def rows(table: str, refs: dict = REFS, wide: bool = False) -> st.SearchStrategy[dict]:
    """Rows of ``table``, valid for the field rules (cross-field rules may be broken)."""
    return st.fixed_dictionaries({f.name: field_strategy(table, f, refs, wide) for f in fields(table)})


def _model_accepts(table: str, row: dict) -> bool:
    try:
        TABLES_BY_NAME[table].model.model_validate(row)
    except ValidationError:
        return False
    return True


def _coherent(table: str, row: dict, refs: dict) -> dict:
    """Make the provenance columns of a drawn claim row agree with each other (the row
    rules), so that most drawn rows are valid; other tables pass unchanged."""
    from turaz_data.tables.rules import ACTOR_COLUMNS, UNCERTAINTY_MARKS

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
        r["date_from"] = sorted(refs["claims"])[0]
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


def valid_rows(table: str, min_size: int = 1, max_size: int = 4, refs: dict = REFS) -> st.SearchStrategy[list]:
    """Lists of rows of ``table`` that its model accepts, with distinct keys."""
    one = rows(table, refs, wide=True).map(lambda r: _coherent(table, r, refs)).filter(lambda r: _model_accepts(table, r))
    pk = TABLES_BY_NAME[table].primary_key
    return st.lists(one, min_size=min_size, max_size=max_size, unique_by=lambda r: tuple(r[k] for k in pk))


# Values that break one rule each, by the kind of field they are put into.
BAD_TEXT = ["", " padded", "padded ", "=SUM(A1)", "+1", "-x", "@cmd", "a\x00b", "line\nbreak", "e\u0301"]
BAD_SLUG = ["Upper", "has space", "trailing-", "-lead", "a--b", "ş"]
BAD_EDTF = ["1992-02-30", "1992-13", "92-08-11", "11 Ağustos 1992", "1992/", "2001~~", "2009/2001", "../.."]


def mutation(f: FieldDesc, refs: dict = REFS) -> st.SearchStrategy:
    """A value for field ``f`` that is probably invalid (the property test checks the
    model and the schema agree on it, whatever it is)."""
    options: list = [st.just(None)]
    if f.is_list:
        options += [st.just([]), st.lists(st.sampled_from(BAD_TEXT + BAD_SLUG + ["x|y"]), min_size=1, max_size=6)]
        if f.max_items:
            options.append(st.just(["a"] * (f.max_items + 1)))
        if f.fk:
            options.append(st.just(["unknown-key"]))
        return st.one_of(options)
    if f.fk or f.claim_ref:
        options.append(st.just(60) if f.type == "integer" else st.just("unknown-key"))
    if f.enum:
        options.append(st.sampled_from(["", "other", f.enum[0].upper(), f.enum[0] + " "]))
    if f.edtf:
        options.append(st.sampled_from(BAD_EDTF))
    if f.type == "integer":
        lo = int(f.minimum) if f.minimum is not None else 0
        options.append(st.sampled_from([lo - 1, 10**7]))
    if f.type == "number":
        options.append(st.sampled_from([-1.0, 101.0, 1e13]))
    if f.type == "string" and not f.enum and not f.edtf:
        options.append(st.sampled_from(BAD_TEXT + BAD_SLUG + ["x" * 81]))
    return st.one_of(options)
