"""EDTF dates: the accepted subset, and their lower and upper calendar bounds.

Standard library only; the ``edtf`` library (the reference parser) is imported on
first use.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

#: One EDTF date: level 0 (YYYY, YYYY-MM, YYYY-MM-DD) with level 1 qualifiers ~ ? %
#: and X-unspecified digits.
_DATE = r"(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?"
#: The EDTF subset accepted: a date, an interval of two dates, or an interval open at
#: one end ("2014/..": from 2014 on; "../2009": until 2009). Calendar validity (no
#: 30 February) is checked by the edtf library.
EDTF_PATTERN = rf"^({_DATE}(/({_DATE}|\.\.))?|\.\./{_DATE})$"
#: The same pattern as Table Schema writes it (implicitly anchored).
EDTF_TS_PATTERN = EDTF_PATTERN[1:-1]
OPEN = ".."


@lru_cache(maxsize=65536)
def _parse_one(value: str):
    from edtf import parse_edtf

    try:
        return parse_edtf(value)
    except Exception as exc:  # the library raises several exception types
        raise ValueError(f"not an EDTF date: {value!r}") from exc


def parse(value: str) -> tuple:
    """The edtf library's objects for the ends of ``value`` (None for an open end);
    raises ValueError when it is not EDTF in the accepted subset."""
    if not re.match(EDTF_PATTERN, value):
        raise ValueError(f"not an EDTF date: {value!r}")
    ends = tuple(None if part == OPEN else _parse_one(part) for part in value.split("/"))
    if len(ends) == 2 and None not in ends and bounds_of(ends[0])[0] > bounds_of(ends[1])[1]:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return ends


def bounds_of(e) -> tuple[dt.date, dt.date]:
    lo, hi = e.lower_strict(), e.upper_strict()
    return dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)


@lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest calendar day ``value`` can mean: '1992-03' -> (1992-03-01,
    1992-03-31); '1999/2008' -> (1999-01-01, 2008-12-31). An open end gives None."""
    ends = parse(value)
    lo = bounds_of(ends[0])[0] if ends[0] is not None else None
    hi = bounds_of(ends[-1])[1] if ends[-1] is not None else None
    return lo, hi
