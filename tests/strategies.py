"""Hypothesis strategies for table rows, generated from the models' field descriptions.

Rows are dicts of Python values as :func:`turaz_data.tables.storage.parse_cell` produces them
(lists as lists, empty cells None). Foreign keys draw from the key sets in ``REFS``,
which tests pass to ``schemas.build_schema(table, refs=REFS)`` so that the property
tests do not depend on the shipped data.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from turaz_data.tables.fields import FieldDesc, fields

REFS: dict[str, set] = {
    "footnotes": set(range(1, 60)),
    "works": {"cornell-1998", "yuce-2016", "nato-2023-pfp"},
    "actors": {"tur", "aze", "arm", "rus", "geo", "nato"},
    "events": {"2020-second-karabakh-war", "1918-09-15-baku-liberated"},
    "agreements": {"1992-08-11-military-education-agreement", "2021-06-15-shusha-declaration"},
    "arms_transfers": {"2020-tb2-to-azerbaijan"},
    "quantities": {"1999-2015-azerbaijani-personnel-pfp-courses"},
}
#: Ids of rows of any claim table (columns with ``claim_ref``).
REFS["claims"] = set().union(*(REFS[t] for t in ("events", "agreements", "arms_transfers", "quantities")))

_WORD = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEĞIİÖŞÜ0123456789'’.,()", min_size=1, max_size=12)
TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
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


def _scalar(table: str, f: FieldDesc, refs: dict) -> st.SearchStrategy:
    if f.claim_ref:
        return st.sampled_from(sorted(refs["claims"]))
    if f.fk:
        res, col = f.fk.split(".")
        return st.sampled_from(sorted(refs[res]))
    if f.enum:
        return st.sampled_from(list(f.enum))
    if f.edtf:
        return edtf_dates()
    if f.type == "integer":
        return st.integers(int(f.minimum if f.minimum is not None else -10**6), int(f.maximum if f.maximum is not None else 10**6))
    if f.type == "number":
        return st.floats(f.minimum or 0, f.maximum if f.maximum is not None else 1e12, allow_nan=False).map(lambda x: round(x, 3))
    if f.type == "date":
        return st.dates(dt.date(1990, 1, 1), dt.date(2023, 12, 31))
    if f.pattern and "a-z0-9" in f.pattern:
        return SLUG
    if f.pattern and "A-Z]{3}" in f.pattern:
        return st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
    if f.pattern and "https?" in f.pattern:
        return SLUG.map(lambda s: f"https://example.org/{s}")
    strat = TEXT
    if f.max_length:
        strat = strat.filter(lambda s: len(s) <= f.max_length)
    return strat


def field_strategy(table: str, f: FieldDesc, refs: dict = REFS) -> st.SearchStrategy:
    if f.is_list:
        item = _scalar(table, FieldDesc(name=f.name, type=f.item_type or "string", description="", required=True,
                                        enum=f.enum, pattern=f.pattern, max_length=f.max_length, fk=f.fk), refs)
        return st.lists(item, min_size=f.min_items or 0, max_size=f.max_items or 4)
    s = _scalar(table, f, refs)
    return s if f.required else st.one_of(st.none(), s)


def rows(table: str, refs: dict = REFS) -> st.SearchStrategy[dict]:
    """Rows of ``table``, valid for the field rules (cross-field rules may be broken)."""
    return st.fixed_dictionaries({f.name: field_strategy(table, f, refs) for f in fields(table)})


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
