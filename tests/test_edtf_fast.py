"""The fast EDTF path agrees with the edtf library, the reference parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.tables import edtf as edtf_bounds
from turaz_data.tables.edtf import _fast_bounds, is_edtf

from .strategies import examples


def reference(value: str):
    """(accepted, bounds or None) according to parse(), which asks the edtf library."""
    try:
        ends = edtf_bounds.parse(value)
    except ValueError:
        return False, None
    try:
        lo = edtf_bounds.bounds_of(ends[0])[0] if ends[0] is not None else None
        hi = edtf_bounds.bounds_of(ends[-1])[1] if ends[-1] is not None else None
    except ValueError:  # e.g. 1900-02-29: accepted, but no datetime.date
        return True, None
    return True, (lo, hi)


def check(value: str) -> None:
    accepted, ref_bounds = reference(value)
    assert is_edtf(value) == accepted, value
    fast = _fast_bounds(value)
    if fast is not None:
        assert accepted and fast == ref_bounds, value
    if accepted and ref_bounds is not None:
        assert edtf_bounds.bounds(value) == ref_bounds, value


_endpoint = st.builds(
    lambda y, m, d, form, q: {"y": y, "m": f"{y}-{m}", "d": f"{y}-{m}-{d}"}[form] + q,
    st.sampled_from(["0000", "0001", "1900", "1918", "1992", "1999", "2000", "2023", "9999", "199X", "19XX", "000X", "20XX", "1X9X"]),
    st.sampled_from(["00", "01", "02", "04", "06", "09", "11", "12", "13", "XX"]),
    st.sampled_from(["00", "01", "15", "28", "29", "30", "31", "32", "XX"]),
    st.sampled_from(["y", "m", "d"]),
    st.sampled_from(["", "~", "?", "%"]),
)
_end = st.one_of(_endpoint, st.just(".."))
edtf_like = st.one_of(_endpoint, st.builds(lambda a, b: f"{a}/{b}", _end, _end))


@settings(max_examples=examples(400))
@given(edtf_like)
def test_fast_path_agrees_with_the_library(value):
    check(value)


@pytest.mark.parametrize("value", ["1992-02-30", "1900-02-29", "1993-02-29", "1992-04-31", "2008/1999",
                                   "1992-08/1992", "0000", "١٩٩٢", "1992-8-11", " 1992", "1992/", "2001~~",
                                   "11 Ağustos 1992", "2020-09-27/2020-11-10", "1992-08-11?/1993~",
                                   "2014/..", "../2009", "../..", "1992-08-12/1992-08-11", "1992/1992-01-01"])
def test_edge_cases_agree_with_the_library(value):
    check(value)
