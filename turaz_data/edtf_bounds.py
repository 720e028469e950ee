"""EDTF dates: the accepted subset, and their lower and upper calendar bounds.

Standard library only; the ``edtf`` library (the reference parser) is imported on
first use.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

#: The EDTF subset accepted: level 0 dates and intervals, with level 1 ~ ? % and
#: X-unspecified digits. Calendar validity (no 30 February) is checked by the edtf library.
EDTF_PATTERN = (
    r"^(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?"
    r"(/(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?)?$"
)
#: The same pattern as Table Schema writes it (implicitly anchored).
EDTF_TS_PATTERN = EDTF_PATTERN[1:-1]


@lru_cache(maxsize=65536)
def parse(value: str):
    """The edtf library's object for ``value``; raises ValueError when it is not EDTF."""
    from edtf import parse_edtf

    try:
        return parse_edtf(value)
    except Exception as exc:  # the library raises several exception types
        raise ValueError(f"not an EDTF date: {value!r}") from exc


@lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest calendar day ``value`` can mean: '1992-03' -> (1992-03-01, 1992-03-31)."""
    e = parse(value)
    lo, hi = e.lower_strict(), e.upper_strict()
    return dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)
