"""List columns are declared as strings with a delimiter (so that frictionless R reads them)
and a generated pattern; the pattern accepts exactly the cells the model accepts, and
frictionless-py enforces it."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.publish.descriptor import list_pattern
from turaz_data.tables.fields import fields
from turaz_data.tables.models import TABLES
from turaz_data.tables.storage import LIST_DELIMITER

LIST_FIELDS = [(t.name, f) for t in TABLES for f in fields(t.name) if f.is_list]


def _item(f):
    if f.enum:
        return st.sampled_from(f.enum)
    if f.pattern:
        return st.from_regex(f.pattern, fullmatch=True).filter(lambda s: LIST_DELIMITER not in s)
    return st.text(alphabet=st.characters(blacklist_characters=LIST_DELIMITER + "\n\r"), min_size=1,
                   max_size=(f.max_length or 30) + 5)


@pytest.mark.parametrize(("table", "f"), LIST_FIELDS, ids=[f"{t}.{f.name}" for t, f in LIST_FIELDS])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_pattern_counts_and_checks_items(table, f, data):
    items = data.draw(st.lists(_item(f), min_size=1, max_size=(f.max_items or 5) + 2))
    cell = LIST_DELIMITER.join(items)
    ok_count = (f.min_items or 1) <= len(items) <= (f.max_items or 10**6)
    ok_len = f.max_length is None or all(len(i) <= f.max_length for i in items)
    assert bool(re.fullmatch(list_pattern(f), cell)) == (ok_count and ok_len), cell


def test_frictionless_rejects_a_fifth_evidence_token(package_copy):
    import frictionless

    path = package_copy.parent / "tables" / "events.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    col = rows[0].index("evidence")
    rows[1][col] = "a|b|c|d|e"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    report = frictionless.validate(str(package_copy))
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert errors == [[2, "evidence", "constraint-error"]]
