"""The rule catalogue (turaz_data/tables/rules.py): each rule declared once, its two forms agree."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.tables import rules
from turaz_data.tables.fields import fields

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "turaz_data"


def test_every_code_is_declared_once_in_the_catalogue():
    # The catalogue is rules.py plus rowrules.py (the claim tables' provenance rules).
    text = "".join((PACKAGE / "tables" / n).read_text(encoding="utf-8") for n in ("rules.py", "rowrules.py"))
    for code in rules.RULES:
        declared = re.findall(rf'(?:_rule|_row_rule|ClaimRule)\((?:"[a-z_]+", )?"{code}"', text)
        assert len(declared) == 1, (code, declared)


def test_no_module_restates_a_message_of_the_catalogue():
    """One grep for a rule's words finds the catalogue only."""
    from turaz_data.tables.rowrules import CLAIM_RULES

    claim_codes = {r.code for rs in CLAIM_RULES.values() for r in rs}  # declared once in rowrules.py (test above)
    for rule in rules.RULES.values():
        words = rule.message.split("{")[0].strip()
        if len(words) < 25 or rule.code in claim_codes:
            continue  # short or templated messages say too little to be found
        hits = [p.relative_to(ROOT) for p in PACKAGE.rglob("*.py") if words in p.read_text(encoding="utf-8")]
        assert len(hits) == 1 and hits[0] in (Path("turaz_data/tables/rules.py"), Path("turaz_data/tables/rowrules.py")), \
            (rule.code, hits)


_VALUES = {
    "kind": st.sampled_from(["comment", "reference", "repeat"]),
    "summary": st.none() | st.just("A summary."),
    "form": st.sampled_from(["full", "short", "ibid", "op_cit"]),
    "repeats": st.none() | st.integers(1, 59),
    "footnote": st.integers(1, 59),
    "number": st.none() | st.integers(1, 1000),
    "number_qualifier": st.none() | st.sampled_from(["exact", "about"]),
    "supplier": st.sampled_from(["tur", "aze"]),
    "recipient": st.sampled_from(["tur", "aze"]),
    "unit": st.sampled_from(["percent", "person"]),
    "value": st.floats(0, 1000, allow_nan=False),
    # the provenance columns of the claim tables (turaz_data/tables/rowrules.py)
    "id": st.sampled_from(["row-a", "row-b"]),
    "date": st.none() | st.sampled_from(["1992", "2001~", "1999/2008"]),
    "date_basis": st.none() | st.sampled_from(["stated", "context", "inferred"]),
    "date_from": st.none() | st.sampled_from(["row-a", "row-c"]),
    "note": st.none() | st.just("A note."),
    "attribution": st.sampled_from(["asserted", "reported", "assessment"]),
    "attributed_to": st.none() | st.just("SIPRI"),
    "part_of": st.none() | st.sampled_from(["row-a", "row-c"]),
    "value_basis": st.sampled_from(["stated", "inferred"]),
    "number_basis": st.none() | st.sampled_from(["stated", "inferred"]),
}
_LISTS = {"unnamed_actors", "overlaps", "actors", "targets", "parties", "named"}
for _c in _LISTS:
    _VALUES[_c] = st.lists(st.sampled_from(["tur", "aze", "row-a"]), max_size=2)


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    data = {}
    for f in fields(table):
        if f.name not in rows[0]:
            continue
        values = [r[f.name] for r in rows]
        if f.is_list:
            data[f.name] = pd.Series(values, dtype=object)
        elif f.type == "integer":
            data[f.name] = pd.array(values, dtype="Int64")
        elif f.type == "number":
            data[f.name] = pd.array(values, dtype="float64")
        else:
            data[f.name] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


@pytest.mark.parametrize("rule", [r for rs in rules.ROW_RULES.values() for r in rs], ids=lambda r: r.code)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_row_form_and_the_frame_form_of_a_row_rule_agree(rule, data):
    rows = data.draw(st.lists(st.fixed_dictionaries({c: _VALUES[c] for c in rule.columns}), min_size=1, max_size=6))
    mask = pd.Series(rule.frame(_frame(rule.table, rows))).fillna(False).astype(bool).tolist()
    assert mask == [rule.row(r) for r in rows]


@pytest.mark.parametrize("value,code", [
    ("a\x00b", "text_control"), ("a\u202eb", "text_control"), ("a\u2066b", "text_control"),
    ("a\u2028b", "text_control"), (" a", "text_whitespace"), ("a\u3000", "text_whitespace"),
    ("=1", "text_formula"), ("e\u0301", "text_nfc"), ("", "text_empty"), ("a\tb", None), ("Türkiye", None),
])
def test_the_text_rule(value, code):
    rule = rules.text_problem(value)
    assert (rule.code if rule else None) == code


@pytest.mark.parametrize("token,ok", [("1992", True), (" 1992", False), ("a|b", False), ("x" * 81, False),
                                      ("x" * 80, True), ("=x", False), ("", False), ("11 Ağustos 1992", True)])
def test_evidence_tokens(token, ok):
    assert (rules.token_problem(token) is None) == ok
